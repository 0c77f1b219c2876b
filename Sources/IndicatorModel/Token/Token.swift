import Crypto

/// A keyed token: what crosses from a participant to the hub instead of a plaintext value.
///
/// `HMAC-SHA256(K, "scamhub-token-v1" 0x00 kind 0x00 canonical)` as 64 lowercase hexadecimal
/// characters, where K is the community key (docs/tokens.md). Without K a token reveals nothing,
/// and nobody can test guesses against it.
public struct Token: Hashable, Sendable, CustomStringConvertible {
    /// The token's 64 lowercase hexadecimal characters.
    public let hex: String

    /// Derives the token of a canonical value under a community key.
    public init(for value: CanonicalValue, using key: CommunityKey) {
        var hmac = key.keyedHMAC
        hmac.update(data: tokenDomainSeparator)
        hmac.update(data: Array(value.kind.rawValue.utf8))
        hmac.update(data: [0])
        hmac.update(data: Array(value.value.utf8))
        let code = hmac.finalize()
        hex = code.withUnsafeBytes { hexString($0) }
    }

    /// Accepts a token received as text: exactly 64 lowercase hexadecimal characters.
    public init(hex text: String) throws(TokenError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 64 else { throw .wrongLength(characters: text.count) }
        guard bytes.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw .notLowercaseHex
        }
        hex = text
    }

    /// The first 8 characters and an ellipsis: enough to name a token in a log line.
    public var description: String { String(hex.prefix(8)) + "…" }
}

extension Token: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(decoder) { text throws(TokenError) in try Token(hex: text) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// Why text is not a token.
public enum TokenError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongLength(characters: Int)
    case notLowercaseHex

    public var description: String {
        switch self {
        case .wrongLength(let characters):
            "token must be 64 hexadecimal characters (HMAC-SHA256), got \(characters); "
                + "hash values locally with `scamhub hash` and send only the token"
        case .notLowercaseHex:
            "token must be lowercase hexadecimal (0-9, a-f); hash values locally with `scamhub hash`"
        }
    }
}

/// `"scamhub-token-v1" 0x00`: binds tokens to this derivation and version.
private let tokenDomainSeparator: [UInt8] = Array("scamhub-token-v1".utf8) + [0]

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

/// Lowercase hexadecimal text of bytes.
func hexString(_ bytes: some Sequence<UInt8>) -> String {
    var out = [UInt8]()
    out.reserveCapacity(bytes.underestimatedCount * 2)
    for byte in bytes {
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}
