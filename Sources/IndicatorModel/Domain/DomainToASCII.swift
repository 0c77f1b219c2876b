import Foundation

/// UTS #46 ToASCII: a domain name as its lowercase ASCII (A-label) form, e.g. `Bücher.example` →
/// `xn--bcher-kva.example`.
///
/// Non-transitional processing (ß, ς and the joiners are kept, as in IDNA2008) with UseSTD3ASCIIRules,
/// CheckHyphens, CheckBidi, CheckJoiners and VerifyDnsLength. Validity follows the `idna` Python
/// package: after UTS #46 mapping every label must be IDNA2008 (RFC 5892) PVALID or pass its CONTEXTJ /
/// CONTEXTO rule, so symbols and emoji are rejected. The Bidi Rule applies to every label of a name
/// that has a right-to-left label, as UTS #46 and RFC 5893 say. One trailing dot is allowed and kept.
func domainToASCII(_ domain: String) throws(DomainNameError) -> String {
    let utf8 = domain.utf8
    if !utf8.contains(where: { $0 >= 0x80 }) {
        if !utf8.contains(where: isASCIIUppercase) {
            if try scanASCIIDomain(utf8) == .valid { return domain }
        } else if try scanASCIIDomain(utf8.lazy.map(asciiLowercased)) == .valid {
            return String(decoding: utf8.map(asciiLowercased), as: UTF8.self)
        }
    }
    return try unicodeDomainToASCII(domain)
}

private let dot = UInt8(ascii: ".")
private let hyphen = UInt8(ascii: "-")
private let maximumLabelOctets = 63
private let maximumDomainOctets = 253

/// Letters, digits and hyphen: the only ASCII that UseSTD3ASCIIRules allows inside a label.
private func isLDH(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        || byte == hyphen
}

private enum ASCIIScan { case valid, needsPunycode }

/// Checks a lowercase ASCII domain in one pass without allocating; `xn--` labels need the full path.
private func scanASCIIDomain(_ bytes: some Sequence<UInt8>) throws(DomainNameError) -> ASCIIScan {
    var total = 0
    var length = 0
    var prefix: UInt32 = 0  // the label's first four bytes
    var previous: UInt8 = 0
    for byte in bytes {
        total += 1
        if byte == dot {
            guard length > 0 else { throw .emptyLabel }
            guard previous != hyphen else { throw .hyphenAtLabelEdge }
            guard length <= maximumLabelOctets else { throw .labelTooLong(octets: length) }
            length = 0
            previous = byte
            continue
        }
        guard isLDH(byte) else { throw .disallowedCharacter(Unicode.Scalar(byte)) }
        length += 1
        if length <= 4 { prefix = (length == 1 ? 0 : prefix << 8) | UInt32(byte) }
        if length == 1, byte == hyphen { throw .hyphenAtLabelEdge }
        if length == 4, prefix & 0xFFFF == 0x2D2D {
            if prefix == 0x786E_2D2D { return .needsPunycode }  // "xn--"
            throw .hyphensInThirdAndFourthPosition
        }
        previous = byte
    }
    guard total > 0 else { throw .emptyLabel }
    guard previous != hyphen else { throw .hyphenAtLabelEdge }
    guard length <= maximumLabelOctets else { throw .labelTooLong(octets: length) }
    let octets = length == 0 ? total - 1 : total  // one trailing dot is allowed
    guard octets <= maximumDomainOctets else { throw .domainTooLong(octets: octets) }
    return .valid
}

/// The full UTS #46 path: mapping, NFC, Punycode for `xn--` and non-ASCII labels, validity, Bidi.
private func unicodeDomainToASCII(_ domain: String) throws(DomainNameError) -> String {
    let mapped = try normalized(mappedScalars(domain))
    // Far too long for DNS whatever the labels; refused before quadratic Punycode work (idna's own limit).
    guard mapped.count <= 1_024 else { throw .domainTooLong(octets: mapped.count) }
    var labels = mapped.split(separator: ".", omittingEmptySubsequences: false)
    let hasTrailingDot = labels.count > 1 && labels[labels.count - 1].isEmpty
    if hasTrailingDot { labels.removeLast() }

    var unicodeLabels: [ArraySlice<Unicode.Scalar>] = []
    var output: [UInt8] = []
    for label in labels {
        guard !label.isEmpty else { throw .emptyLabel }
        if !output.isEmpty { output.append(dot) }
        let start = output.count
        if label.allSatisfy(\.isASCII) {
            let bytes = label.map { UInt8($0.value) }
            if bytes.starts(with: Array("xn--".utf8)) {
                unicodeLabels.append(try decodedALabel(bytes.dropFirst(4)))
            } else {
                try validateIDNALabel(label)
                unicodeLabels.append(label)
            }
            output += bytes
        } else {
            try validateIDNALabel(label)
            unicodeLabels.append(label)
            guard let encoded = Punycode.encode(Array(label)) else { throw .labelTooLong(octets: label.count) }
            output += Array("xn--".utf8) + encoded
        }
        let octets = output.count - start
        guard octets <= maximumLabelOctets else { throw .labelTooLong(octets: octets) }
    }
    try checkIDNABidiRule(unicodeLabels)
    guard output.count <= maximumDomainOctets else { throw .domainTooLong(octets: output.count) }
    if hasTrailingDot { output.append(dot) }
    return String(decoding: output, as: UTF8.self)
}

/// UTS #46 §4 step 1 with UseSTD3ASCIIRules: each scalar kept, mapped, dropped or rejected.
private func mappedScalars(_ domain: String) throws(DomainNameError) -> [Unicode.Scalar] {
    var result: [Unicode.Scalar] = []
    result.reserveCapacity(domain.utf8.count)
    for scalar in domain.unicodeScalars {
        if scalar.isASCII {
            let byte = asciiLowercased(UInt8(scalar.value))
            guard isLDH(byte) || byte == dot else { throw .disallowedCharacter(scalar) }
            result.append(Unicode.Scalar(byte))
            continue
        }
        let (status, replacement) = idnaTables.mapping(of: scalar)
        switch status {
        case .valid, .deviation:
            result.append(scalar)
        case .mapped:
            for mapped in replacement where mapped.isASCII && !(isLDH(UInt8(mapped.value)) || mapped == ".") {
                throw .disallowedCharacter(scalar)
            }
            result += replacement
        case .ignored:
            continue
        case .disallowed:
            throw .disallowedCharacter(scalar)
        }
    }
    return result
}

/// The scalars in Normalization Form C; pure ASCII is already normalised.
private func normalized(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    guard !scalars.allSatisfy(\.isASCII) else { return scalars }
    var text = String.UnicodeScalarView()
    text.append(contentsOf: scalars)
    return Array(String(text).precomposedStringWithCanonicalMapping.unicodeScalars)
}

/// The U-label an `xn--` label stands for, if it is the canonical Punycode of a valid label.
private func decodedALabel(_ payload: ArraySlice<UInt8>) throws(DomainNameError) -> ArraySlice<Unicode.Scalar> {
    guard let last = payload.last, last != hyphen, let decoded = Punycode.decode(payload),
        Punycode.encode(decoded).map({ $0[...] == payload }) == true
    else { throw .invalidPunycode }
    guard normalized(decoded) == decoded else { throw .punycodeNotNormalized }
    try validateIDNALabel(decoded[...])
    return decoded[...]
}
