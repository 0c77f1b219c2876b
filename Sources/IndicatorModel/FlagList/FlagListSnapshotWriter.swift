/// Writes a binary flag-list snapshot (`application/vnd.scamhub.flaglist.v1`) in chunks, so a
/// server can stream a list of millions of entries without holding its encoding in memory.
///
/// Declare the cursor, policy version, every key id the entries use and how many entries follow;
/// then append the entries in snapshot order — ascending token bytes, then key id bytes, then list
/// (`flag` before `allow`) — sending on each chunk ``append(_:)`` returns; end with ``finish()``,
/// which returns the last bytes and the digest trailer. The writer checks the order and computes
/// the digest as it goes. ``encode(cursor:policyVersion:entries:)`` does all this for a list in
/// memory, in any order. docs/flaglist.md describes the format.
///
/// ```swift
/// var writer = try FlagListSnapshotWriter(cursor: cursor, policyVersion: version,
///                                         keyIDs: keyIDs, entryCount: count)
/// for entry in entriesInOrder {
///     if let chunk = try writer.append(entry) { try await send(chunk) }
/// }
/// try await send(writer.finish())
/// ```
public struct FlagListSnapshotWriter: Sendable {
    /// The content type of a binary snapshot, in `Accept` and `Content-Type`.
    public static let mediaType = FlagListSnapshotFormat.mediaType
    /// The chunk size unless told otherwise: 64 KiB.
    public static let defaultChunkSize = 64 * 1024

    /// The digest of the entries appended so far; after ``finish()``, the snapshot's digest.
    public private(set) var digest = FlagListDigest()

    private let keyIDIndexes: [KeyID: UInt16]
    /// The key ids' UTF-8 bytes by table index, for hashing.
    private let keyIDBytes: [[UInt8]]
    private let entryCount: Int
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var appendedCount = 0
    private var previousKey: FlagListRecordKey?
    private var isFinished = false

    /// Starts a snapshot: its header goes into the first chunk.
    ///
    /// - Parameters:
    ///   - cursor: The list's cursor, 0 or more.
    ///   - policyVersion: The compiled policy's version: `sha256:` and 64 lowercase hexadecimal characters.
    ///   - keyIDs: Every key id the entries use, in any order; repeats are ignored.
    ///   - entryCount: How many entries will be appended.
    ///   - chunkSize: About how many bytes each chunk holds.
    /// The snapshot's size in bytes, header to trailer: its `Content-Length`.
    public let totalSize: Int

    public init(
        cursor: Int64, policyVersion: String, keyIDs: some Sequence<KeyID>, entryCount: Int,
        chunkSize: Int = defaultChunkSize
    ) throws(FlagListFormatError) {
        precondition(cursor >= 0, "flag-list cursors are never negative")
        precondition(entryCount >= 0 && chunkSize > 0, "entry count and chunk size cannot be negative")
        guard let policyBytes = policyVersionBytes(policyVersion) else { throw .invalidPolicyVersion }
        let table = Set(keyIDs).sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }
        guard table.count <= FlagListSnapshotFormat.maximumKeyIDCount else {
            throw .tooManyKeyIDs(count: table.count)
        }
        keyIDBytes = table.map { Array($0.rawValue.utf8) }
        keyIDIndexes = Dictionary(uniqueKeysWithValues: table.enumerated().map { ($1, UInt16($0)) })
        self.entryCount = entryCount
        self.chunkSize = chunkSize

