/// The canonical form of a domain name: lowercase ASCII with Unicode labels as `xn--` A-labels, no
/// trailing dot, e.g. `Bücher.Example.` → `xn--bcher-kva.example`.
///
/// Single-label names such as `localhost` or an internal host are accepted: they exist, and refusing them
/// would only push people to invent spellings. Values shaped like URLs, email addresses, `host:port` or
/// IPv4 addresses are refused with an error naming the right kind.
func canonicalDomain(_ raw: String) throws(DomainNameError) -> String {
    try rejectOtherShapes(raw.utf8)
    var ascii = try domainToASCII(raw)
    if ascii.utf8.last == UInt8(ascii: ".") { ascii.removeLast() }
    return ascii
}

/// Recognises values of another kind before IDNA would reject them with a less helpful message.
private func rejectOtherShapes(_ bytes: String.UTF8View) throws(DomainNameError) {
    var colons = 0
    var digitsAfterColon = 0
    var isDigitsAndDots = true
    var digits = 0
    for byte in bytes {
        switch byte {
        case UInt8(ascii: "/"), UInt8(ascii: "\\"): throw .looksLikeURL
        case UInt8(ascii: "@"): throw .looksLikeEmailAddress
        case UInt8(ascii: ":"):
            colons += 1
            digitsAfterColon = 0
            isDigitsAndDots = false
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            digitsAfterColon += 1
            digits += 1
        case UInt8(ascii: "."):
            digitsAfterColon = -1_000
        default:
            digitsAfterColon = -1_000
            isDigitsAndDots = false
        }
    }
    if colons == 1, digitsAfterColon > 0 { throw .hasPort }
    if colons > 1 || (isDigitsAndDots && digits > 0 && digits < bytes.count) { throw .looksLikeIPAddress }
}
