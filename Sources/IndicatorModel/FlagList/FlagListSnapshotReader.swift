/// What a binary flag-list snapshot holds, read and checked.
public struct FlagListSnapshotContents: Hashable, Sendable {
    /// The cursor to ask for changes after.
    public var cursor: Int64
    /// The version of the policy that decided the list: `sha256:` and 64 lowercase hexadecimal characters.
    public var policyVersion: String
    /// The entries in snapshot order: ascending token bytes, then key id bytes, then list (`flag` first).
    public var entries: [FlagListEntry]
    /// The list's state digest, equal to the snapshot's trailer and to the digest of `entries`.
    public var digest: FlagListDigest

    public init(cursor: Int64, policyVersion: String, entries: [FlagListEntry], digest: FlagListDigest) {
        self.cursor = cursor
        self.policyVersion = policyVersion
        self.entries = entries
        self.digest = digest
    }
}

/// Reads binary flag-list snapshots (`application/vnd.scamhub.flaglist.v1`, docs/flaglist.md).
public enum FlagListSnapshotReader {
    /// Reads a whole snapshot and checks every part of it, the digest trailer included.
    ///
    /// The checks run in the order of the bytes: magic, header, key-id table, length, then each
    /// entry (key-id index, codes, order against the entry before), then the digest; the first
    /// failure is thrown.
    public static func decode(_ bytes: [UInt8]) throws(FlagListFormatError) -> FlagListSnapshotContents {
        try bytes.withUnsafeBytes { raw in Result { () throws(FlagListFormatError) in try decode(raw) } }.get()
    }

    /// Reads a whole snapshot held in memory that the caller owns, e.g. a received body's bytes.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(FlagListFormatError) -> FlagListSnapshotContents {
        typealias Format = FlagListSnapshotFormat
        guard bytes.count >= Format.magic.count, bytes.prefix(Format.magic.count).elementsEqual(Format.magic) else {
            throw .notASnapshot
        }
        guard bytes.count >= Format.fixedHeaderSize else {
            throw .truncated(length: bytes.count, needed: Format.fixedHeaderSize)
        }
        guard bytes[4] == Format.version else { throw .unsupportedVersion(bytes[4]) }
        guard bytes[5] == 0, bytes[6] == 0, bytes[7] == 0 else { throw .reservedBytesNotZero }
        let cursor = bigEndian(UInt64.self, in: bytes, at: 8)
        guard let signedCursor = Int64(exactly: cursor) else { throw .cursorOutOfRange(cursor) }
        let policyVersion = "sha256:" + hexString(bytes[16..<48])

        let table = try readKeyIDTable(bytes)
        var offset = table.end
        guard bytes.count >= offset + 8 else { throw .truncated(length: bytes.count, needed: offset + 8) }
        let declaredCount = bigEndian(UInt64.self, in: bytes, at: offset)
        offset += 8
        let following = bytes.count - offset
        let recordBytes = following - Format.digestSize
        guard recordBytes >= 0, recordBytes.isMultiple(of: Format.recordSize),
            UInt64(recordBytes / Format.recordSize) == declaredCount
        else { throw .lengthMismatch(entryCount: declaredCount, bytesFollowing: following) }