        let headerSize = FlagListSnapshotFormat.fixedHeaderSize + keyIDBytes.reduce(8) { $0 + 1 + $1.count }
        let totalSize =
            entryCount > Int.max / 128
            ? Int.max / 2
            : headerSize + entryCount * FlagListSnapshotFormat.recordSize + FlagListSnapshotFormat.digestSize
        self.totalSize = totalSize
        buffer.reserveCapacity(min(max(chunkSize, headerSize), totalSize) + FlagListSnapshotFormat.recordSize)
        buffer.append(contentsOf: FlagListSnapshotFormat.magic)
        buffer.append(contentsOf: [FlagListSnapshotFormat.version, 0, 0, 0])
        appendBigEndian(UInt64(cursor))
        buffer.append(contentsOf: policyBytes)
        appendBigEndian(UInt16(truncatingIfNeeded: keyIDBytes.count))
        for bytes in keyIDBytes {
            buffer.append(UInt8(bytes.count))  // a key id has 1 to 64 bytes
            buffer.append(contentsOf: bytes)
        }
        appendBigEndian(UInt64(entryCount))
    }

    /// Appends the next entry, in snapshot order; returns a chunk to send on when one is full.
    public mutating func append(_ entry: FlagListEntry) throws(FlagListFormatError) -> [UInt8]? {
        precondition(!isFinished, "append after finish")
        guard appendedCount < entryCount else {
            throw .entryCountMismatch(declared: entryCount, appended: appendedCount + 1)
        }
        guard let keyIDIndex = keyIDIndexes[entry.keyID] else {
            throw .keyIDNotInTable(entry.keyID, entry: appendedCount)
        }
        return try append(entry, keyIDIndex: keyIDIndex)
    }

    /// Appends the next entry whose key id's index in the table is known.
    private mutating func append(_ entry: FlagListEntry, keyIDIndex: UInt16) throws(FlagListFormatError) -> [UInt8]? {
        let listCode = entry.listing.snapshotCode
        let key = FlagListRecordKey(token: entry.token, keyIDIndex: keyIDIndex, listCode: listCode)
        if let previousKey {
            guard key != previousKey else { throw .duplicateEntry(entry: appendedCount) }
            guard previousKey < key else { throw .entriesOutOfOrder(entry: appendedCount) }
        }
        previousKey = key
        appendedCount += 1
        keyIDBytes[Int(keyIDIndex)].withUnsafeBytes { kid in
            digest.add(FlagListDigest.entryHashValue(kid: kid, listing: entry.listing, token: entry.token))
        }

        entry.token.withUnsafeBytes { buffer.append(contentsOf: $0) }
        appendBigEndian(keyIDIndex)
        buffer.append(listCode)
        buffer.append(entry.kind.snapshotCode)
        buffer.append(entry.category?.snapshotCode ?? FlagListSnapshotFormat.notDisclosed)
        buffer.append(entry.confidenceBand?.snapshotCode ?? FlagListSnapshotFormat.notDisclosed)

        guard buffer.count >= chunkSize else { return nil }
        return takeBuffer(reservingCapacity: chunkSize + FlagListSnapshotFormat.recordSize)
    }

    /// Ends the snapshot: returns the bytes not yet sent, with the digest trailer.
    public mutating func finish() throws(FlagListFormatError) -> [UInt8] {
        precondition(!isFinished, "finish called twice")
        guard appendedCount == entryCount else {
            throw .entryCountMismatch(declared: entryCount, appended: appendedCount)
        }
        digest.appendBigEndianBytes(to: &buffer)
        isFinished = true
        return takeBuffer(reservingCapacity: 0)
    }

    /// Encodes a whole list held in memory, in any order, as one snapshot.
    ///
    /// Throws ``FlagListFormatError/duplicateEntry(entry:)`` naming the entry's position in
    /// `entries` when two entries share a token, key id and list.
    public static func encode(
        cursor: Int64, policyVersion: String, entries: [FlagListEntry]
    ) throws(FlagListFormatError) -> [UInt8] {
        var writer = try Self(
            cursor: cursor, policyVersion: policyVersion, keyIDs: entries.lazy.map(\.keyID),
            entryCount: entries.count, chunkSize: .max)
        var order = entries.indices.map { index in
            let entry = entries[index]
            // Every key id is in the table: the writer was given them all.
            let keyIDIndex = writer.keyIDIndexes[entry.keyID] ?? 0
            let key = FlagListRecordKey(
                token: entry.token, keyIDIndex: keyIDIndex, listCode: entry.listing.snapshotCode)
            return (key: key, index: index)
        }
        order.sort { $0.key < $1.key }
        for (position, (key, index)) in order.enumerated() {
            do {
                _ = try writer.append(entries[index], keyIDIndex: key.keyIDIndex)
            } catch .duplicateEntry {
                throw .duplicateEntry(entry: max(index, order[position - 1].index))
            }
        }
        return try writer.finish()
    }

    private mutating func takeBuffer(reservingCapacity capacity: Int) -> [UInt8] {
        var chunk: [UInt8] = []
        chunk.reserveCapacity(capacity)
        swap(&chunk, &buffer)
        return chunk
    }

    private mutating func appendBigEndian(_ value: some FixedWidthInteger) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }
}

/// The 32 bytes of a policy version `sha256:<64 lowercase hex>`, or nil for any other text.
private func policyVersionBytes(_ text: String) -> [UInt8]? {
    let utf8 = Array(text.utf8)
    let prefix = Array("sha256:".utf8)
    guard utf8.count == prefix.count + 64, utf8.starts(with: prefix) else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(32)
    for index in stride(from: prefix.count, to: utf8.count, by: 2) {
        guard let high = lowercaseHexDigitValue(utf8[index]), let low = lowercaseHexDigitValue(utf8[index + 1])
        else { return nil }
        bytes.append(high << 4 | low)
    }
    return bytes
}
