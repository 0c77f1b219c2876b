// Byte-level ASCII and hexadecimal helpers shared by the kinds' canonicalizers, which work on UTF-8
// bytes rather than Characters for speed.

/// Whether a byte is an ASCII decimal digit, `0` to `9`.
func isASCIIDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
}

/// Whether a byte is an ASCII letter in either case.
func isASCIILetter(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
}

/// Whether a byte is an ASCII uppercase letter, `A` to `Z`.
func isASCIIUppercase(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
}

/// The byte with an ASCII uppercase letter lowercased; every other byte, non-ASCII included, as it is.
func asciiLowercased(_ byte: UInt8) -> UInt8 {
    isASCIIUppercase(byte) ? byte | 0x20 : byte
}

/// Whether a byte is ASCII whitespace: space, tab, line feed, vertical tab, form feed or carriage return.
func isASCIIWhitespace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte)
}

extension BidirectionalCollection<UInt8> {
    /// The bytes without leading and trailing ASCII whitespace.
    func trimmingASCIIWhitespace() -> SubSequence {
        guard let first = firstIndex(where: { !isASCIIWhitespace($0) }),
            let last = lastIndex(where: { !isASCIIWhitespace($0) })
        else { return self[endIndex...] }
        return self[first...last]
    }
}

/// The value of an ASCII hexadecimal digit in either case, or nil for any other byte.
func hexDigitValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}

/// The value of a lowercase ASCII hexadecimal digit (`0-9`, `a-f`), or nil for any other byte,
/// uppercase digits included: the one spelling of tokens and digests on the wire.
func lowercaseHexDigitValue(_ byte: UInt8) -> UInt8? {
    isASCIIUppercase(byte) ? nil : hexDigitValue(byte)
}

/// Whether a byte is an ASCII hexadecimal digit in either case.
func isHexDigit(_ byte: UInt8) -> Bool {
    hexDigitValue(byte) != nil
}

/// The bytes that hexadecimal text in either case stands for, two digits a byte, or nil when the
/// text has an odd length or a character that is not a hexadecimal digit.
func hexDecoded(_ digits: some Collection<UInt8>) -> [UInt8]? {
    guard digits.count.isMultiple(of: 2) else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var index = digits.startIndex
    while index != digits.endIndex {
        let next = digits.index(after: index)
        guard let high = hexDigitValue(digits[index]), let low = hexDigitValue(digits[next]) else { return nil }
        bytes.append(high << 4 | low)
        index = digits.index(after: next)
    }
    return bytes
}

/// Lowercase hexadecimal text of bytes, two digits a byte.
func hexString(_ bytes: some Collection<UInt8>) -> String {
    String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
        var index = 0
        for byte in bytes {
            buffer[index] = lowercaseHexDigits[Int(byte >> 4)]
            buffer[index + 1] = lowercaseHexDigits[Int(byte & 0x0F)]
            index += 2
        }
        return index
    }
}

private let lowercaseHexDigits: [UInt8] = Array("0123456789abcdef".utf8)
