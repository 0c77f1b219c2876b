/// Why a raw value has no canonical form. Each kind's own error says what is wrong with it.
public enum CanonicalizationError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notUTF8
    case tooLong(kind: IndicatorKind, bytes: Int, limit: Int)
    case phone(PhoneNumberError)
    case bankAccount(BankAccountError)
    case wallet(WalletAddressError)
    case url(URLCanonicalizationError)
    case domain(DomainNameError)
    case email(EmailAddressError)
    case ip(IPAddressError)
    case platformAccount(PlatformAccountError)

    public var description: String {
        switch self {
        case .empty: "empty value: nothing but whitespace"
        case .notUTF8: "value is not valid UTF-8 text"
        case .tooLong(let kind, let bytes, let limit): "value too long for \(kind): \(bytes) bytes, at most \(limit)"
        case .phone(let error): error.description
        case .bankAccount(let error): error.description
        case .wallet(let error): error.description
        case .url(let error): error.description
        case .domain(let error): error.description
        case .email(let error): error.description
        case .ip(let error): error.description
        case .platformAccount(let error): error.description
        }
    }
}