        let entryCount = recordBytes / Format.recordSize
        var entries: [FlagListEntry] = []
        entries.reserveCapacity(entryCount)
        var digest = FlagListDigest()
        var previousKey: FlagListRecordKey?
        for index in 0..<entryCount {
            let record = offset + index * Format.recordSize
            let token = Token(copying: UnsafeRawBufferPointer(rebasing: bytes[record..<record + 32]))
            let keyIDIndex = bigEndian(UInt16.self, in: bytes, at: record + 32)
            guard Int(keyIDIndex) < table.keyIDs.count else {
                throw .keyIDIndexOutOfRange(entry: index, index: Int(keyIDIndex), tableCount: table.keyIDs.count)
            }
            let listCode = bytes[record + 34]
            guard let listing = Listing(snapshotCode: listCode) else {
                throw .unknownCode(field: .list, code: listCode, entry: index)
            }
            guard let kind = IndicatorKind(snapshotCode: bytes[record + 35]) else {
                throw .unknownCode(field: .kind, code: bytes[record + 35], entry: index)
            }
            let category = try optionalCode(
                bytes[record + 36], field: .category, entry: index, Category.init(snapshotCode:))
            let band = try optionalCode(
                bytes[record + 37], field: .confidenceBand, entry: index, Confidence.Band.init(snapshotCode:))

            let key = FlagListRecordKey(token: token, keyIDIndex: keyIDIndex, listCode: listCode)
            if let previousKey {
                guard key != previousKey else { throw .duplicateEntry(entry: index) }
                guard previousKey < key else { throw .entriesOutOfOrder(entry: index) }
            }
            previousKey = key

            let keyIDBytes = UnsafeRawBufferPointer(rebasing: bytes[table.byteRanges[Int(keyIDIndex)]])
            digest.add(FlagListDigest.entryHashValue(kid: keyIDBytes, listing: listing, token: token))
            entries.append(
                FlagListEntry(
                    token: token, keyID: table.keyIDs[Int(keyIDIndex)], kind: kind, listing: listing,
                    category: category, confidenceBand: band))
        }

        let stated = FlagListDigest(bigEndianBytes: UnsafeRawBufferPointer(rebasing: bytes.suffix(Format.digestSize)))
        guard stated == digest else { throw .digestMismatch(stated: stated.hex, computed: digest.hex) }
        return FlagListSnapshotContents(
            cursor: signedCursor, policyVersion: policyVersion, entries: entries, digest: digest)
    }

    /// The key-id table that starts at byte 48, and where it ends.
    private static func readKeyIDTable(
        _ bytes: UnsafeRawBufferPointer
    ) throws(FlagListFormatError) -> (keyIDs: [KeyID], byteRanges: [Range<Int>], end: Int) {
        let count = Int(bigEndian(UInt16.self, in: bytes, at: 48))
        var keyIDs: [KeyID] = []
        var byteRanges: [Range<Int>] = []
        keyIDs.reserveCapacity(count)
        byteRanges.reserveCapacity(count)
        var offset = FlagListSnapshotFormat.fixedHeaderSize
        for index in 0..<count {
            guard bytes.count > offset else { throw .truncated(length: bytes.count, needed: offset + 1) }
            let range = (offset + 1)..<(offset + 1 + Int(bytes[offset]))
            guard bytes.count >= range.upperBound else {
                throw .truncated(length: bytes.count, needed: range.upperBound)
            }
            do {
                keyIDs.append(try KeyID(String(decoding: bytes[range], as: UTF8.self)))
            } catch {
                throw .invalidKeyID(index: index, reason: error)
            }
            if let previous = byteRanges.last {
                guard bytes[previous].lexicographicallyPrecedes(bytes[range]) else {
                    throw .keyIDTableNotSorted(index: index)
                }
            }
            byteRanges.append(range)
            offset = range.upperBound
        }
        return (keyIDs, byteRanges, offset)
    }

    /// The value of a category or confidence-band code, nil for "not disclosed" (0xFF).
    private static func optionalCode<Value>(
        _ code: UInt8, field: FlagListFormatError.Field, entry: Int, _ value: (UInt8) -> Value?
    ) throws(FlagListFormatError) -> Value? {
        guard code != FlagListSnapshotFormat.notDisclosed else { return nil }
        guard let decoded = value(code) else { throw .unknownCode(field: field, code: code, entry: entry) }
        return decoded
    }
}

/// A big-endian integer at a byte offset the caller has checked is in bounds.
private func bigEndian<Value: FixedWidthInteger>(_: Value.Type, in bytes: UnsafeRawBufferPointer, at offset: Int)
    -> Value
{
    Value(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Value.self))
}
