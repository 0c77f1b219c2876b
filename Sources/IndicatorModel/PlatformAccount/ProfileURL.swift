/// A profile URL pattern of the registry, such as `facebook.com/profile.php?id={id}`.
struct ProfileURLPattern: Sendable {
    enum Segment: Sendable {
        /// A path segment that must be this text (compared ignoring ASCII case).
        case literal(String)
        /// `*`: any one path segment.
        case wildcard
        /// `{id}` or `@{id}`: the segment is the identifier; it must start with `prefix`, which it keeps.
        case identifier(prefix: String)
    }

    let platform: Platform
    let host: String
    let segments: [Segment]
    /// When set, the identifier is this query parameter's value instead of a path segment.
    let queryKey: String?

    init(_ pattern: String, of platform: Platform) {
        let (location, query) = pattern.splitOnce("?")
        let parts = location.split(separator: "/").map(String.init)
        self.platform = platform
        host = parts[0]
        segments = parts.dropFirst().map { part in
            if part == "*" { return .wildcard }
            if part.hasSuffix("{id}") { return .identifier(prefix: String(part.dropLast(4))) }
            return .literal(part.lowercased())
        }
        queryKey = query.map { String($0.splitOnce("=").0) }
    }

    /// The identifier this pattern finds in the path segments and query, or nil if it does not match.
    func identifier(path: [Substring], query: Substring?) -> Substring? {
        guard path.count == segments.count else { return nil }
        var found: Substring?
        for (segment, text) in zip(segments, path) {
            switch segment {
            case .literal(let literal): guard text.lowercased() == literal else { return nil }
            case .wildcard: continue
            case .identifier(let prefix):
                guard text.hasPrefix(prefix), text.count > prefix.count else { return nil }
                found = text
            }
        }
        guard let queryKey else { return found }
        for parameter in (query ?? "").split(separator: "&") {
            let (key, value) = parameter.splitOnce("=")
            if key == queryKey, let value, !value.isEmpty { return value }
        }
        return nil
    }

    /// Patterns by host, in registry order.
    static let byHost: [String: [ProfileURLPattern]] = Dictionary(
        grouping: Platform.all.flatMap { platform in platform.profileURLs.map { ProfileURLPattern($0, of: platform) } },
        by: \.host)
}

/// The canonical account of a profile URL, given everything after its scheme (or the whole URL
/// when it has none).
func canonicalProfileURL(_ url: ArraySlice<UInt8>) throws(PlatformAccountError) -> String {
    let text = String(decoding: url, as: UTF8.self)
    let (beforeFragment, _) = text.splitOnce("#")
    let (location, query) = beforeFragment.splitOnce("?")
    let (authority, path) = location.splitOnce("/")
    let host = normalizedHost(authority)
    guard let patterns = ProfileURLPattern.byHost[host] else { throw .unknownHost(host) }
    let segments = (path ?? "").split(separator: "/")
    for pattern in patterns {
        guard let found = pattern.identifier(path: segments, query: query) else { continue }
        let identifier = percentDecoded(found)
        let platform = pattern.platform
        let bare = identifier.first == UInt8(ascii: "@") ? identifier.dropFirst() : identifier[...]
        if platform.reservedNames.contains(String(decoding: bare, as: UTF8.self).lowercased()) {
            throw .notAProfileURL(host: host)
        }
        do {
            return try platform.canonicalAccount(identifier[...])
        } catch .disallowedCharacter {
            throw .notAProfileURL(host: host)  // t.me/+invite, shop product pages and the like
        } catch {
            throw error
        }
    }
    throw .notAProfileURL(host: host)
}

/// The host in lowercase, without user, port, trailing dot and a `www.`, `m.`, `mobile.`, `web.` or
/// `mbasic.` in front (kept when nothing with a dot would remain, as in `m.me`).
private func normalizedHost(_ authority: Substring) -> String {
    var host = authority
    if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
    if let colon = host.firstIndex(of: ":") { host = host[..<colon] }
    var lowered = host.lowercased()
    if lowered.hasSuffix(".") { lowered.removeLast() }
    for prefix in ["www.", "m.", "mobile.", "web.", "mbasic."] where lowered.hasPrefix(prefix) {
        if lowered.dropFirst(prefix.count).contains(".") { lowered.removeFirst(prefix.count) }
        break
    }
    return lowered
}

/// The bytes with `%XX` escapes decoded; malformed escapes stay as they are.
private func percentDecoded(_ text: Substring) -> [UInt8] {
    let bytes = Array(text.utf8)
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
        if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
            let high = hexDigitValue(bytes[index + 1]), let low = hexDigitValue(bytes[index + 2])
        {
            result.append(high << 4 | low)
            index += 3
        } else {
            result.append(bytes[index])
            index += 1
        }
    }
    return result
}

extension StringProtocol where SubSequence == Substring {
    /// The text before the first `separator` and, if there is one, the text after it.
    fileprivate func splitOnce(_ separator: Character) -> (Substring, Substring?) {
        guard let index = firstIndex(of: separator) else { return (self[...], nil) }
        return (self[..<index], self[index...].dropFirst())
    }
}
