/// The canonical host, not yet percent-escaped, from the authority (`user@Host:port`).
func canonicalHost(_ authority: ArraySlice<UInt8>) throws(URLCanonicalizationError) -> [UInt8] {
    var hostAndPort = authority
    if let at = authority.lastIndex(of: UInt8(ascii: "@")) { hostAndPort = authority[authority.index(after: at)...] }

    if hostAndPort.first == UInt8(ascii: "[") {
        guard let close = hostAndPort.firstIndex(of: UInt8(ascii: "]")) else { throw .unclosedIPv6Bracket }
        let afterBracket = hostAndPort[hostAndPort.index(after: close)...]
        if let colon = afterBracket.first {
            guard colon == UInt8(ascii: ":"), isValidPort(afterBracket.dropFirst()) else { throw .invalidPort }
        }
        let literal = hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close]
        do {
            return Array("[\(formatIPv6Address(try parseIPv6Address(literal)))]".utf8)
        } catch {
            throw .invalidIPv6Host(error)
        }
    }

    var host = hostAndPort
    if let colon = hostAndPort.lastIndex(of: UInt8(ascii: ":")) {
        host = hostAndPort[..<colon]
        if host.contains(UInt8(ascii: ":")) {
            let looksLikeIPv6 = hostAndPort.allSatisfy {
                isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".")
            }
            throw looksLikeIPv6 ? .unbracketedIPv6Host : .invalidPort
        }
        guard isValidPort(hostAndPort[hostAndPort.index(after: colon)...]) else { throw .invalidPort }
    }

    var name = collapsingDots(host)
    guard !name.isEmpty else { throw .missingHost }
    // Call site of the Domain area's UTS #46 ToASCII: only for hosts that are UTF-8 text with
    // non-ASCII characters, so U-label and A-label spellings meet. Safe Browsing's own cases with
    // non-UTF-8 bytes (`\x01\x80`) and hosts ToASCII refuses keep Safe Browsing's escaping.
    if name.contains(where: { $0 >= 0x80 }), let unicode = String(validating: name, as: UTF8.self),
        let ascii = try? domainToASCII(unicode)
    {
        name = collapsingDots(Array(ascii.utf8)[...])
        guard !name.isEmpty else { throw .missingHost }
    }
    if let ipv4 = try? parseIPv4Address(name[...], syntax: .inetAton) {
        return Array(formatIPv4Address(ipv4).utf8)
    }
    return name.map(asciiLowercased)
}

/// The host without leading and trailing dots, and runs of dots as one.
private func collapsingDots(_ host: ArraySlice<UInt8>) -> [UInt8] {
    let dot = UInt8(ascii: ".")
    var output: [UInt8] = []
    output.reserveCapacity(host.count)
    var pendingDot = false
    for byte in host {
        if byte == dot {
            pendingDot = !output.isEmpty
        } else {
            if pendingDot { output.append(dot) }
            pendingDot = false
            output.append(byte)
        }
    }
    return output
}

/// An empty port (`host:`) or a decimal number up to 65535.
private func isValidPort(_ port: ArraySlice<UInt8>) -> Bool {
    var value = 0
    for byte in port {
        guard isASCIIDigit(byte) else { return false }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
        if value > 65_535 { return false }
    }
    return true
}
