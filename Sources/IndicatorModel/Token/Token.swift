import Crypto

/// A keyed token: what crosses from a participant to the hub instead of a plaintext value.
///
/// `HMAC-SHA256(K, "scamhub-token-v1" 0x00 kind 0x00 canonical)` as 64 lowercase hexadecimal
/// characters, where K is the community key (docs/tokens.md). Without K a token reveals nothing,
/// and nobody can test guesses against it.
public struct Token: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes of the HMAC, held inline: no allocation, cheap to compare and hash.
    public let bytes: SIMD32<UInt8>

    /// The token's 64 lowercase hexadecimal characters: its form on the wire.
    public var hex: String { withUnsafeBytes(of: bytes) { hexString($0) } }

    /// Wraps the 32 bytes of a token.
    public init(bytes: SIMD32<UInt8>) {
        self.bytes = bytes
    }

    /// Derives the token of a canonical value under a community key.
    public init(for value: CanonicalValue, using key: CommunityKey) {
        // HMAC-SHA256 (RFC 2104) from the key's precomputed inner and outer states, with the message
        // `"scamhub-token-v1" 0x00 kind 0x00 canonical` hashed in one piece.
        var inner = key.innerState
        var kind = value.kind.rawValue
        var canonical = value.value
        kind.withUTF8 { kind in
            canonical.withUTF8 { canonical in
                let length = tokenDomainSeparator.count + kind.count + 1 + canonical.count
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { message in
                    var end = message.initialize(fromContentsOf: tokenDomainSeparator)
                    end = message[end...].initialize(fromContentsOf: kind)
                    message[end] = 0
                    _ = message[(end + 1)...].initialize(fromContentsOf: canonical)
                    inner.update(bufferPointer: UnsafeRawBufferPointer(message))
                }
            }
        }
        var outer = key.outerState
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        var digest = SIMD32<UInt8>()
        outer.finalize().withUnsafeBytes { raw in
            withUnsafeMutableBytes(of: &digest) { $0.copyMemory(from: raw) }
        }
        bytes = digest
    }

    /// Accepts a token received as text: exactly 64 lowercase hexadecimal characters.
    public init(hex text: String) throws(TokenError) {
        let digits = Array(text.utf8)
        guard digits.count == 64 else { throw .wrongLength(characters: text.count) }
        var bytes = SIMD32<UInt8>()
        for index in 0..<32 {
            guard let high = lowercaseHexDigitValue(digits[2 * index]),
                let low = lowercaseHexDigitValue(digits[2 * index + 1])
            else { throw .notLowercaseHex }
            bytes[index] = high << 4 | low
        }
        self.bytes = bytes
    }

    /// The first 8 characters and an ellipsis: enough to name a token in a log line.
    public var description: String { withUnsafeBytes(of: bytes) { hexString($0.prefix(4)) } + "…" }
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
