/// Why a flag-list digest or binary snapshot cannot be read, or a snapshot cannot be written.
///
/// Entries are counted from 0 in the order the snapshot holds them; key ids likewise in the
/// snapshot's key-id table.
public enum FlagListFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A digest's text is not 64 characters long.
    case digestWrongLength(characters: Int)
    /// A digest's text has a character other than `0-9 a-f`.
    case digestNotLowercaseHex

    /// The bytes do not start with `SHFL`: not a binary snapshot at all.
    case notASnapshot
    /// The snapshot ends before a part that must be there.
    case truncated(length: Int, needed: Int)
    case unsupportedVersion(UInt8)
    case reservedBytesNotZero
    /// The cursor does not fit a signed 64-bit integer.
    case cursorOutOfRange(UInt64)
    case invalidKeyID(index: Int, reason: KeyIDError)
    /// The key-id table is not in ascending byte order, or names a key id twice.
    case keyIDTableNotSorted(index: Int)
    /// The bytes after the entry count are not `entryCount` records and a digest.
    case lengthMismatch(entryCount: UInt64, bytesFollowing: Int)
    case keyIDIndexOutOfRange(entry: Int, index: Int, tableCount: Int)
    case unknownCode(field: Field, code: UInt8, entry: Int)
    /// An entry sorts before the one it follows.
    case entriesOutOfOrder(entry: Int)
    /// An entry has the same token, key id and list as the one it follows.
    case duplicateEntry(entry: Int)
    /// The digest in the trailer is not the digest of the entries.
    case digestMismatch(stated: String, computed: String)

    /// The policy version given to the writer is not `sha256:` and 64 lowercase hexadecimal characters.
    case invalidPolicyVersion
    case tooManyKeyIDs(count: Int)
    /// An entry given to the writer has a key id not in the writer's key-id table.
    case keyIDNotInTable(KeyID, entry: Int)
    /// The writer was given more or fewer entries than it was told to expect.
    case entryCountMismatch(declared: Int, appended: Int)

    /// A coded field of a snapshot entry.
    public enum Field: String, Sendable {
        case list, kind, category
        case confidenceBand = "confidence band"
    }

    public var description: String {
        switch self {
        case .digestWrongLength(let characters):
            "flag-list digest must be 64 hexadecimal characters, got \(characters); pass it as the hub sent it"
        case .digestNotLowercaseHex:
            "flag-list digest must be lowercase hexadecimal (0-9, a-f); pass it as the hub sent it"
        case .notASnapshot:
            "not a binary flag-list snapshot: it does not start with \"SHFL\"; "
                + "ask for \(FlagListSnapshotFormat.mediaType), or read the body as JSON if it is one"
        case .truncated(let length, let needed):
            "flag-list snapshot ends after \(length) bytes, its header needs at least \(needed); "
                + "the download was cut short: fetch the snapshot again"
        case .unsupportedVersion(let version):
            "flag-list snapshot has format version \(version), this reader knows version "
                + "\(FlagListSnapshotFormat.version); upgrade the client, or ask for the JSON snapshot"
        case .reservedBytesNotZero:
            "flag-list snapshot has nonzero reserved bytes (5-7), which version 1 keeps zero; "
                + "the snapshot is corrupt or newer than this reader: fetch it again or upgrade the client"
        case .cursorOutOfRange(let cursor):
            "flag-list snapshot cursor \(cursor) is above 2^63-1; the snapshot is corrupt: fetch it again"
        case .invalidKeyID(let index, let reason):
            "flag-list snapshot key id \(index) is not valid (\(reason)); the snapshot is corrupt: fetch it again"
        case .keyIDTableNotSorted(let index):
            "flag-list snapshot key id \(index) does not sort after the one before it; key ids must be "
                + "unique and in ascending byte order: the snapshot is corrupt, fetch it again"
        case .lengthMismatch(let entryCount, let bytesFollowing):
            "flag-list snapshot declares \(entryCount) entries of \(FlagListSnapshotFormat.recordSize) bytes "
                + "and a \(FlagListSnapshotFormat.digestSize)-byte digest, but \(bytesFollowing) bytes follow "
                + "the entry count; the download is cut short or corrupt: fetch the snapshot again"
        case .keyIDIndexOutOfRange(let entry, let index, let tableCount):
            "flag-list snapshot entry \(entry) refers to key id \(index), but the table holds "
                + "\(tableCount); the snapshot is corrupt: fetch it again"
        case .unknownCode(let field, let code, let entry):
            "flag-list snapshot entry \(entry) has unknown \(field.rawValue) code \(code); the snapshot is "
                + "corrupt, or the hub knows values this client does not: upgrade the client"
        case .entriesOutOfOrder(let entry):
            "flag-list snapshot entry \(entry) sorts before the entry it follows; entries must be in "
                + "ascending (token, key id, list) order: the snapshot is corrupt, fetch it again"
        case .duplicateEntry(let entry):
            "flag-list snapshot entry \(entry) repeats the token, key id and list of the entry before it; "
                + "each must appear once: the snapshot is corrupt, fetch it again"
        case .digestMismatch(let stated, let computed):
            "flag-list snapshot digest \(stated.prefix(12))… does not match its entries' digest "
                + "\(computed.prefix(12))…; the snapshot is corrupt or was altered: fetch it again"
        case .invalidPolicyVersion:
            "policy version must be \"sha256:\" followed by 64 lowercase hexadecimal characters, "
                + "as the compiled policy reports it"
        case .tooManyKeyIDs(let count):
            "a flag-list snapshot holds at most \(FlagListSnapshotFormat.maximumKeyIDCount) key ids, "
                + "got \(count); retire old key epochs before serving the list"
        case .keyIDNotInTable(let keyID, let entry):
            "entry \(entry) has key id \(keyID), which is not among the key ids the snapshot writer was "
                + "given; pass every key id the entries use"
        case .entryCountMismatch(let declared, let appended):
            "the snapshot writer was told to expect \(declared) entries but got \(appended); "
                + "count the entries in the same transaction that reads them"
        }
    }
}
