/// Why a value is not a URL that scamhub can canonicalize.
public enum URLCanonicalizationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A scheme other than http or https, lowercased (`ftp`, `javascript`, `mailto`).
    case unsupportedScheme(String)
    /// `http:` (or `https:`) not followed by `//`.
    case missingSlashes(scheme: String)
    /// No host between `//` and the path, or a host made only of dots.
    case missingHost
    /// A port that is not a number from 0 to 65535.
    case invalidPort
    /// An IPv6 address as host without the brackets URLs require.
    case unbracketedIPv6Host
    /// `[` in the host without a closing `]`.
    case unclosedIPv6Bracket
    /// A bracketed host that is not a valid IPv6 address.
    case invalidIPv6Host(IPAddressError)

    public var description: String {
        switch self {
        case .unsupportedScheme(let scheme):
            "URL scheme '\(scheme)' is not supported: only http and https URLs are shared; "
                + "report the host as a domain instead"
        case .missingSlashes(let scheme): "expected '//' after '\(scheme):'; write the URL as \(scheme)://host/path"
        case .missingHost: "URL has no host; write it as http://example.com/path"
        case .invalidPort: "port after ':' in the URL host must be a number from 0 to 65535; fix it or drop it"
        case .unbracketedIPv6Host: "an IPv6 address as URL host must be in brackets, e.g. http://[2001:db8::1]/"
        case .unclosedIPv6Bracket:
            "'[' in the URL host without a closing ']'; write IPv6 hosts as http://[2001:db8::1]/"
        case .invalidIPv6Host(let error): "the bracketed URL host is not a valid IPv6 address: \(error)"
        }
    }
}
