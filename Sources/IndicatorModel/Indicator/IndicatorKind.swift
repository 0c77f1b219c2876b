/// The kinds of scam infrastructure scamhub shares, each with its own canonical form.
///
/// The raw value is the kind's name on the wire, in tokens and on the command line.
public enum IndicatorKind: String, CaseIterable, Codable, Hashable, Sendable {
    /// A telephone number in E.164 form, valid by libphonenumber's numbering plans: `+66812345678`.
    case phone
    /// An IBAN (`iban:GB82WEST12345698765432`) or a domestic account (`TH:004:1234567890`).
    case bankAccount = "bank_account"
    /// A mainnet cryptocurrency address with its chain: `btc:…`, `eth:0x…`, `trx:T…`.
    case wallet
    /// A URL in the Google Safe Browsing canonical form: `http://example.com/path?q`.
    case url
    /// A domain name as a lowercase IDNA A-label without a trailing dot: `xn--bcher-kva.example`.
    case domain
    /// An email address, lowercased, its domain IDNA-encoded.
    case email
    /// An IPv4 address in dotted decimal or an IPv6 address in RFC 5952 form.
    case ip
    /// An account on an online platform: `telegram:somename`.
    case platformAccount = "platform_account"
}

extension IndicatorKind: CustomStringConvertible {
    public var description: String { rawValue }
}
