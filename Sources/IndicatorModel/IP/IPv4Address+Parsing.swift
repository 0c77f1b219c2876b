/// Which IPv4 spellings a parse accepts.
enum IPv4Syntax {
    /// Exactly four decimal parts 0-255 without leading zeros: the only form the `ip` kind takes,
    /// so that no reader can take `010` for octal.
    case strict
    /// Everything `inet_aton` and browsers accept in URL hosts: one to four parts, each decimal,
    /// octal (leading `0`) or hexadecimal (`0x`), the last part filling the remaining bytes
    /// (`3279880203`, `0xC0.0250.1`). Safe Browsing asks for these in URL hosts.
    case inetAton
}

/// Parses an IPv4 address into its 32-bit value.
///
/// One parser for both the `ip` kind (strict) and URL hosts (lenient), so that the two cannot
/// drift apart on what a part is.
func parseIPv4Address(_ text: ArraySlice<UInt8>, syntax: IPv4Syntax) throws(IPAddressError) -> UInt32 {
    var partCount = 1
    for byte in text where byte == UInt8(ascii: ".") { partCount += 1 }
    if syntax == .strict, partCount != 4 { throw .ipv4PartCount(partCount) }
    guard partCount <= 4 else { throw .ipv4PartCount(partCount) }

    var value: UInt64 = 0
    var partIndex = 0
    var partStart = text.startIndex
    while partIndex < partCount {
        let partEnd = text[partStart...].firstIndex(of: UInt8(ascii: ".")) ?? text.endIndex
        let part = try parseIPv4Part(text[partStart..<partEnd], syntax: syntax)
        let isLast = partIndex == partCount - 1
        // Every part but the last is one byte; the last fills the bytes that are left.
        let bytesCovered = isLast ? 4 - partIndex : 1
        let limit: UInt64 = (1 << (8 * UInt64(bytesCovered))) - 1
        guard part <= limit else { throw .ipv4PartOutOfRange }
        value = isLast ? (value << (8 * UInt64(bytesCovered))) | part : (value << 8) | part
        partIndex += 1
        partStart = partEnd == text.endIndex ? partEnd : text.index(after: partEnd)
    }
    return UInt32(truncatingIfNeeded: value)
}

/// One dot-separated part, as a number not yet checked against its byte range.
private func parseIPv4Part(_ part: ArraySlice<UInt8>, syntax: IPv4Syntax) throws(IPAddressError) -> UInt64 {
    guard let first = part.first else { throw .ipv4EmptyPart }
    var digits = part
    var radix: UInt64 = 10
    if syntax == .inetAton, first == UInt8(ascii: "0"), part.count > 1 {
        let second = part[part.index(after: part.startIndex)]
        if second == UInt8(ascii: "x") || second == UInt8(ascii: "X") {
            radix = 16
            digits = part.dropFirst(2)
            guard !digits.isEmpty else { throw .ipv4EmptyPart }
        } else {
            radix = 8
            digits = part.dropFirst()
        }
    }
    if syntax == .strict, first == UInt8(ascii: "0"), part.count > 1, part.allSatisfy(isASCIIDigit) {
        throw .ipv4LeadingZero
    }
    var value: UInt64 = 0
    for byte in digits {
        guard let digit = hexDigitValue(byte), UInt64(digit) < radix else {
            throw .invalidCharacter(Character(Unicode.Scalar(byte)))
        }
        value = value * radix + UInt64(digit)
        guard value <= UInt64(UInt32.max) else { throw .ipv4PartOutOfRange }
    }
    return value
}

/// The address in dotted decimal, e.g. `192.0.2.1`.
func formatIPv4Address(_ value: UInt32) -> String {
    "\(value >> 24).\((value >> 16) & 0xFF).\((value >> 8) & 0xFF).\(value & 0xFF)"
}
