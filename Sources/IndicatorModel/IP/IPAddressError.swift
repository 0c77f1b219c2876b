/// Why a value is not an IP address that scamhub can canonicalize.
public enum IPAddressError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The value carries an IPv6 zone identifier (`%eth0`), which only means something on one host.
    case zoneIdentifier
    /// The value carries a CIDR prefix length (`/24`): it names a network, not an address.
    case prefixLength
    /// A character that belongs in no IP address.
    case invalidCharacter(Character)
    /// An IPv4 address without exactly four dot-separated parts.
    case ipv4PartCount(Int)
    /// Two dots in a row, or a dot at the start or end of an IPv4 address.
    case ipv4EmptyPart
    /// An IPv4 part written with a leading zero, such as `010`.
    case ipv4LeadingZero
    /// An IPv4 part above 255.
    case ipv4PartOutOfRange
    /// An IPv6 group with more than four hexadecimal digits.
    case ipv6GroupTooLong
    /// An IPv6 address whose groups do not add up to 128 bits.
    case ipv6GroupCount(Int)
    /// `::` written more than once.
    case ipv6DoubleColonRepeated
    /// A lone `:` at the start or end, or `:::`.
    case ipv6MisplacedColon
    /// A dotted IPv4 part anywhere but at the end of an IPv6 address.
    case ipv6MisplacedIPv4
    /// `[` without a closing `]`.
    case unclosedBracket
    /// Text after the closing `]`, typically a port.
    case textAfterBracket
    /// Brackets around something that is not an IPv6 address.
    case bracketedIPv4

    public var description: String {
        switch self {
        case .zoneIdentifier:
            "IPv6 zone identifier ('%' and what follows, e.g. %eth0) only has meaning on one host; drop it"
        case .prefixLength:
            "CIDR prefix length ('/' and a number) names a network, not an address; drop it, or report the addresses"
        case .invalidCharacter(let character):
            "unexpected character '\(character)' in an IP address; expected digits and dots (IPv4) "
                + "or hexadecimal digits and colons (IPv6); report host names as a domain"
        case .ipv4PartCount(let parts):
            "IPv4 address has \(parts) part\(parts == 1 ? "" : "s"), expected 4 decimal numbers such as 192.0.2.1"
        case .ipv4EmptyPart: "IPv4 address has an empty part between dots; write four numbers such as 192.0.2.1"
        case .ipv4LeadingZero:
            "IPv4 part with a leading zero (e.g. 010) is ambiguous: some software reads it as octal (010 = 8); "
                + "write each part in plain decimal without leading zeros"
        case .ipv4PartOutOfRange: "IPv4 part above 255; each of the four parts must be 0 to 255"
        case .ipv6GroupTooLong: "IPv6 group with more than 4 hexadecimal digits; each group between colons is 16 bits"
        case .ipv6GroupCount(let groups):
            "IPv6 address has \(groups) groups, expected 8 (or fewer with one '::' standing for the zero groups)"
        case .ipv6DoubleColonRepeated:
            "'::' appears more than once in an IPv6 address; it may stand for one run of zeros only"
        case .ipv6MisplacedColon: "IPv6 address has a lone ':' at its start or end, or ':::'; check the colons"
        case .ipv6MisplacedIPv4:
            "dotted IPv4 part inside an IPv6 address must come last, after 6 groups (or fewer with '::')"
        case .unclosedBracket: "'[' without a closing ']'; write an IPv6 address as 2001:db8::1 or [2001:db8::1]"
        case .textAfterBracket: "text after ']' (a port?) is not part of the address; drop it"
        case .bracketedIPv4: "brackets are only for IPv6 addresses; write an IPv4 address without them"
        }
    }
}
