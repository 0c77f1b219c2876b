import Crypto
public import Foundation

/// A link of the audit log's hash chain: `hash(n) = SHA-256(hash(n-1) || canonical(entry n))`,
/// with `hash(0)` 32 zero bytes (docs/audit.md).
public struct AuditHash: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes.
    public let bytes: [UInt8]

    /// `hash(0)`: what the first entry follows.
    public static let genesis = AuditHash(uncheckedBytes: [UInt8](repeating: 0, count: 32))

    private init(uncheckedBytes: [UInt8]) {
        bytes = uncheckedBytes
    }

    /// Nil unless there are exactly 32 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Nil unless `hex` is 64 lowercase hexadecimal digits.
    public init?(hex: some StringProtocol) {
        let digits = Array(hex.utf8)
        guard digits.count == 64, digits.allSatisfy({ lowercaseHexDigitValue($0) != nil }),
            let bytes = hexDecoded(digits)
        else { return nil }
        self.bytes = bytes
    }

    /// The hash of the entry that follows this one.
    public func next(canonical: some DataProtocol) -> AuditHash {
        var hasher = SHA256()
        hasher.update(data: bytes)
        hasher.update(data: canonical)
        return AuditHash(uncheckedBytes: hasher.finalize().withUnsafeBytes { Array($0) })
    }

    /// The hash of `record` following this one.
    public func next(_ record: AuditRecord) -> AuditHash {
        next(canonical: record.canonicalBytes)
    }

    public var hex: String { hexString(bytes) }
    public var description: String { hex }
}
