/// Why a value is not a platform account scamhub can share.
public enum PlatformAccountError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The name before the colon is not a platform in scamhub's registry (docs/platforms.md).
    case unknownPlatform(String)
    /// Neither `platform:identifier` nor a profile URL.
    case missingPlatform
    /// `platform:` with nothing after it.
    case missingIdentifier(platform: String)
    /// The identifier is shorter than the platform allows.
    case identifierTooShort(platform: String, length: Int, range: ClosedRange<Int>)
    /// The identifier is longer than the platform allows.
    case identifierTooLong(platform: String, length: Int, range: ClosedRange<Int>)
    /// The identifier holds a character the platform does not allow.
    case disallowedCharacter(platform: String, character: Unicode.Scalar)
    /// The URL's host belongs to no platform in the registry.
    case unknownHost(String)
    /// The URL belongs to a platform but is not an account's profile (a post, a group, a search…).
    case notAProfileURL(host: String)
    /// Only http and https profile links are understood.
    case unsupportedScheme(String)
    /// The platform names accounts by phone number and this one has none; `reason` is the phone
    /// canonicalizer's explanation.
    case invalidPhoneNumber(platform: String, reason: String)

    public var description: String {
        switch self {
        case .unknownPlatform(let name):
            "unknown platform \"\(name.prefix(32))\"; known: \(Platform.knownNames)"
        case .missingPlatform:
            "write the account as platform:identifier (telegram:somename) or paste its profile URL"
        case .missingIdentifier(let platform):
            "no account after \(platform):; write \(platform):identifier"
        case .identifierTooShort(let platform, let length, let range):
            "\(platform) identifier too short: \(length) characters, expected "
                + "\(range.lowerBound) to \(range.upperBound)"
        case .identifierTooLong(let platform, let length, let range):
            "\(platform) identifier too long: \(length) characters, expected "
                + "\(range.lowerBound) to \(range.upperBound)"
        case .disallowedCharacter(let platform, let character):
            "character \(character.escaped(asASCII: true)) is not allowed in a \(platform) identifier; "
                + "see docs/platforms.md for the allowed characters"
        case .unknownHost(let host):
            "\(host.prefix(64)) is not a known platform's site; report the link as a url indicator instead"
        case .notAProfileURL(let host):
            "this \(host) link is not an account's profile; link the profile page or write platform:identifier"
        case .unsupportedScheme(let scheme):
            "\(scheme.prefix(16)): links are not understood; use the https profile URL or platform:identifier"
        case .invalidPhoneNumber(let platform, let reason):
            "\(platform) accounts are phone numbers, and this one is not valid: \(reason)"
        }
    }
}
