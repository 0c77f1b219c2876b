import Foundation

/// The canonical form of an email address: the whole address lowercased (the local part too, including
/// non-ASCII letters, since providers treat it case-insensitively in practice) and the domain as by
/// `canonicalDomain`, e.g. `User@Bücher.Example` → `user@xn--bcher-kva.example`.
///
/// The local part is taken as written otherwise: dots are not removed (`j.doe` and `jdoe` differ at most
/// providers) and consecutive or leading dots are accepted, because old addresses at Japanese mobile
/// carriers have them. Quoted local parts are refused: they are vanishingly rare in real mail and would
/// give one mailbox several spellings. Non-ASCII local parts (RFC 6531) are brought into NFC.
func canonicalEmail(_ raw: String) throws(EmailAddressError) -> String {
    let bytes = raw.utf8
    if bytes.lazy.map(asciiLowercased).starts(with: "mailto:".utf8) { throw .mailtoLink }
    if bytes.contains(UInt8(ascii: "<")) || bytes.contains(UInt8(ascii: ">")) { throw .angleBrackets }
    if bytes.first == UInt8(ascii: "\"") { throw .quotedLocalPart }
    let atSigns = bytes.count { $0 == UInt8(ascii: "@") }
    guard atSigns > 0 else { throw .missingAtSign }
    guard atSigns == 1 else { throw .multipleAtSigns(count: atSigns) }
    guard let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { throw .missingAtSign }

    let localPart = try canonicalLocalPart(raw[..<at])
    let domain: String
    do { domain = try canonicalDomain(String(raw[bytes.index(after: at)...])) } catch { throw .domain(error) }
    return localPart + "@" + domain
}

private func canonicalLocalPart(_ localPart: Substring) throws(EmailAddressError) -> String {
    guard !localPart.isEmpty else { throw .emptyLocalPart }
    for scalar in localPart.unicodeScalars where !isAllowedInLocalPart(scalar) {
        throw scalar == "\"" ? .quotedLocalPart : .disallowedCharacter(scalar)
    }
    let canonical =
        localPart.utf8.allSatisfy({ $0 < 0x80 })
        ? String(decoding: localPart.utf8.map(asciiLowercased), as: UTF8.self)
        : localPart.lowercased().precomposedStringWithCanonicalMapping
    let octets = canonical.utf8.count
    guard octets <= 64 else { throw .localPartTooLong(octets: octets) }
    return canonical
}

/// Anything but whitespace, controls, invisible formatting and the RFC 5322 specials `( ) , : ; [ ] \ "`.
private func isAllowedInLocalPart(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
        switch scalar {
        case "(", ")", ",", ":", ";", "[", "]", "\\", "\"": return false
        default: return scalar.value > 0x20 && scalar.value < 0x7F
        }
    }
    let properties = scalar.properties
    switch properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .surrogate, .privateUse,
        .unassigned:
        return false
    default:
        return !properties.isWhitespace
    }
}
