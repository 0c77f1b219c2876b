/// Why a value is not a usable email address.
public enum EmailAddressError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There is no `@`.
    case missingAtSign
    /// There is more than one `@` (quoted local parts, the only place a second `@` may appear, are refused).
    case multipleAtSigns(count: Int)
    /// Nothing before the `@`.
    case emptyLocalPart
    /// The part before the `@` is longer than RFC 5321 allows.
    case localPartTooLong(octets: Int)
    /// A display-name form such as `Name <user@example.com>`.
    case angleBrackets
    /// A `mailto:` link rather than an address.
    case mailtoLink
    /// A quoted local part such as `"john smith"@example.com`.
    case quotedLocalPart
    /// Whitespace, a control character or an RFC 5322 special in the local part.
    case disallowedCharacter(Unicode.Scalar)
    /// The part after the `@` is not a valid domain name.
    case domain(DomainNameError)

    public var description: String {
        switch self {
        case .missingAtSign:
            "email address without @; pass the full address, e.g. user@example.com, or use kind domain"
        case .multipleAtSigns(let count):
            "email address with \(count) @ signs, expected exactly one; pass a single address"
        case .emptyLocalPart:
            "email address with nothing before @; pass the full address, e.g. user@example.com"
        case .localPartTooLong(let octets):
            "part before @ too long: \(octets) octets, at most 64 allowed; check the address"
        case .angleBrackets:
            "this looks like a display name with an address in <>; pass only the address, e.g. user@example.com"
        case .mailtoLink:
            "this is a mailto: link; pass only the address after mailto:"
        case .quotedLocalPart:
            "quoted local parts (\"...\"@example.com) are not supported; pass an unquoted address"
        case .disallowedCharacter(let scalar):
            "character \(scalar.uPlusNotation) \(scalar.quotedForMessage) is not allowed before @; "
                + "pass a single address without spaces or punctuation such as , ; ( )"
        case .domain(let error):
            "after @: \(error)"
        }
    }
}
