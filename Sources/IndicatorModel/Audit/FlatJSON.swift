/// A JSON object whose values are all strings, integers or null — the shape of an audit entry and of
/// an export line — read and written in RFC 8785 (JCS) form without Foundation, since verifying a
/// million-entry export parses and re-encodes a million of them.
struct FlatJSONObject {
    enum Value: Equatable {
        case string(String)
        case integer(Int64)
        case null
    }

    private(set) var members: [(name: String, value: Value)] = []

    subscript(name: String) -> Value? {
        members.first { $0.name == name }?.value
    }

    /// Parses one object; whitespace between tokens is allowed, nesting, fractions, exponents,
    /// booleans and repeated names are not.
    init(parsing bytes: some Collection<UInt8>) throws(FlatJSONError) {
        var reader = ByteReader(Array(bytes))
        reader.skipWhitespace()
        try reader.expect(UInt8(ascii: "{"))
        reader.skipWhitespace()
        if reader.peek() == UInt8(ascii: "}") {
            reader.advance()
        } else {
            while true {
                reader.skipWhitespace()
                let name = try reader.string()
                guard !members.contains(where: { $0.name == name }) else { throw .repeatedName(name) }
                reader.skipWhitespace()
                try reader.expect(UInt8(ascii: ":"))
                reader.skipWhitespace()
                members.append((name, try reader.value()))
                reader.skipWhitespace()
                if reader.peek() == UInt8(ascii: ",") {
                    reader.advance()
                    continue
                }
                try reader.expect(UInt8(ascii: "}"))
                break
            }
        }
        reader.skipWhitespace()
        guard reader.isAtEnd else { throw .trailingText }
    }

    init(_ members: [(name: String, value: Value)]) {
        self.members = members
    }

    /// The RFC 8785 form: members sorted by name (all names here are ASCII, so byte order is
    /// UTF-16 order), no whitespace, minimal string escapes.
    func canonicalBytes(into output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        let precedes = { (a: (name: String, value: Value), b: (name: String, value: Value)) in
            a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
        }
        // Entries are built in canonical order; sort only what is not.
        let isSorted = zip(members, members.dropFirst()).allSatisfy { precedes($0, $1) }
        for (index, member) in (isSorted ? members : members.sorted(by: precedes)).enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            appendString(member.name, to: &output)
            output.append(UInt8(ascii: ":"))
            switch member.value {
            case .string(let text): appendString(text, to: &output)
            case .integer(let number): output.append(contentsOf: String(number).utf8)
            case .null: output.append(contentsOf: "null".utf8)
            }
        }
        output.append(UInt8(ascii: "}"))
    }
}

/// Why text is not a flat JSON object.
enum FlatJSONError: Error, Equatable, CustomStringConvertible {
    case unexpected(expected: String, at: Int)
    case unterminatedString
    case badEscape
    case unsupportedValue(at: Int)
    case numberOutOfRange
    case repeatedName(String)
    case trailingText

    var description: String {
        switch self {
        case .unexpected(let expected, let offset): "expected \(expected) at byte \(offset + 1)"
        case .unterminatedString: "a string is not closed"
        case .badEscape: "a string has an invalid escape"
        case .unsupportedValue(let offset):
            "byte \(offset + 1): only strings, integers and null are allowed as values"
        case .numberOutOfRange: "a number is beyond ±(2^53 − 1)"
        case .repeatedName(let name): "the member \"\(name)\" appears twice"
        case .trailingText: "text follows the object"
        }
    }
}

/// Appends a JSON string in RFC 8785 form: only `"`, `\` and U+0000–U+001F are escaped.
func appendString(_ text: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: [92, 34])
        case UInt8(ascii: "\\"): output.append(contentsOf: [92, 92])
        case 0x08: output.append(contentsOf: [92, UInt8(ascii: "b")])
        case 0x09: output.append(contentsOf: [92, UInt8(ascii: "t")])
        case 0x0A: output.append(contentsOf: [92, UInt8(ascii: "n")])
        case 0x0C: output.append(contentsOf: [92, UInt8(ascii: "f")])
        case 0x0D: output.append(contentsOf: [92, UInt8(ascii: "r")])
        case 0..<0x20:
            output.append(contentsOf: Array("\\u00".utf8))
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        default: output.append(byte)
        }
    }
    output.append(UInt8(ascii: "\""))
}

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset >= bytes.count }

    func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    mutating func advance() { offset += 1 }

    mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { offset += 1 }
    }

    mutating func expect(_ byte: UInt8) throws(FlatJSONError) {
        guard peek() == byte else {
            throw .unexpected(expected: "`\(Character(Unicode.Scalar(byte)))`", at: offset)
        }
        offset += 1
    }

    mutating func value() throws(FlatJSONError) -> FlatJSONObject.Value {
        guard let byte = peek() else { throw .unsupportedValue(at: offset) }
        switch byte {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "n"):
            guard bytes[offset...].starts(with: "null".utf8) else { throw .unsupportedValue(at: offset) }
            offset += 4
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try integer())
        default: throw .unsupportedValue(at: offset)
        }
    }

    mutating func integer() throws(FlatJSONError) -> Int64 {
        let start = offset
        if peek() == UInt8(ascii: "-") { offset += 1 }
        let digitsStart = offset
        while let byte = peek(), byte &- 48 < 10 { offset += 1 }
        let digits = offset - digitsStart
        guard digits > 0, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else {
            throw .unexpected(expected: "a number", at: start)
        }
        if let byte = peek(), byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            throw .unsupportedValue(at: start)
        }
        // RFC 8785 numbers are IEEE doubles: integers beyond ±(2^53 − 1) have no exact form.
        guard let value = Int64(String(decoding: bytes[start..<offset], as: UTF8.self)),
            (-9_007_199_254_740_991...9_007_199_254_740_991).contains(value)
        else { throw .numberOutOfRange }
        return value
    }

    mutating func string() throws(FlatJSONError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = offset
        // The common case: no escapes, so the string is the bytes as they are.
        while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw .unterminatedString }
            offset += 1
        }
        guard let stop = peek() else { throw .unterminatedString }
        if stop == UInt8(ascii: "\"") {
            offset += 1
            return try validUTF8(bytes[start..<offset - 1])
        }
        var scalars = Array(bytes[start..<offset])
        while let byte = peek() {
            offset += 1
            switch byte {
            case UInt8(ascii: "\""): return try validUTF8(scalars[...])
            case UInt8(ascii: "\\"): try escape(into: &scalars)
            case 0..<0x20: throw .unterminatedString
            default: scalars.append(byte)
            }
        }
        throw .unterminatedString
    }

    private func validUTF8(_ slice: ArraySlice<UInt8>) throws(FlatJSONError) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else { throw .badEscape }
        return text
    }

    private mutating func escape(into output: inout [UInt8]) throws(FlatJSONError) {
        guard let byte = peek() else { throw .unterminatedString }
        offset += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hexQuad()
            if (0xD800..<0xDC00).contains(code) {
                guard bytes[offset...].starts(with: [92, UInt8(ascii: "u")]) else { throw .badEscape }
                offset += 2
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw .badEscape }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw .badEscape }
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        default: throw .badEscape
        }
    }

    private mutating func hexQuad() throws(FlatJSONError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw .badEscape }
        var code: UInt32 = 0
        for byte in bytes[offset..<offset + 4] {
            guard let digit = hexDigitValue(byte) else { throw .badEscape }
            code = code << 4 | UInt32(digit)
        }
        offset += 4
        return code
    }
}
