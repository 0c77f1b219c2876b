public import Foundation
import GRDB
public import IndicatorModel

/// A participant's flag list kept on its own machine: one SQLite file that `scamhub pull` keeps in step
/// with the hub and `scamhub check` reads offline.
///
/// Deltas are applied in one transaction each; a resync writes a complete new file beside the old
/// one and renames it over it, so a reader always opens either the old list or the new one, whole.
/// The file records the hub it came from, the cursor, the policy version and the list's state
/// digest, updated entry by entry and compared with the hub's after every sync.
public struct FlagListCache: Sendable {
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    /// Where the cache stands.
    public struct State: Sendable, Equatable {
        /// The hub's base URL the list came from.
        public var hub: String
        public var cursor: Int64
        public var policyVersion: String
        public var digest: FlagListDigest
        public var entryCount: Int
        public var syncedAt: Date
    }

    /// The cache's state; nil when there is no cache yet. A file that is not a whole cache throws `.corrupt`.
    public func state() throws(FlagListCacheError) -> State? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return try read { db in try Self.readState(db) }
    }

    /// The index `scamhub check` looks values up in: every token in memory, an entry's details read from
    /// the file when its token matches.
    public func index() throws(FlagListCacheError) -> FlagListIndex {
        guard FileManager.default.fileExists(atPath: file.path) else { throw .missing(file.path) }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: file.path, configuration: configuration)
            let tokens = try queue.read { db in
                let state = try Self.readState(db)
                var tokens = Set<Token>(minimumCapacity: state.entryCount)
                let blobs = try Data.fetchCursor(db, sql: "SELECT token FROM entries")
                while let data = try blobs.next() {
                    guard data.count == 32 else {
                        throw FlagListCacheError.corrupt("", "an entry's token is not 32 bytes")
                    }
                    tokens.insert(data.withUnsafeBytes { Token(copying: $0) })
                }
                return tokens
            }
            return FlagListIndex(tokens: tokens) { token in
                (try? queue.read { db in
                    try Row.fetchAll(
                        db, sql: "SELECT token, kid, kind, list, category, band FROM entries WHERE token = ?",
                        arguments: [token.data]
                    ).map(Self.entry)
                }) ?? []
            }
        } catch {
            throw located(error)
        }
    }

    /// Every entry.
    public func entries() throws(FlagListCacheError) -> [FlagListEntry] {
        guard FileManager.default.fileExists(atPath: file.path) else { throw .missing(file.path) }
        return try read { db in
            _ = try Self.readState(db)
            var entries: [FlagListEntry] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT token, kid, kind, list, category, band FROM entries")
            while let row = try rows.next() { entries.append(try Self.entry(row)) }
            return entries
        }
    }

    /// Replaces the cache with `snapshot` (already verified against its digest): written whole to a new
    /// file, flushed, then renamed over the old one.
    public func replace(with snapshot: FlagListSnapshotContents, hub: String, at now: Date = Date())
        throws(FlagListCacheError)
    {
        let fresh = file.deletingLastPathComponent().appending(path: ".\(file.lastPathComponent).new")
        try? FileManager.default.removeItem(at: fresh)
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let queue = try DatabaseQueue(path: fresh.path)
            try queue.write { db in
                try db.execute(sql: Self.schema)
                let insert = try db.makeStatement(sql: Self.insertSQL)
                for entry in snapshot.entries { try insert.execute(arguments: Self.arguments(entry)) }
                try Self.writeState(
                    State(
                        hub: hub, cursor: snapshot.cursor, policyVersion: snapshot.policyVersion,
                        digest: snapshot.digest, entryCount: snapshot.entries.count, syncedAt: now), db)
            }
            try queue.close()
        } catch {
            try? FileManager.default.removeItem(at: fresh)
            throw .unwritable(file.path, "\(error)")
        }
        guard rename(fresh.path, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: fresh)
            throw .unwritable(file.path, reason)
        }
    }

    /// Applies one delta in one transaction and returns the new state, its digest updated entry by entry.
    public func apply(_ delta: FlagListDelta, at now: Date = Date()) throws(FlagListCacheError) -> State {
        do {
            let queue = try DatabaseQueue(path: file.path)
            defer { try? queue.close() }
            return try queue.write { db in
                var state = try Self.readState(db)
                for key in delta.removed {
                    try db.execute(
                        sql: "DELETE FROM entries WHERE token = ? AND kid = ? AND list = ?",
                        arguments: [key.token.data, key.keyID.rawValue, key.listing.rawValue])
                    if db.changesCount > 0 {
                        state.digest.remove(key)
                        state.entryCount -= 1
                    }
                }
                for entry in delta.added {
                    let existed =
                        try Bool.fetchOne(
                            db, sql: "SELECT 1 FROM entries WHERE token = ? AND kid = ? AND list = ?",
                            arguments: [entry.token.data, entry.keyID.rawValue, entry.listing.rawValue])
                        ?? false
                    try db.execute(sql: Self.insertSQL, arguments: Self.arguments(entry))
                    if !existed {
                        state.digest.insert(entry.key)
                        state.entryCount += 1
                    }
                }
                state.cursor = delta.cursor
                state.policyVersion = delta.policyVersion
                state.syncedAt = now
                try Self.writeState(state, db)
                return state
            }
        } catch {
            throw located(error)
        }
    }

    /// Recomputes the digest from the entries: whether the file still holds the list its state names.
    public func verify() throws(FlagListCacheError) -> Bool {
        try read { db in
            let state = try Self.readState(db)
            var digest = FlagListDigest()
            var count = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT token, kid, kind, list, category, band FROM entries")
            while let row = try rows.next() {
                digest.insert(try Self.entry(row).key)
                count += 1
            }
            return digest == state.digest && count == state.entryCount
        }
    }

    // MARK: - SQLite

    private func read<Value>(_ body: (Database) throws -> Value) throws(FlagListCacheError) -> Value {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: file.path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read(body)
        } catch {
            throw located(error)
        }
    }

    /// An error as this cache's: storage errors and unreadable contents name the file.
    private func located(_ error: any Error) -> FlagListCacheError {
        switch error {
        case FlagListCacheError.corrupt(_, let reason): .corrupt(file.path, reason)
        case let error as FlagListCacheError: error
        case let error as DatabaseError where error.resultCode == .SQLITE_NOTADB: .corrupt(file.path, "not a database")
        default: .corrupt(file.path, "\(error)")
        }
    }

    private static let schema = """
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE entries (
            token BLOB NOT NULL CHECK (length(token) = 32),
            kid TEXT NOT NULL,
            kind TEXT NOT NULL,
            list TEXT NOT NULL,
            category TEXT,
            band TEXT,
            PRIMARY KEY (token, kid, list)
        ) WITHOUT ROWID;
        """

    private static let insertSQL =
        "INSERT OR REPLACE INTO entries (token, kid, kind, list, category, band) VALUES (?, ?, ?, ?, ?, ?)"

    private static func arguments(_ entry: FlagListEntry) -> StatementArguments {
        [
            entry.token.data, entry.keyID.rawValue, entry.kind.rawValue, entry.listing.rawValue,
            entry.category?.rawValue, entry.confidenceBand?.rawValue,
        ]
    }

    private static func entry(_ row: Row) throws -> FlagListEntry {
        let tokenBytes: Data = row["token"]
        guard tokenBytes.count == 32, let kind = IndicatorKind(rawValue: row["kind"]),
            let listing = Listing(rawValue: row["list"])
        else {
            throw FlagListCacheError.corrupt("", "an entry has an unknown kind or list")
        }
        var entry = FlagListEntry(
            token: tokenBytes.withUnsafeBytes { Token(copying: $0) }, keyID: try KeyID(row["kid"] as String),
            kind: kind,
            listing: listing)
        entry.category = (row["category"] as String?).flatMap(Category.init(rawValue:))
        entry.confidenceBand = (row["band"] as String?).flatMap(Confidence.Band.init(rawValue:))
        return entry
    }

    private static func readState(_ db: Database) throws -> State {
        let values = Dictionary(
            uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, value FROM meta").map {
                ($0["name"] as String, $0["value"] as String)
            })
        guard values["format"] == "1", let hub = values["hub"], let cursor = values["cursor"].flatMap({ Int64($0) }),
            let policy = values["policy_version"], let digestText = values["digest"],
            let digest = try? FlagListDigest(hex: digestText), let count = values["entry_count"].flatMap({ Int($0) }),
            let synced = values["synced_at"].flatMap({ Double($0) })
        else { throw FlagListCacheError.corrupt("", "its state is missing or unreadable") }
        return State(
            hub: hub, cursor: cursor, policyVersion: policy, digest: digest, entryCount: count,
            syncedAt: Date(timeIntervalSince1970: synced))
    }

    private static func writeState(_ state: State, _ db: Database) throws {
        let values: [(String, String)] = [
            ("format", "1"), ("hub", state.hub), ("cursor", "\(state.cursor)"),
            ("policy_version", state.policyVersion), ("digest", state.digest.hex),
            ("entry_count", "\(state.entryCount)"), ("synced_at", "\(state.syncedAt.timeIntervalSince1970)"),
        ]
        for (name, value) in values {
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", arguments: [name, value])
        }
    }
}

/// Why the local flag-list cache could not be used.
public enum FlagListCacheError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(String)
    case corrupt(String, String)
    case unwritable(String, String)

    public var description: String {
        switch self {
        case .missing(let path): "there is no flag-list cache at \(path): run `scamhub pull` first"
        case .corrupt(let path, let reason):
            "the flag-list cache \(path) is damaged (\(reason)): run `scamhub pull`, which rebuilds it"
        case .unwritable(let path, let reason): "the flag-list cache \(path) cannot be written: \(reason)"
        }
    }
}

extension Token {
    /// The 32 bytes, for SQLite.
    var data: Data { withUnsafeBytes { Data($0) } }
}
