/// Why a value is not a phone number that scamhub can canonicalize.
///
/// Regions are ISO 3166 alpha-2 codes (`TH`), or `+800`-style for libphonenumber's
/// non-geographic entities (international freephone, satellite and network numbers).
public enum PhoneNumberError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Only separators, plus signs or a `tel:` prefix; no digit at all.
    case noDigits
    /// A character that has no place in a phone number.
    case unexpectedCharacter(Character)
    /// Letters, as in vanity numbers (`1-800-FLOWERS`) or words around the number.
    case lettersNotAllowed
    /// An extension (`ext 123`, `x123`, `;ext=123`) or ISDN subaddress (`;isub=`): not part of a
    /// phone indicator.
    case extensionNotAllowed
    /// An RFC 3966 `phone-context` that is neither a global number prefix (`+66`) nor a domain.
    case invalidPhoneContext
    /// The default region is not a region libphonenumber knows.
    case unknownRegion(String)
    /// A number in national format, but no default region to read it in.
    case regionRequired
    /// The digits after `+` or the international prefix start with no assigned country calling
    /// code; carries up to three of those digits.
    case invalidCountryCode(String)
    /// Only an international prefix or a country calling code, with (almost) nothing after it.
    case nationalNumberMissing
    /// Fewer digits in the national number than the region's numbers have.
    case tooShort(region: String, digits: Int, expected: Int)
    /// More digits in the national number than the region's numbers have.
    case tooLong(region: String, digits: Int, expected: Int)
    /// A national number length that lies between the region's possible lengths.
    case impossibleLength(region: String, digits: Int, possible: [Int])
    /// A possible length, but the digits match none of the region's numbering plans.
    case notValid(region: String)

    public var description: String {
        switch self {
        case .noDigits:
            "phone number has no digits; write it with digits, e.g. +66 81 234 5678"
        case .unexpectedCharacter(let character):
            "phone number contains \"\(character)\"; use only digits, a leading + and spaces, dashes, dots or brackets"
        case .lettersNotAllowed:
            "phone number contains letters; write every digit as a digit (no vanity letters or words)"
        case .extensionNotAllowed:
            "phone number has an extension; extensions are not part of a phone indicator, remove it"
        case .invalidPhoneContext:
            "tel: URI has an invalid phone-context; use a number prefix such as +66 or a domain name"
        case .unknownRegion(let region):
            "unknown region \"\(region)\"; pass an ISO 3166 alpha-2 code such as TH, or write the number with +"
        case .regionRequired:
            "national number without a region; pass --region, e.g. --region TH, or write the number with +"
        case .invalidCountryCode(let digits):
            "no country calling code starts with \(digits.isEmpty ? "nothing" : digits); check the digits after + or 00"
        case .nationalNumberMissing:
            "phone number has a country calling code or international prefix but no number after it; "
                + "write the whole number"
        case .tooShort(let region, let digits, let expected):
            "phone number too short for \(region): \(digits) digits, expected \(expected); check for a missing digit"
        case .tooLong(let region, let digits, let expected):
            "phone number too long for \(region): \(digits) digits, expected \(expected); check for an extra digit"
        case .impossibleLength(let region, let digits, let possible):
            "phone number has \(digits) digits, but numbers for \(region) have "
                + "\(possible.map(String.init).joined(separator: ", ")); check for a missing or extra digit"
        case .notValid(let region):
            "number has a possible length for \(region) but matches none of its numbering plans "
                + "(fixed line, mobile, toll free, …); check the digits and the region"
        }
    }
}
