/// A raw phone number reduced to its digits and whether it started with a plus sign, after
/// checking that every character belongs in a phone number.
///
/// Accepted: decimal digits of any script (full-width, Arabic-Indic, …, read as 0-9), one or more
/// leading `+`/`＋`, an RFC 3966 `tel:` prefix, and libphonenumber's punctuation (spaces including
/// no-break and other Unicode spaces, `-` and Unicode dashes, `.`, `/`, `(`, `)`, `[`, `]`, `~`
/// and their full-width forms) anywhere. RFC 3966 parameters: `phone-context` (a global number
/// prefix such as `+66`, put in front of the digits, or a domain name, ignored) as libphonenumber
/// reads it; `ext` and `isub` are refused as extensions.
struct PhoneNumberInput {
    var digits = DigitString()
    /// All digits seen, also those beyond `DigitString.capacity`.
    var digitCount = 0
    var hasPlus = false

    init(scanning raw: String) throws(PhoneNumberError) {
        var text = raw
        var outcome = Result<PhoneNumberInput, PhoneNumberError>.failure(.noDigits)
        text.withUTF8 { bytes in
            do throws(PhoneNumberError) {
                outcome = .success(try PhoneNumberInput(utf8: bytes))
            } catch {
                outcome = .failure(error)
            }
        }
        self = try outcome.get()
    }

    private init(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(PhoneNumberError) {
        var index = Self.hasTelPrefix(bytes) ? 4 : 0
        let numberEnd = bytes[index...].firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
        if numberEnd < bytes.count {
            try readParameters(bytes[(numberEnd + 1)...])
        }
        let hasContext = hasPlus
        var isInLeadingPlusRun = false
        while index < numberEnd {
            let byte = bytes[index]
            if byte < 0x80 {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    appendDigit(byte - 0x30)
                    isInLeadingPlusRun = false
                case UInt8(ascii: "+"):
                    if hasContext { throw .unexpectedCharacter("+") }
                    try acceptPlus(&isInLeadingPlusRun)
                case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "("),
                    UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "~"):
                    isInLeadingPlusRun = false
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "#"):
                    throw Self.letterError(bytes, at: index)
                default:
                    throw .unexpectedCharacter(Character(Unicode.Scalar(byte)))
                }
                index += 1
                continue
            }
            let (scalar, width) = Self.decodeScalar(bytes, at: index)
            if scalar.value == 0xFF0B {
                if hasContext { throw .unexpectedCharacter("+") }
                try acceptPlus(&isInLeadingPlusRun)
            } else if Self.isSeparator(scalar.value) {
                isInLeadingPlusRun = false
            } else if scalar.properties.numericType == .decimal, let digit = scalar.properties.numericValue {
                appendDigit(UInt8(digit))
                isInLeadingPlusRun = false
            } else if scalar.properties.isAlphabetic {
                throw .lettersNotAllowed
            } else {
                throw .unexpectedCharacter(Character(scalar))
            }
            index += width
        }
        if digitCount == 0 { throw .noDigits }
    }

    private mutating func appendDigit(_ digit: UInt8) {
        if !digits.isFull { digits.append(digit) }
        digitCount += 1
    }

    /// Plus signs only before the first digit, in one run, as libphonenumber accepts them.
    private mutating func acceptPlus(_ isInLeadingPlusRun: inout Bool) throws(PhoneNumberError) {
        guard digitCount == 0, isInLeadingPlusRun || !hasPlus else { throw .unexpectedCharacter("+") }
        hasPlus = true
        isInLeadingPlusRun = true
    }

    private static func hasTelPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 4 && bytes[0] | 0x20 == UInt8(ascii: "t") && bytes[1] | 0x20 == UInt8(ascii: "e")
            && bytes[2] | 0x20 == UInt8(ascii: "l") && bytes[3] == UInt8(ascii: ":")
    }

    /// Extension markers (`x`, `ext`, `#`) name the error precisely; other letters are vanity
    /// numbers or words.
    private static func letterError(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> PhoneNumberError {
        let word = String(decoding: bytes[index..<min(index + 3, bytes.count)], as: UTF8.self).lowercased()
        if word.hasPrefix("x") || word.hasPrefix("ext") || word.hasPrefix("#") { return .extensionNotAllowed }
        return .lettersNotAllowed
    }

    /// RFC 3966 parameters after the first `;`. A global-number `phone-context` (`+66`) supplies
    /// the leading digits and the plus sign, like libphonenumber's buildNationalNumberForParsing.
    private mutating func readParameters(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) throws(PhoneNumberError) {
        for parameter in bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false) {
            let equals = parameter.firstIndex(of: UInt8(ascii: "=")) ?? parameter.endIndex
            let name = String(decoding: parameter[..<equals], as: UTF8.self).lowercased()
            let value = parameter[equals...].dropFirst()
            switch name {
            case "phone-context":
                try readPhoneContext(value)
            case "ext", "isub":
                throw .extensionNotAllowed
            default:
                throw .unexpectedCharacter(";")
            }
        }
    }

    private mutating func readPhoneContext(_ value: Slice<UnsafeBufferPointer<UInt8>>) throws(PhoneNumberError) {
        guard let first = value.first, !hasPlus else { throw .invalidPhoneContext }
        if first == UInt8(ascii: "+") {
            // global-number-digits: "+" then digits and visual separators, at least one digit.
            for byte in value.dropFirst() {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): appendDigit(byte - 0x30)
                case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"): continue
                default: throw .invalidPhoneContext
                }
            }
            guard digitCount > 0 else { throw .invalidPhoneContext }
            hasPlus = true
        } else {
            // A domain name only says where the number is local: nothing to add.
            let isDomain = value.allSatisfy { byte in
                isASCIILetter(byte) || isASCIIDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            }
            guard isDomain, value.contains(where: isASCIILetter) else { throw .invalidPhoneContext }
        }
    }

    /// The scalar starting at a non-ASCII byte of valid UTF-8 (a String's bytes) and its width.
    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (0xFF >> (width + 1))
        for offset in 1..<width where index + offset < bytes.count {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    /// libphonenumber's non-ASCII VALID_PUNCTUATION and the Unicode spaces pasting brings in.
    private static func isSeparator(_ value: UInt32) -> Bool {
        switch value {
        case 0xA0, 0xAD, 0x2000...0x200B, 0x2010...0x2015, 0x202F, 0x2053, 0x2060, 0x2212, 0x223C: true
        case 0x3000, 0x30FC, 0xFF08, 0xFF09, 0xFF0D, 0xFF0E, 0xFF0F, 0xFF3B, 0xFF3D, 0xFF5E: true
        default: false
        }
    }
}
