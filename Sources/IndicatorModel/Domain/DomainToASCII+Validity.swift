/// The label checks of UTS #46 §4.1 and IDNA2008 (RFC 5891 §4.2.3, RFC 5892 appendix A, RFC 5893).

private let zeroWidthNonJoiner: Unicode.Scalar = "\u{200C}"
private let zeroWidthJoiner: Unicode.Scalar = "\u{200D}"

/// Checks one U-label (already mapped and in NFC): hyphens, a leading mark, and that every code point
/// is PVALID or satisfies its CONTEXTJ / CONTEXTO rule.
func validateIDNALabel(_ label: ArraySlice<Unicode.Scalar>) throws(DomainNameError) {
    let scalars = Array(label)
    guard let first = scalars.first, let last = scalars.last else { throw .emptyLabel }
    if scalars.count >= 4, scalars[2] == "-", scalars[3] == "-" { throw .hyphensInThirdAndFourthPosition }
    if first == "-" || last == "-" { throw .hyphenAtLabelEdge }
    let tables = idnaTables
    if tables.marks.contains(first) { throw .leadingCombiningMark(first) }
    for (position, scalar) in scalars.enumerated() {
        switch tables.validity(of: scalar) {
        case .pvalid:
            break
        case .contextJ:
            guard isJoinerAllowed(in: scalars, at: position, tables) else { throw .joinerNotAllowedHere(scalar) }
        case .contextO:
            guard isContextOAllowed(in: scalars, at: position, tables) else {
                throw .contextNotAllowedHere(scalar)
            }
        case .disallowed:
            throw .disallowedCharacter(scalar)
        }
        if tables.bidi[scalar] == .unknown { throw .unknownCharacter(scalar) }
    }
}

/// RFC 5892 appendix A.1 and A.2.
private func isJoinerAllowed(in label: [Unicode.Scalar], at position: Int, _ tables: IDNATables) -> Bool {
    if position > 0, tables.viramas.contains(label[position - 1]) { return true }
    guard label[position] == zeroWidthNonJoiner else { return false }
    let before = label[..<position].reversed().first { tables.joining[$0] != .transparent }
    let after = label[(position + 1)...].first { tables.joining[$0] != .transparent }
    guard let before, let after else { return false }
    return [.left, .dual].contains(tables.joining[before]) && [.right, .dual].contains(tables.joining[after])
}

/// RFC 5892 appendix A.3 to A.9.
private func isContextOAllowed(in label: [Unicode.Scalar], at position: Int, _ tables: IDNATables) -> Bool {
    let value = label[position].value
    let previous = position > 0 ? label[position - 1] : nil
    let next = position + 1 < label.count ? label[position + 1] : nil
    switch value {
    case 0x00B7:  // MIDDLE DOT, only in Catalan l·l
        return previous == "l" && next == "l"
    case 0x0375:  // GREEK LOWER NUMERAL SIGN, before Greek
        return next.map(tables.greek.contains) ?? false
    case 0x05F3, 0x05F4:  // HEBREW PUNCTUATION GERESH and GERSHAYIM, after Hebrew
        return previous.map(tables.hebrew.contains) ?? false
    case 0x30FB:  // KATAKANA MIDDLE DOT, in a label with Hiragana, Katakana or Han
        return label.contains { scalar in
            scalar.value != 0x30FB
                && (tables.hiragana.contains(scalar) || tables.katakana.contains(scalar) || tables.han.contains(scalar))
        }
    case 0x0660...0x0669:  // ARABIC-INDIC DIGITS, not mixed with the extended ones
        return !label.contains { (0x06F0...0x06F9).contains($0.value) }
    case 0x06F0...0x06F9:  // EXTENDED ARABIC-INDIC DIGITS, not mixed with the plain ones
        return !label.contains { (0x0660...0x0669).contains($0.value) }
    default:
        return false
    }
}

/// UTS #46 CheckBidi: when any label has right-to-left text, every label must satisfy RFC 5893 §2.
func checkIDNABidiRule(_ labels: [ArraySlice<Unicode.Scalar>]) throws(DomainNameError) {
    let bidi = idnaTables.bidi
    let isBidiDomain = labels.contains { label in
        label.contains { scalar in
            !scalar.isASCII && [.r, .al, .an].contains(bidi[scalar])
        }
    }
    guard isBidiDomain else { return }
    for label in labels where !satisfiesBidiRule(label.map { bidi[$0] }) { throw .bidiRule }
}

/// RFC 5893 §2 rules 1 to 6 for one label's Bidi classes.
private func satisfiesBidiRule(_ classes: [IDNATables.BidiClass]) -> Bool {
    guard let first = classes.first else { return true }
    let isRightToLeft: Bool
    switch first {
    case .r, .al: isRightToLeft = true
    case .l: isRightToLeft = false
    default: return false  // rule 1
    }
    let allowed: Set<IDNATables.BidiClass> =
        isRightToLeft ? [.r, .al, .an, .en, .es, .cs, .et, .on, .bn, .nsm] : [.l, .en, .es, .cs, .et, .on, .bn, .nsm]
    guard classes.allSatisfy(allowed.contains) else { return false }  // rules 2 and 5
    let ending: Set<IDNATables.BidiClass> = isRightToLeft ? [.r, .al, .en, .an] : [.l, .en]
    guard let lastNonMark = classes.last(where: { $0 != .nsm }), ending.contains(lastNonMark) else {
        return false  // rules 3 and 6
    }
    return !isRightToLeft || !(classes.contains(.an) && classes.contains(.en))  // rule 4
}
