import Crypto

/// The state digest of a flag list: proves two copies of a list hold the same entries.
///
/// Each entry contributes `SHA-256("scamhub-flaglist-v1" 0x00 kid 0x00 list 0x00 token)`, read as a
/// 256-bit big-endian unsigned integer; the digest is their sum modulo 2²⁵⁶ (docs/flaglist.md).
/// A sum does not depend on order, so the hub and its clients update the digest entry by entry
/// as the list changes, instead of sorting and rehashing the whole list. The empty list's digest
/// is zero.
///
/// The digest of a set: inserting a key that is already counted counts it twice. Callers keep a
/// key at most once, as a list does.
public struct FlagListDigest: Hashable, Sendable, CustomStringConvertible {
    /// The sum of the entry hashes modulo 2²⁵⁶.
    private var sum: UInt256

    /// The digest of the empty list: zero.
    public init() {
        sum = .zero
    }

    /// The digest of a list of keys, each counted once.
    public init(_ keys: some Sequence<FlagListKey>) {
        self.init()
        for key in keys { insert(key) }
    }

    /// Counts an entry that joins the list.
    public mutating func insert(_ key: FlagListKey) {
        add(Self.entryHashValue(of: key))
    }

    /// Uncounts an entry that leaves the list: subtracts its hash modulo 2²⁵⁶.
    public mutating func remove(_ key: FlagListKey) {
        add(Self.entryHashValue(of: key).twosComplement)
    }

    /// The digest's 64 lowercase hexadecimal characters: its form on the wire (`state_digest`).
    public var hex: String {
        var bytes: [UInt8] = []
        sum.appendBigEndianBytes(to: &bytes)
        return hexString(bytes)
    }

    /// Accepts a digest received as text: exactly 64 lowercase hexadecimal characters.
    public init(hex text: String) throws(FlagListFormatError) {
        let digits = Array(text.utf8)
        guard digits.count == 64 else { throw .digestWrongLength(characters: text.count) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = lowercaseHexDigitValue(digits[index]), let low = lowercaseHexDigitValue(digits[index + 1])
            else { throw .digestNotLowercaseHex }
            bytes.append(high << 4 | low)
        }
        sum = bytes.withUnsafeBytes { UInt256(bigEndianBytes: $0) }
    }

    /// The 32 bytes an entry contributes to the digest: the SHA-256 of its key (docs/flaglist.md).
    public static func entryHash(of key: FlagListKey) -> [UInt8] {
        var bytes: [UInt8] = []
        entryHashValue(of: key).appendBigEndianBytes(to: &bytes)
        return bytes
    }

    public var description: String { hex }

    /// The digest that 32 bytes state, as a snapshot's trailer holds it.
    init(bigEndianBytes bytes: UnsafeRawBufferPointer) {
        sum = UInt256(bigEndianBytes: bytes)
    }

    /// Appends the digest's 32 bytes, most significant first, as a snapshot's trailer holds them.
    func appendBigEndianBytes(to buffer: inout [UInt8]) {
        sum.appendBigEndianBytes(to: &buffer)
    }

    /// Counts an entry hash computed by ``entryHashValue(kid:listing:token:)``.
    mutating func add(_ entryHash: UInt256) {
        sum = sum &+ entryHash
    }

    /// The entry hash of a key as a number.
    static func entryHashValue(of key: FlagListKey) -> UInt256 {
        var kid = key.keyID.rawValue
        return kid.withUTF8 { kid in
            entryHashValue(kid: UnsafeRawBufferPointer(kid), listing: key.listing, token: key.token)
        }
    }

    /// The entry hash of a key given as its parts, the key id as its UTF-8 bytes.
    ///
    /// The message is assembled on the stack: the only allocation is swift-crypto's hash context.
    static func entryHashValue(kid: UnsafeRawBufferPointer, listing: Listing, token: Token) -> UInt256 {
        var list = listing.rawValue
        return list.withUTF8 { list in
            let length = entryDomainSeparator.count + kid.count + 1 + list.count + 1 + 32
            return withUnsafeTemporaryAllocation(byteCount: length, alignment: 1) { message in
                var offset = 0
                func append(_ bytes: UnsafeRawBufferPointer, terminated: Bool) {
                    UnsafeMutableRawBufferPointer(rebasing: message[offset...]).copyMemory(from: bytes)
                    offset += bytes.count
                    if terminated {
                        message[offset] = 0
                        offset += 1
                    }
                }
                entryDomainSeparator.withUnsafeBytes { append($0, terminated: false) }
                append(kid, terminated: true)
                append(UnsafeRawBufferPointer(list), terminated: true)
                token.withUnsafeBytes { append($0, terminated: false) }
                var hasher = SHA256()
                hasher.update(bufferPointer: UnsafeRawBufferPointer(message))
                return hasher.finalize().withUnsafeBytes { UInt256(bigEndianBytes: $0) }
            }
        }
    }
}

/// `"scamhub-flaglist-v1" 0x00`: binds entry hashes to this digest and its version.
private let entryDomainSeparator: [UInt8] = Array("scamhub-flaglist-v1".utf8) + [0]
