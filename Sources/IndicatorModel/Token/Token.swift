import Crypto

/// A keyed token: what crosses from a participant to the hub instead of a plaintext value.
///
/// `HMAC-SHA256(K, "scamhub-token-v1" 0x00 kind 0x00 canonical)` as 64 lowercase hexadecimal
/// characters, where K is the community key (docs/tokens.md). Without K a token reveals nothing,
/// and nobody can test guesses against it.
public struct Token: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 32 bytes of the HMAC in memory order, held inline as four words: no allocation, cheap to
    /// compare and hash, and 8-byte aligned. (A `SIMD32` is 16-byte aligned, which async frames on
    /// Linux do not honour: Swift 6.3 overruns the frame when one lives across an `await`.)
    private var storage: (UInt64, UInt64, UInt64, UInt64)

    /// The 32 bytes of the HMAC.
    public var bytes: SIMD32<UInt8> {
        var bytes = SIMD32<UInt8>()
        withUnsafeMutableBytes(of: &bytes) { target in
            Swift.withUnsafeBytes(of: storage) { target.copyMemory(from: $0) }
        }
        return bytes
    }

    /// Calls `body` with the token's 32 bytes.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: storage, body)
    }

    /// The token's 64 lowercase hexadecimal characters: its form on the wire.
    public var hex: String { withUnsafeBytes { hexString($0) } }

    /// Wraps the 32 bytes of a token.
    public init(bytes: SIMD32<UInt8>) {
        storage = (0, 0, 0, 0)
        Swift.withUnsafeBytes(of: bytes) { source in
            Swift.withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
        }
    }

    /// Wraps 32 bytes of a token read from memory, e.g. a database column or a snapshot record.
    public init(copying raw: UnsafeRawBufferPointer) {
        precondition(raw.count == 32, "a token has 32 bytes")
        storage = (0, 0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) }
    }

    public static func == (lhs: Token, rhs: Token) -> Bool {
        lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1 && lhs.storage.2 == rhs.storage.2
            && lhs.storage.3 == rhs.storage.3
    }

    /// Byte order: how snapshots sort tokens.
    public static func < (lhs: Token, rhs: Token) -> Bool {
        lhs.withUnsafeBytes { left in rhs.withUnsafeBytes { right in left.lexicographicallyPrecedes(right) } }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
        hasher.combine(storage.3)
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
        self = outer.finalize().withUnsafeBytes { Token(copying: $0) }
    }

    /// Accepts a token received as text: exactly 64 lowercase hexadecimal characters.
    public init(hex text: String) throws(TokenError) {
        let digits = Array(text.utf8)
        guard digits.count == 64 else {
            if let guess = PlaintextGuess(digits) { throw .looksLikePlaintext(guess) }
            throw .wrongLength(characters: text.count)
        }
        storage = (0, 0, 0, 0)
        try Swift.withUnsafeMutableBytes(of: &storage) { bytes throws(TokenError) in
            for index in 0..<32 {
                guard let high = lowercaseHexDigitValue(digits[2 * index]),
                    let low = lowercaseHexDigitValue(digits[2 * index + 1])
                else { throw .notLowercaseHex }
                bytes[index] = high << 4 | low
            }
        }
    }

    /// The first 8 characters and an ellipsis: enough to name a token in a log line.
    public var description: String { withUnsafeBytes { hexString($0.prefix(4)) } + "…" }
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
    /// The text looks like a value itself rather than its token: it must never be sent.
    case looksLikePlaintext(PlaintextGuess)

    public var description: String {
        switch self {
        case .looksLikePlaintext(let guess):
            "token looks like \(guess.rawValue), not a token; never send values to the hub: "
                + "hash them locally with `scamhub hash` and send the 64-character token"
        case .wrongLength(let characters):
            "token must be 64 hexadecimal characters (HMAC-SHA256), got \(characters); "
                + "hash values locally with `scamhub hash` and send only the token"
        case .notLowercaseHex:
            "token must be lowercase hexadecimal (0-9, a-f); hash values locally with `scamhub hash`"
        }
    }
}

/// What a rejected token looks like when it seems to be a plaintext value sent by mistake.
public enum PlaintextGuess: String, Equatable, Sendable {
    case email = "an email address"
    case url = "a URL"
    case domain = "a domain name"
    case number = "a phone or account number"
    case iban = "an IBAN"
    case wallet = "a wallet address"

    /// Classifies text that is not a token; nil when it does not look like any kind of value.
    init?(_ bytes: [UInt8]) {
        let isDigit = isASCIIDigit
        let isLetter = isASCIILetter
        let text = String(decoding: bytes, as: UTF8.self)
        if bytes.contains(UInt8(ascii: "@")) {
            self = .email
        } else if text.contains("://") || text.lowercased().hasPrefix("www.") {
            self = .url
        } else if bytes.filter(isDigit).count >= 6,
            bytes.allSatisfy({ isDigit($0) || " +-().".utf8.contains($0) })
        {
            self = .number
        } else if bytes.count >= 15, bytes.count <= 34, bytes.prefix(2).allSatisfy(isLetter),
            bytes.dropFirst(2).prefix(2).allSatisfy(isDigit),
            bytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == 0x20 })
        {
            self = .iban
        } else if text.lowercased().hasPrefix("0x") || text.hasPrefix("bc1") || text.hasPrefix("T") && bytes.count == 34
        {
            self = .wallet
        } else if bytes.contains(UInt8(ascii: ".")), !bytes.contains(0x20), bytes.contains(where: isLetter) {
            self = .domain
        } else {
            return nil
        }
    }
}

/// `"scamhub-token-v1" 0x00`: binds tokens to this derivation and version.
private let tokenDomainSeparator: [UInt8] = Array("scamhub-token-v1".utf8) + [0]
