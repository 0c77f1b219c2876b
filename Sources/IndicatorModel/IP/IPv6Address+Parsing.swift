/// Parses any RFC 4291 section 2.2 text form of an IPv6 address into its eight 16-bit groups.
///
/// Accepts leading zeros, either case, one `::` and a trailing dotted IPv4 part
/// (`::ffff:192.0.2.1`), whose parts are read strictly (no leading zeros). Refuses zone
/// identifiers (`%eth0`); prefix lengths are the caller's business.
func parseIPv6Address(_ text: ArraySlice<UInt8>) throws(IPAddressError) -> [UInt16] {
    if text.contains(UInt8(ascii: "%")) { throw .zoneIdentifier }
    let colon = UInt8(ascii: ":")
    var compressionAt: ArraySlice<UInt8>.Index?
    var index = text.startIndex
    while index < text.endIndex {
        if text[index] == colon, text.index(after: index) < text.endIndex, text[text.index(after: index)] == colon {
            guard compressionAt == nil else { throw .ipv6DoubleColonRepeated }
            compressionAt = index
            index = text.index(index, offsetBy: 2)
            if index < text.endIndex, text[index] == colon { throw .ipv6MisplacedColon }
        } else {
            index = text.index(after: index)
        }
    }

    var head: [UInt16] = []
    var tail: [UInt16] = []
    head.reserveCapacity(8)
    if let compressionAt {
        try appendGroups(of: text[..<compressionAt], to: &head, mayEndInIPv4: false)
        try appendGroups(of: text[text.index(compressionAt, offsetBy: 2)...], to: &tail, mayEndInIPv4: true)
        let count = head.count + tail.count
        // "::" stands for at least one zero group.
        guard count <= 7 else { throw .ipv6GroupCount(count + 1) }
        return head + [UInt16](repeating: 0, count: 8 - count) + tail
    }
    try appendGroups(of: text, to: &head, mayEndInIPv4: true)
    guard head.count == 8 else { throw .ipv6GroupCount(head.count) }
    return head
}

/// Appends the colon-separated groups of one side of `::` (or of a whole uncompressed address).
private func appendGroups(
    of text: ArraySlice<UInt8>, to groups: inout [UInt16], mayEndInIPv4: Bool
) throws(IPAddressError) {
    guard !text.isEmpty else { return }
    var start = text.startIndex
    while true {
        let end = text[start...].firstIndex(of: UInt8(ascii: ":")) ?? text.endIndex
        let group = text[start..<end]
        guard !group.isEmpty else { throw .ipv6MisplacedColon }
        if group.contains(UInt8(ascii: ".")) {
            guard mayEndInIPv4, end == text.endIndex else { throw .ipv6MisplacedIPv4 }
            guard groups.count <= 6 else { throw .ipv6MisplacedIPv4 }
            let ipv4 = try parseIPv4Address(group, syntax: .strict)
            groups.append(UInt16(ipv4 >> 16))
            groups.append(UInt16(ipv4 & 0xFFFF))
            return
        }
        guard group.count <= 4 else { throw .ipv6GroupTooLong }
        var value: UInt16 = 0
        for byte in group {
            guard let digit = hexDigitValue(byte) else { throw .invalidCharacter(Character(Unicode.Scalar(byte))) }
            value = value << 4 | UInt16(digit)
        }
        groups.append(value)
        guard groups.count <= 8 else { throw .ipv6GroupCount(groups.count) }
        guard end < text.endIndex else { return }
        start = text.index(after: end)
        guard start < text.endIndex else { throw .ipv6MisplacedColon }
    }
}

/// The RFC 5952 text of an address: lowercase, no leading zeros, the longest run of two or more
/// zero groups (the first of equal runs) as `::`, and `::ffff:192.0.2.1` for IPv4-mapped addresses
/// (section 5: the well-known prefix ::ffff:0:0/96 marks the low 32 bits as IPv4).
func formatIPv6Address(_ groups: [UInt16]) -> String {
    precondition(groups.count == 8, "an IPv6 address has 8 groups")
    if groups[0..<5].allSatisfy({ $0 == 0 }), groups[5] == 0xFFFF {
        return "::ffff:" + formatIPv4Address(UInt32(groups[6]) << 16 | UInt32(groups[7]))
    }
    var bestStart = -1
    var bestLength = 1
    var runStart = 0
    for index in 0...8 {
        if index < 8, groups[index] == 0 { continue }
        let length = index - runStart
        if length > bestLength {
            bestStart = runStart
            bestLength = length
        }
        runStart = index + 1
    }
    let hex = groups.map { String($0, radix: 16) }
    guard bestStart >= 0 else { return hex.joined(separator: ":") }
    let before = hex[..<bestStart].joined(separator: ":")
    let after = hex[(bestStart + bestLength)...].joined(separator: ":")
    return before + "::" + after
}
