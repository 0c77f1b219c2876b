/// Why a value is not a usable domain name.
public enum DomainNameError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The value has a scheme or a path, so it is a URL rather than a host name.
    case looksLikeURL
    /// The value contains `@`, so it is probably an email address.
    case looksLikeEmailAddress
    /// The value ends in `:digits`, a port number.
    case hasPort
    /// The value is an IPv4 address written as dotted digits.
    case looksLikeIPAddress
    /// Two dots in a row, a leading dot, or nothing at all between dots.
    case emptyLabel
    /// A label (the part between two dots) is longer than DNS allows, measured in its ASCII form.
    case labelTooLong(octets: Int)
    /// The whole name is longer than DNS allows, measured in its ASCII form (for absurdly long input, in
    /// code points: a lower bound).
    case domainTooLong(octets: Int)
    /// A character that may not appear in a domain name.
    case disallowedCharacter(Unicode.Scalar)
    /// A character that the Unicode tables in use do not know (assigned in a newer Unicode version).
    case unknownCharacter(Unicode.Scalar)
    /// A label starts with `xn--` but is not the valid Punycode form of any Unicode label.
    case invalidPunycode
    /// An `xn--` label decodes to Unicode that is not in Normalization Form C.
    case punycodeNotNormalized
    /// A label starts or ends with a hyphen.
    case hyphenAtLabelEdge
    /// A label has hyphens in its 3rd and 4th positions without being a valid `xn--` label.
    case hyphensInThirdAndFourthPosition
    /// A label starts with a combining mark (an accent with nothing to sit on).
    case leadingCombiningMark(Unicode.Scalar)
    /// A ZERO WIDTH JOINER or NON-JOINER where RFC 5892 does not allow one.
    case joinerNotAllowedHere(Unicode.Scalar)
    /// A character such as `·` or `・` that RFC 5892 allows only next to certain others.
    case contextNotAllowedHere(Unicode.Scalar)
    /// Right-to-left and left-to-right text are mixed in a way the Bidi Rule (RFC 5893) forbids.
    case bidiRule

    public var description: String {
        switch self {
        case .looksLikeURL:
            "this looks like a URL; pass only the host name (e.g. example.com), or use kind url"
        case .looksLikeEmailAddress:
            "this looks like an email address; pass only the part after @, or use kind email"
        case .hasPort:
            "domain name with a port number; pass the host name without :port"
        case .looksLikeIPAddress:
            "this looks like an IP address, not a domain name; use kind ip"
        case .emptyLabel:
            "domain name with an empty label (two dots in a row, or a leading dot); remove the extra dot"
        case .labelTooLong(let octets):
            "domain label too long: \(octets) octets in ASCII form, at most 63 allowed; check the name"
        case .domainTooLong(let octets):
            "domain name too long: \(octets) octets in ASCII form, at most 253 allowed; check the name"
        case .disallowedCharacter(let scalar):
            "character \(scalar.uPlusNotation) \(scalar.quotedForMessage) is not allowed in domain names; "
                + "use letters, digits, hyphens and dots only (Unicode letters are fine)"
        case .unknownCharacter(let scalar):
            "character \(scalar.uPlusNotation) is newer than the Unicode tables this software uses, so the name "
                + "cannot be checked; it is refused until the tables are updated"
        case .invalidPunycode:
            "label starting with xn-- is not valid Punycode; check for a typo or pass the Unicode form"
        case .punycodeNotNormalized:
            "label starting with xn-- decodes to text not in Unicode Normalization Form C; "
                + "pass the Unicode form of the name instead"
        case .hyphenAtLabelEdge:
            "domain label starts or ends with a hyphen; remove it"
        case .hyphensInThirdAndFourthPosition:
            "domain label has hyphens in its 3rd and 4th positions, reserved for xn-- labels; check the name"
        case .leadingCombiningMark(let scalar):
            "domain label starts with the combining mark \(scalar.uPlusNotation); "
                + "a mark must follow the letter it belongs to"
        case .joinerNotAllowedHere(let scalar):
            "invisible joiner \(scalar.uPlusNotation) is not allowed at this place (RFC 5892); "
                + "remove it unless the script needs it there"
        case .contextNotAllowedHere(let scalar):
            "character \(scalar.uPlusNotation) \(scalar.quotedForMessage) is allowed only between certain characters "
                + "(RFC 5892); check the name"
        case .bidiRule:
            "domain name mixes right-to-left and left-to-right text in a way the Bidi Rule (RFC 5893) forbids, "
                + "e.g. a label starting with a digit next to an Arabic or Hebrew label; check the name"
        }
    }
}

extension Unicode.Scalar {
    /// `U+00E9`.
    var uPlusNotation: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The character in quotes when it is visible, its name in words when it is whitespace or a control.
    var quotedForMessage: String {
        if properties.isWhitespace { return "(whitespace)" }
        switch properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return "(invisible)"
        default: return "\"\(Character(self))\""
        }
    }
}
