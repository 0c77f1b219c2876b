import Foundation
public import IndicatorModel

/// Brings a `FlagListCache` up to the hub's list: deltas after its cursor, each applied in one
/// transaction, then the state digest compared with the hub's; a snapshot, written beside the old
/// copy and swapped in whole, when there is no usable copy, the hub asks for one, or the digests differ.
public struct FlagListSync: Sendable {
    public let connection: HubConnection
    public let cache: FlagListCache

    public init(connection: HubConnection, cache: FlagListCache) {
        self.connection = connection
        self.cache = cache
    }

    /// What one sync did.
    public struct Result: Sendable, Equatable {
        public var state: FlagListCache.State
        /// Entries added (a resync counts every entry) and removed.
        public var added: Int
        public var removed: Int
        /// Why the list was fetched whole, if it was.
        public var resyncReason: String?
        /// Seconds the hub asks clients to wait before the next poll.
        public var minimumWaitSeconds: Int
    }

    /// Syncs once.
    public func run() async throws -> Result {
        let hub = connection.hub.absoluteString
        let current: FlagListCache.State?
        do { current = try cache.state() } catch { return try await resync("the local copy is damaged") }
        guard var state = current else { return try await resync("there was no local copy") }
        guard state.hub == hub else { return try await resync("the local copy came from another hub (\(state.hub))") }
        var added = 0
        var removed = 0
        while true {
            let delta = try await connection.flagListChanges(
                after: state.cursor, limit: 100_000, policyVersion: state.policyVersion)
            if let reason = delta.resyncRequired {
                return try await resync("the hub asked for a resync (\(reason.rawValue))")
            }
            do { state = try cache.apply(delta) } catch {
                if case .unwritable = error { throw error }
                return try await resync("the local copy is damaged")
            }
            added += delta.added.count
            removed += delta.removed.count
            guard !delta.hasMore else { continue }
            // The digest the file records must be the hub's, and the entries the file holds must add up to it.
            guard delta.stateDigest == state.digest.hex, delta.entryCount == state.entryCount,
                (try? cache.verify()) == true
            else {
                return try await resync("the local copy's state digest differs from the hub's")
            }
            return Result(
                state: state, added: added, removed: removed, resyncReason: nil,
                minimumWaitSeconds: delta.minimumWaitSeconds)
        }
    }

    private func resync(_ reason: String) async throws -> Result {
        let snapshot = try await connection.binaryFlagListSnapshot()
        try cache.replace(with: snapshot, hub: connection.hub.absoluteString)
        guard let state = try cache.state() else { throw FlagListCacheError.missing(cache.file.path) }
        return Result(
            state: state, added: snapshot.entries.count, removed: 0, resyncReason: reason, minimumWaitSeconds: 0)
    }
}

/// A flag list as `scamhub check` looks values up in it: every token in memory, the details of an entry
/// read when a token matches (matches are rare; the details of a million entries are not worth holding).
public struct FlagListIndex: Sendable {
    private let tokens: Set<Token>
    private let details: @Sendable (Token) -> [FlagListEntry]

    /// An index over entries held in memory.
    public init(_ entries: [FlagListEntry]) {
        let byToken = Dictionary(grouping: entries, by: \.token)
        tokens = Set(byToken.keys)
        details = { byToken[$0] ?? [] }
    }

    init(tokens: Set<Token>, details: @escaping @Sendable (Token) -> [FlagListEntry]) {
        self.tokens = tokens
        self.details = details
    }

    /// Whether `token` is on a list.
    public func contains(_ token: Token) -> Bool { tokens.contains(token) }

    /// The entries on `token` (a token flagged and allow-listed has two), none when it is on no list.
    public func entries(for token: Token) -> [FlagListEntry] {
        tokens.contains(token) ? details(token) : []
    }

    /// How many tokens it holds.
    public var tokenCount: Int { tokens.count }
}
