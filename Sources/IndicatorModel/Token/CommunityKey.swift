import Crypto

/// A sharing community's 32-byte secret key K, from which members derive tokens.
///
/// Only community members hold it; the hub never does. Its `description` never shows the key.
public struct CommunityKey: Sendable, CustomStringConvertible {
    /// The key's length in bytes.
    public static let byteCount = 32

    let bytes: [UInt8]
    /// SHA-256 states that have absorbed the HMAC key blocks `K ⊕ ipad` and `K ⊕ opad` (RFC 2104),
    /// copied for every token so that deriving one costs two hash compressions and no key schedule.
    let innerState: SHA256
    let outerState: SHA256

    /// Wraps 32 raw key bytes.
    public init(bytes: [UInt8]) throws(CommunityKeyError) {
        guard bytes.count == Self.byteCount else { throw .wrongLength(bytes: bytes.count) }
        self.init(checked: bytes)
    }

    private init(checked bytes: [UInt8]) {
        self.bytes = bytes
        var inner = SHA256()
        var outer = SHA256()
        let blockSize = SHA256.blockByteCount
        let padded = bytes + [UInt8](repeating: 0, count: blockSize - bytes.count)
        inner.update(data: padded.map { $0 ^ 0x36 })
        outer.update(data: padded.map { $0 ^ 0x5C })
        self.innerState = inner
        self.outerState = outer
    }

    /// Reads a key written as 64 hexadecimal characters; surrounding whitespace is ignored.
    public init(hex text: String) throws(CommunityKeyError) {
        let digits = Array(text.utf8).trimmingASCIIWhitespace()
        guard digits.count == Self.byteCount * 2 else {
            throw .wrongHexLength(characters: digits.count)
        }
        guard let bytes = hexDecoded(digits) else { throw .notHex }
        try self.init(bytes: bytes)
    }

    /// Makes a new key from the system's cryptographically secure random generator.
    public static func generate() -> CommunityKey {
        var generator = SystemRandomNumberGenerator()
        return CommunityKey(checked: (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// The key as 64 lowercase hexadecimal characters: the key file format.
    public var hexEncoded: String { hexString(bytes) }

    public var description: String { "<redacted>" }
}

extension CommunityKey: CustomReflectable {
    /// No children: `dump` and debuggers show nothing of the key either.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// Why bytes or text are not a community key.
public enum CommunityKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongLength(bytes: Int)
    case wrongHexLength(characters: Int)
    case notHex

    public var description: String {
        switch self {
        case .wrongLength(let bytes):
            "community key must be 32 bytes, got \(bytes); make a new one with `scamhub keys generate`"
        case .wrongHexLength(let characters):
            "community key must be 64 hexadecimal characters, got \(characters); "
                + "make a new one with `scamhub keys generate`"
        case .notHex:
            "community key contains a character that is not hexadecimal (0-9, a-f); the key file must hold "
                + "only the key, as `scamhub keys generate` writes it"
        }
    }
}
