/// One token on a recipient's flag list (or allow list), collapsed over the reports it may see.
///
/// The list holds one entry per (token, kid, list): a token flagged by one organisation and
/// allow-listed by another appears twice, so the recipient sees the conflict.
public struct FlagListEntry: Codable, Hashable, Sendable {
    public var token: Token
    public var keyID: KeyID
    public var kind: IndicatorKind
    public var listing: Listing
    /// The category of the most confident visible report, when the policy shows categories.
    public var category: Category?
    /// The highest confidence band among the visible reports, when the policy shows it.
    public var confidenceBand: Confidence.Band?

    public init(
        token: Token, keyID: KeyID, kind: IndicatorKind, listing: Listing, category: Category? = nil,
        confidenceBand: Confidence.Band? = nil
    ) {
        self.token = token
        self.keyID = keyID
        self.kind = kind
        self.listing = listing
        self.category = category
        self.confidenceBand = confidenceBand
    }

    /// What identifies the entry on the list.
    public var key: FlagListKey { FlagListKey(token: token, keyID: keyID, listing: listing) }

    enum CodingKeys: String, CodingKey {
        case token, kind, category
        case keyID = "kid"
        case listing = "list"
        case confidenceBand = "confidence_band"
    }
}

/// What identifies a flag-list entry: a token under a key epoch, on one of the two lists.
public struct FlagListKey: Codable, Hashable, Sendable {
    public var token: Token
    public var keyID: KeyID
    public var listing: Listing

    public init(token: Token, keyID: KeyID, listing: Listing) {
        self.token = token
        self.keyID = keyID
        self.listing = listing
    }

    enum CodingKeys: String, CodingKey {
        case token
        case keyID = "kid"
        case listing = "list"
    }
}

/// `GET /v1/flaglist/changes`: what to add to and remove from the caller's list since a cursor.
///
/// Applying `removed` then `added` (an upsert) to the list as of `after` gives the list as of
/// `cursor`; when `hasMore` is false, its digest must equal `stateDigest`.
public struct FlagListDelta: Codable, Hashable, Sendable {
    /// Entries new or changed since the cursor: insert or replace.
    public var added: [FlagListEntry]
    /// Entries gone since the cursor: delete.
    public var removed: [FlagListKey]
    /// The cursor to ask from next.
    public var cursor: Int64
    /// True when more changes are waiting: ask again at once.
    public var hasMore: Bool
    /// The digest of the caller's whole list as of `cursor` (docs/flaglist.md); present when `hasMore` is false.
    public var stateDigest: String?
    /// How many entries the list holds as of `cursor`; present with `stateDigest`.
    public var entryCount: Int?
    public var policyVersion: String
    /// Ask again no sooner than this: the hub paces its clients.
    public var minimumWaitSeconds: Int
    /// Set when the delta cannot bring the caller's list up to date: fetch a snapshot instead.
    public var resyncRequired: ResyncReason?

    public init(
        added: [FlagListEntry], removed: [FlagListKey], cursor: Int64, hasMore: Bool, stateDigest: String?,
        entryCount: Int?, policyVersion: String, minimumWaitSeconds: Int, resyncRequired: ResyncReason? = nil
    ) {
        self.added = added
        self.removed = removed
        self.cursor = cursor
        self.hasMore = hasMore
        self.stateDigest = stateDigest
        self.entryCount = entryCount
        self.policyVersion = policyVersion
        self.minimumWaitSeconds = minimumWaitSeconds
        self.resyncRequired = resyncRequired
    }

    enum CodingKeys: String, CodingKey {
        case added, removed, cursor
        case hasMore = "has_more"
        case stateDigest = "state_digest"
        case entryCount = "entry_count"
        case policyVersion = "policy_version"
        case minimumWaitSeconds = "minimum_wait_seconds"
        case resyncRequired = "resync_required"
    }
}

/// Why a client must replace its list with a snapshot.
public enum ResyncReason: String, Codable, Hashable, Sendable {
    /// The policy changed since the cursor was issued; what the caller may see may have narrowed.
    case policyChanged = "policy_changed"
    /// The cursor is ahead of the hub: the client's state came from elsewhere.
    case cursorAhead = "cursor_ahead"
}

/// `GET /v1/flaglist/snapshot` as JSON (for small lists; large ones use the binary form, docs/flaglist.md).
public struct FlagListSnapshot: Codable, Hashable, Sendable {
    public var entries: [FlagListEntry]
    public var cursor: Int64
    public var stateDigest: String
    public var policyVersion: String
    public var minimumWaitSeconds: Int

    public init(
        entries: [FlagListEntry], cursor: Int64, stateDigest: String, policyVersion: String, minimumWaitSeconds: Int
    ) {
        self.entries = entries
        self.cursor = cursor
        self.stateDigest = stateDigest
        self.policyVersion = policyVersion
        self.minimumWaitSeconds = minimumWaitSeconds
    }

    enum CodingKeys: String, CodingKey {
        case entries, cursor
        case stateDigest = "state_digest"
        case policyVersion = "policy_version"
        case minimumWaitSeconds = "minimum_wait_seconds"
    }
}
