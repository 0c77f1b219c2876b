/// Brings an IP address into its canonical text: dotted decimal for IPv4, RFC 5952 for IPv6.
///
/// - IPv4 must be exactly four decimal parts 0-255 without leading zeros (`192.0.2.1`);
///   `010.1.1.1` is refused because readers disagree on whether it is octal.
/// - IPv6 may be written in any RFC 4291 form (`2001:DB8:0:0:0:0:0:1`, `::ffff:192.0.2.1`) and
///   comes out as RFC 5952 text (`2001:db8::1`, `::ffff:192.0.2.1`).
/// - An IPv6 address may be wrapped in brackets, as it appears in URLs and logs (`[2001:db8::1]`);
///   the brackets are dropped. Text after `]` (a port), zone identifiers (`%eth0`) and prefix
///   lengths (`/64`) are refused with an error saying to drop them.
func canonicalIPAddress(_ raw: String) throws(IPAddressError) -> String {
    var text = Array(raw.utf8)[...]
    if text.contains(UInt8(ascii: "/")) { throw .prefixLength }
    if text.contains(UInt8(ascii: "%")) { throw .zoneIdentifier }
    if text.contains(where: { !isHexDigit($0) && !".:[]".utf8.contains($0) }) {
        throw .invalidCharacter(raw.first { !isIPAddressCharacter($0) } ?? "?")
    }
    var isBracketed = false
    if text.first == UInt8(ascii: "[") {
        guard let close = text.firstIndex(of: UInt8(ascii: "]")) else { throw .unclosedBracket }
        guard close == text.index(before: text.endIndex) else { throw .textAfterBracket }
        text = text[text.index(after: text.startIndex)..<close]
        isBracketed = true
    }
    if let stray = text.first(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) {
        throw .invalidCharacter(Character(Unicode.Scalar(stray)))
    }
    if text.contains(UInt8(ascii: ":")) { return formatIPv6Address(try parseIPv6Address(text)) }
    if isBracketed { throw .bracketedIPv4 }
    return formatIPv4Address(try parseIPv4Address(text, syntax: .strict))
}

/// Whether the character can appear in an address, possibly bracketed; anything else is named in the
/// error, so that the byte-level parsers only ever meet ASCII.
private func isIPAddressCharacter(_ character: Character) -> Bool {
    guard let ascii = character.asciiValue else { return false }
    return isHexDigit(ascii) || ".:[]".utf8.contains(ascii)
}
