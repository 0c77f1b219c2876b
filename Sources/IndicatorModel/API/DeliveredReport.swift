public import Foundation

/// A report as one recipient receives it: the fields its sharing policy allows, the others absent.
///
/// `token`, `kid`, `kind`, `list` and `tlp` are always present; TLP 2.0 requires the label to
/// travel with the information.
public struct DeliveredReport: Codable, Hashable, Sendable {
    public var token: Token
    public var keyID: KeyID
    public var kind: IndicatorKind
    public var listing: Listing
    public var tlp: TLP
    public var category: Category?
    public var confidence: Confidence?
    public var confidenceBand: Confidence.Band?
    /// The organisation that reported it.
    public var reporter: ParticipantID?
    public var narrative: String?
    public var evidenceDigests: [String]?
    /// When the hub first received a report on the token.
    public var firstSeen: Date?
    /// When a report on the token last arrived or changed.
    public var lastSeen: Date?
    /// Distinct organisations with a live report on the token.
    public var reporterCount: Int?
    public var expiresAt: Date?

    public init(token: Token, keyID: KeyID, kind: IndicatorKind, listing: Listing, tlp: TLP) {
        self.token = token
        self.keyID = keyID
        self.kind = kind
        self.listing = listing
        self.tlp = tlp
    }

    enum CodingKeys: String, CodingKey {
        case token, kind, tlp, category, confidence, reporter, narrative
        case keyID = "kid"
        case listing = "list"
        case confidenceBand = "confidence_band"
        case evidenceDigests = "evidence_digests"
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
        case reporterCount = "reporter_count"
        case expiresAt = "expires_at"
    }
}

/// `GET /v1/feed`: the changes visible to the caller after a cursor, in sequence order.
public struct FeedPage: Codable, Hashable, Sendable {
    public var changes: [FeedChange]
    /// The cursor to ask from next: the last sequence number examined, visible to the caller or not.
    public var next: Int64
    /// True when more changes are waiting: ask again at once.
    public var hasMore: Bool
    /// The policy that decided what the page holds (`sha256:…`).
    public var policyVersion: String

    public init(changes: [FeedChange], next: Int64, hasMore: Bool, policyVersion: String) {
        self.changes = changes
        self.next = next
        self.hasMore = hasMore
        self.policyVersion = policyVersion
    }

    enum CodingKeys: String, CodingKey {
        case changes, next
        case hasMore = "has_more"
        case policyVersion = "policy_version"
    }
}

/// One change as the feed delivers it.
public struct FeedChange: Codable, Hashable, Sendable {
    public var sequence: Int64
    public var type: ChangeType
    public var at: Date
    public var report: DeliveredReport
    /// For `revoked`: why.
    public var reason: RevocationReason?
    /// For `feedback`: what a consumer did about the token (sent to the report's reporter only).
    public var disposition: Disposition?

    public init(
        sequence: Int64, type: ChangeType, at: Date, report: DeliveredReport, reason: RevocationReason? = nil,
        disposition: Disposition? = nil
    ) {
        self.sequence = sequence
        self.type = type
        self.at = at
        self.report = report
        self.reason = reason
        self.disposition = disposition
    }

    /// What happened to the report.
    public enum ChangeType: String, CaseIterable, Codable, Hashable, Sendable {
        case published, updated, revoked, expired, feedback

        /// Whether recipients should drop the report.
        public var isRemoval: Bool { self == .revoked || self == .expired }
    }
}
