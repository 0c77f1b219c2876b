/// Brings a URL into the Google Safe Browsing (v4) canonical form, e.g. `http://example.com/a/b?q`.
///
/// Follows "URLs and Hashing" (developers.google.com/safe-browsing/v4/urls-hashing): tab, CR and
/// LF removed; the fragment dropped; percent-escapes undone until none is left, then every byte
/// <= 0x20 or >= 0x7F, `#` and `%` escaped once (uppercase hex); `http` assumed when no scheme is
/// given; the host lowercased, without userinfo, port, leading, trailing or repeated dots, an IPv4
/// host in any `inet_aton` spelling written in dotted decimal; the path's `.`, `..` and empty
/// segments resolved; the query kept as written.
///
/// Beyond Safe Browsing, so that equal URLs give equal tokens:
/// - only `http` and `https` are accepted, and a URL needs a host;
/// - a host that is valid UTF-8 with non-ASCII letters becomes its IDNA A-label
///   (`bücher.example` → `xn--bcher-kva.example`) when UTS #46 ToASCII accepts it; other non-ASCII
///   bytes are escaped as Safe Browsing does;
/// - a bracketed IPv6 host is written in RFC 5952 form (`http://[2001:db8::1]/`);
/// - `//host/path` is read as `http://host/path`.
///
/// The caller has trimmed surrounding whitespace.
func canonicalURL(_ bytes: [UInt8]) throws(URLCanonicalizationError) -> String {
    var kept: [UInt8] = []
    kept.reserveCapacity(bytes.count)
    for byte in bytes {
        if byte == UInt8(ascii: "#") { break }
        if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
        kept.append(byte)
    }
    let text = fullyPercentDecoded(kept.trimmingASCIIWhitespace())

    var rest = text[...]
    let scheme: String
    if let (name, afterColon) = schemePrefix(of: text) {
        guard name == "http" || name == "https" else { throw .unsupportedScheme(name) }
        rest = text[afterColon...]
        guard rest.starts(with: "//".utf8) else { throw .missingSlashes(scheme: name) }
        rest = rest.dropFirst(2)
        scheme = name
    } else {
        if rest.starts(with: "//".utf8) { rest = rest.dropFirst(2) }
        scheme = "http"
    }

    let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
    let host = try canonicalHost(rest[..<authorityEnd])
    let afterAuthority = rest[authorityEnd...]
    let queryStart = afterAuthority.firstIndex(of: UInt8(ascii: "?"))

    var output: [UInt8] = []
    output.reserveCapacity(text.count + text.count / 2 + 16)
    output.append(contentsOf: scheme.utf8)
    output.append(contentsOf: "://".utf8)
    appendPercentEncoded(host, to: &output)
    appendPercentEncoded(canonicalPath(afterAuthority[..<(queryStart ?? afterAuthority.endIndex)]), to: &output)
    if let queryStart {
        output.append(UInt8(ascii: "?"))
        appendPercentEncoded(afterAuthority[afterAuthority.index(after: queryStart)...], to: &output)
    }
    return String(decoding: output, as: UTF8.self)
}

/// The lowercased scheme and the index after its `:`, when the text starts with one.
///
/// As in Google's reference client, `host:8080/…` is a host with a port rather than a scheme; so is
/// anything before `:` that contains a dot (`example.com:abc`), which then fails as a bad port.
private func schemePrefix(of text: [UInt8]) -> (String, Int)? {
    guard let first = text.first, isASCIILetter(first) else { return nil }
    var index = 1
    while index < text.count {
        let byte = text[index]
        if byte == UInt8(ascii: ":") { break }
        guard isASCIILetter(byte) || isASCIIDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        else { return nil }
        index += 1
    }
    guard index < text.count else { return nil }
    let afterColon = index + 1
    var portEnd = afterColon
    while portEnd < text.count, isASCIIDigit(text[portEnd]) { portEnd += 1 }
    if portEnd > afterColon,
        portEnd == text.count || text[portEnd] == UInt8(ascii: "/") || text[portEnd] == UInt8(ascii: "?")
    {
        return nil
    }
    let name = String(decoding: text[..<index], as: UTF8.self).lowercased()
    return (name, afterColon)
}
