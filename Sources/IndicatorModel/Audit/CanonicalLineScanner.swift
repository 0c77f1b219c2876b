/// The verifier's fast path: recognises an export line that is already in canonical form — the
/// fourteen members in canonical order, no whitespace, minimal escapes, ASCII strings, every value
/// of its type and in its one spelling — and hands back the entry's canonical bytes (the line
/// without `hash` and `prev_hash`) without building strings or re-encoding.
///
/// For such a line, those bytes are exactly what `AuditRecord.canonicalBytes` would produce. Any
/// other line — one this scanner does not recognise — goes to the full parser, which reports the
/// precise error or re-encodes the entry; so the fast path never decides what the full parser would
/// decide differently.
struct CanonicalLineScanner {
    /// The entry's canonical bytes of the last line scanned.
    private(set) var canonical: [UInt8] = []
    private(set) var seq: Int64 = 0
    private(set) var hash: [UInt8] = []
    private(set) var previous: [UInt8] = []

    init() {
        canonical.reserveCapacity(1024)
        hash.reserveCapacity(32)
        previous.reserveCapacity(32)
    }

    /// Whether `line` is a canonical export line; when it is, `canonical`, `seq`, `hash` and
    /// `previous` describe it.
    mutating func scan(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        canonical.removeAll(keepingCapacity: true)
        var cursor = Cursor(bytes: line)
        guard cursor.literal("{\"action\":"), cursor.string(),  //
            cursor.literal(",\"actor\":"), cursor.stringOrNull(),  //
            cursor.literal(",\"at\":\""), cursor.time(), cursor.literal("\""),  //
            cursor.literal(",\"count\":"), cursor.integerOrNull(),  //
            cursor.literal(",\"delivered\":"), cursor.sequenceSetOrNull()
        else { return false }
        canonical.append(contentsOf: line[0..<cursor.offset])
        guard cursor.literal(",\"hash\":\""), cursor.hex(into: &hash), cursor.literal("\"") else { return false }
        var start = cursor.offset
        guard cursor.literal(",\"key_id\":"), cursor.stringOrNull(),  //
            cursor.literal(",\"outcome\":\""), cursor.outcome(), cursor.literal("\""),  //
            cursor.literal(",\"policy_version\":"), cursor.stringOrNull()
        else { return false }
        canonical.append(contentsOf: line[start..<cursor.offset])
        guard cursor.literal(",\"prev_hash\":\""), cursor.hex(into: &previous), cursor.literal("\"") else {
            return false
        }
        start = cursor.offset
        guard cursor.literal(",\"request_id\":"), cursor.stringOrNull(),  //
            cursor.literal(",\"resource\":"), cursor.stringOrNull(),  //
            cursor.literal(",\"seq\":"), let seq = cursor.integer(), seq >= 1,  //
            cursor.literal(",\"status\":"), cursor.integerOrNull(),  //
            cursor.literal("}"), cursor.offset == line.count
        else { return false }
        canonical.append(contentsOf: line[start..<cursor.offset])
        self.seq = seq
        return true
    }
}

/// Reads a line byte by byte; every method answers whether what follows is what it expects.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        let expected = UnsafeBufferPointer(start: text.utf8Start, count: count)
        for index in 0..<count where bytes[offset + index] != expected[index] { return false }
        offset += count
        return true
    }

    /// A string of ASCII characters with only the escapes RFC 8785 writes.
    mutating func string() -> Bool {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return false }
        offset += 1
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""): return true
            case UInt8(ascii: "\\"):
                guard offset < bytes.count else { return false }
                let escaped = bytes[offset]
                offset += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"),
                    UInt8(ascii: "f"), UInt8(ascii: "r"):
                    continue
                case UInt8(ascii: "u"):
                    // Only control characters without a short escape, in lowercase hex.
                    guard offset + 4 <= bytes.count, bytes[offset] == 48, bytes[offset + 1] == 48,
                        bytes[offset + 2] == 48 || bytes[offset + 2] == 49,
                        let low = lowercaseHexDigitValue(bytes[offset + 3])
                    else { return false }
                    let code = (bytes[offset + 2] - 48) << 4 | low
                    guard ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(code) else { return false }
                    offset += 4
                default: return false
                }
            case 0x20..<0x7F: continue
            default: return false
            }
        }
        return false
    }

    mutating func stringOrNull() -> Bool { literal("null") || string() }

    /// A canonical integer (no leading zeros, no plus sign, `-0` excluded) within ±(2^53 − 1).
    mutating func integer() -> Int64? {
        var negative = false
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") {
            negative = true
            offset += 1
        }
        let start = offset
        var value: Int64 = 0
        while offset < bytes.count, bytes[offset] &- 48 < 10 {
            guard offset - start < 16 else { return nil }
            value = value * 10 + Int64(bytes[offset] - 48)
            offset += 1
        }
        let digits = offset - start
        guard digits > 0, digits == 1 || bytes[start] != 48, value <= 9_007_199_254_740_991,
            !(negative && value == 0)
        else { return nil }
        return negative ? -value : value
    }

    mutating func integerOrNull() -> Bool { literal("null") || integer() != nil }

    /// An `AuditTime` in its one spelling.
    mutating func time() -> Bool {
        guard offset + 27 <= bytes.count,
            AuditTime(parsing: UnsafeBufferPointer(rebasing: bytes[offset..<offset + 27])) != nil
        else { return false }
        offset += 27
        return true
    }

    /// A sequence set in its one spelling, or null.
    mutating func sequenceSetOrNull() -> Bool {
        if literal("null") { return true }
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return false }
        offset += 1
        var previousEnd: Int64 = -1
        while true {
            guard let first = positive() else { return false }
            var last = first
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") {
                offset += 1
                guard let end = positive(), end > first else { return false }
                last = end
            }
            guard first > previousEnd + 1 || previousEnd < 0 else { return false }
            previousEnd = last
            guard offset < bytes.count else { return false }
            if bytes[offset] == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            guard bytes[offset] == UInt8(ascii: "\"") else { return false }
            offset += 1
            return true
        }
    }

    private mutating func positive() -> Int64? {
        guard offset < bytes.count, bytes[offset] != 48, let value = integer(), value > 0 else { return nil }
        return value
    }

    mutating func outcome() -> Bool { literal("success") || literal("refused") || literal("failed") }

    /// 64 lowercase hexadecimal digits, as 32 bytes.
    mutating func hex(into output: inout [UInt8]) -> Bool {
        guard offset + 64 <= bytes.count else { return false }
        if output.count != 32 { output = [UInt8](repeating: 0, count: 32) }
        let start = offset
        let isValid = output.withUnsafeMutableBufferPointer { out in
            lowercaseHexValues.withUnsafeBufferPointer { table in
                var invalid: UInt8 = 0
                for index in 0..<32 {
                    let high = table[Int(bytes[start + 2 * index])]
                    let low = table[Int(bytes[start + 2 * index + 1])]
                    invalid |= high | low
                    out[index] = high << 4 | (low & 0x0F)
                }
                return invalid & 0x80 == 0
            }
        }
        offset += 64
        return isValid
    }
}

/// Each byte's value as a lowercase hexadecimal digit, or 0xFF.
private let lowercaseHexValues: [UInt8] = (0...255).map { lowercaseHexDigitValue(UInt8($0)) ?? 0xFF }
