/// The canonical form of an account on an online platform: `platform:identifier`, e.g.
/// `telegram:somename`, `facebook:100012345678901`, `whatsapp:+66812345678`.
///
/// Accepts `platform:identifier` (platform name or alias, any case) or a profile URL with or
/// without scheme, `www.` or `m.`. Each platform's identifier rules (characters, length, case,
/// phone numbers) are in `Platform.all` and docs/platforms.md.
func canonicalPlatformAccount(_ raw: String) throws(PlatformAccountError) -> String {
    let bytes = Array(raw.utf8)
    if let separator = bytes.firstRange(of: schemeSeparator) {
        let scheme = String(decoding: bytes[..<separator.lowerBound], as: UTF8.self).lowercased()
        guard scheme == "https" || scheme == "http" else { throw .unsupportedScheme(scheme) }
        return try canonicalProfileURL(bytes[separator.upperBound...])
    }
    let colon = bytes.firstIndex(of: UInt8(ascii: ":"))
    if let colon {
        let name = String(decoding: trimmingSpaces(bytes[..<colon]), as: UTF8.self).lowercased()
        if let platform = Platform.byName[name] {
            return try platform.canonicalAccount(trimmingSpaces(bytes[(colon + 1)...]))
        }
    }
    let hostEnd = bytes.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? bytes.endIndex
    if bytes[..<hostEnd].contains(UInt8(ascii: ".")) { return try canonicalProfileURL(bytes[...]) }
    if let colon, case let name = trimmingSpaces(bytes[..<colon]), !name.isEmpty {
        throw .unknownPlatform(String(decoding: name, as: UTF8.self))
    }
    throw .missingPlatform
}

private let schemeSeparator = Array("://".utf8)

extension Platform {
    /// Platforms by lowercase name and alias.
    static let byName: [String: Platform] = Dictionary(
        all.flatMap { platform in ([platform.name] + platform.aliases).map { ($0, platform) } },
        uniquingKeysWith: { first, _ in first })

    /// `name:identifier` in canonical form, by the first rule that applies to the identifier.
    func canonicalAccount(_ identifier: ArraySlice<UInt8>) throws(PlatformAccountError) -> String {
        guard !identifier.isEmpty else { throw .missingIdentifier(platform: name) }
        let rule = rules.first { $0.applies(to: identifier) } ?? rules[rules.count - 1]
        var id = identifier
        if case .leading = rule.selector { id = id.dropFirst() }
        if let leading = rule.optionalLeading, id.first == leading { id = id.dropFirst() }
        guard !id.isEmpty else { throw .missingIdentifier(platform: name) }
        switch rule.syntax {
        case .phoneNumber(let nationalRegion):
            return name + ":" + (try canonicalPhoneAccount(id, nationalRegion: nationalRegion))
        case .name(let characters, let length, let isCaseInsensitive, let ignored):
            var canonical = Array(name.utf8) + [UInt8(ascii: ":")] + Array(rule.canonicalPrefix.utf8)
            let start = canonical.count
            canonical.reserveCapacity(start + id.count)
            for index in id.indices {
                let byte = isCaseInsensitive ? asciiLowercased(id[index]) : id[index]
                guard characters.contains(byte) else {
                    throw .disallowedCharacter(platform: name, character: scalar(at: index, in: id))
                }
                if !ignored.contains(byte) { canonical.append(byte) }
            }
            // Characters the platform ignores (Facebook's dots) do not count towards the length.
            let count = canonical.count - start
            guard count >= length.lowerBound else {
                throw .identifierTooShort(platform: name, length: count, range: length)
            }
            guard count <= length.upperBound else {
                throw .identifierTooLong(platform: name, length: count, range: length)
            }
            return String(decoding: canonical, as: UTF8.self)
        }
    }

    /// A phone number through the phone kind's canonicalizer. Platforms write international
    /// numbers without `+` (wa.me/66812345678), so one is added; a leading 0 is a national number
    /// only on platforms with a `nationalRegion` (Zalo links carry Vietnamese national numbers).
    private func canonicalPhoneAccount(
        _ number: ArraySlice<UInt8>, nationalRegion: String?
    ) throws(PlatformAccountError) -> String {
        let text = String(decoding: number, as: UTF8.self)
        let isNational = nationalRegion != nil && number.first == UInt8(ascii: "0")
        let international = number.first == UInt8(ascii: "+") || isNational ? text : "+" + text
        do {
            return try canonicalPhoneNumber(international, defaultRegion: isNational ? nationalRegion : nil)
        } catch {
            throw .invalidPhoneNumber(platform: name, reason: error.description)
        }
    }
}

extension IdentifierRule {
    func applies(to identifier: ArraySlice<UInt8>) -> Bool {
        switch selector {
        case .any:
            true
        case .leading(let byte):
            identifier.first == byte
        case .allDigits:
            identifier.allSatisfy(isASCIIDigit)
        case .phoneLike:
            identifier.first == UInt8(ascii: "+")
                || identifier.allSatisfy { isASCIIDigit($0) || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }
        case .prefix(let prefix, let length):
            identifier.count == length && identifier.starts(with: prefix.utf8)
        }
    }
}

/// The bytes without leading and trailing ASCII spaces.
private func trimmingSpaces(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var slice = bytes
    while slice.first == 0x20 { slice = slice.dropFirst() }
    while slice.last == 0x20 { slice = slice.dropLast() }
    return slice
}
