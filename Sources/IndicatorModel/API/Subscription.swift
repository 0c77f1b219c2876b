public import Foundation

/// What a subscriber wants pushed, on top of what the sharing policy already lets it have.
///
/// Every present member narrows the stream; an empty filter passes every change the policy allows.
/// Filters see only what the recipient may see: a filter on a field the policy withholds (category,
/// confidence, reporter count) never matches, so a filter cannot be used to learn a withheld field.
public struct SubscriptionFilter: Codable, Hashable, Sendable {
    public var kinds: [IndicatorKind]?
    public var categories: [Category]?
    public var lists: [Listing]?
    /// The lowest confidence; a report whose recipient sees only the band matches when the whole band does.
    public var minimumConfidence: Confidence?
    /// Only reports the reporter limited to (among others) one of these jurisdictions.
    public var jurisdictions: [Jurisdiction]?
    /// Only tokens that at least two organisations reported, as far as the recipient may see.
    public var corroboratedOnly: Bool?

    public init(
        kinds: [IndicatorKind]? = nil, categories: [Category]? = nil, lists: [Listing]? = nil,
        minimumConfidence: Confidence? = nil, jurisdictions: [Jurisdiction]? = nil, corroboratedOnly: Bool? = nil
    ) {
        self.kinds = kinds
        self.categories = categories
        self.lists = lists
        self.minimumConfidence = minimumConfidence
        self.jurisdictions = jurisdictions
        self.corroboratedOnly = corroboratedOnly
    }

    enum CodingKeys: String, CodingKey {
        case kinds, categories, lists, jurisdictions
        case minimumConfidence = "min_confidence"
        case corroboratedOnly = "corroborated_only"
    }

    /// The most entries each list member may have.
    public static let listLimit = 50

    /// Checks the sizes of the lists.
    public func validate() throws(WireValueError) {
        let counts = [
            ("kinds", kinds?.count), ("categories", categories?.count), ("lists", lists?.count),
            ("jurisdictions", jurisdictions?.count),
        ]
        for case (let field, let count?) in counts where count > Self.listLimit {
            throw .tooManyItems(field: field, count: count, limit: Self.listLimit)
        }
    }

    /// Whether a change as delivered passes the filter; `jurisdictions` are the report's own limits.
    public func matches(_ change: FeedChange, reportJurisdictions: [Jurisdiction]) -> Bool {
        let report = change.report
        if let kinds, !kinds.contains(report.kind) { return false }
        if let lists, !lists.contains(report.listing) { return false }
        if let categories {
            guard let category = report.category, categories.contains(category) else { return false }
        }
        if let minimumConfidence {
            if let confidence = report.confidence {
                guard confidence >= minimumConfidence else { return false }
            } else {
                guard let band = report.confidenceBand, band.lowest >= minimumConfidence.value else { return false }
            }
        }
        if let jurisdictions {
            guard reportJurisdictions.contains(where: jurisdictions.contains) else { return false }
        }
        if corroboratedOnly == true {
            guard let count = report.reporterCount, count >= 2 else { return false }
        }
        return true
    }
}

extension Confidence.Band {
    /// The lowest figure in the band.
    public var lowest: Int {
        switch self {
        case .low: 0
        case .medium: 40
        case .high: 80
        }
    }
}

/// How a subscription's changes reach the subscriber.
public enum DeliveryMode: String, CaseIterable, Codable, Hashable, Sendable {
    /// The subscriber holds a Server-Sent Events connection (`GET /v1/stream`).
    case sse
    /// The hub POSTs batches to the subscriber's URL (Standard Webhooks).
    case webhook
}

/// `POST /v1/subscriptions`.
public struct SubscriptionRequest: Codable, Hashable, Sendable {
    public var name: String?
    public var filter: SubscriptionFilter
    public var delivery: DeliveryMode
    /// For webhooks: where to POST.
    public var url: String?

    public init(
        name: String? = nil, filter: SubscriptionFilter = SubscriptionFilter(), delivery: DeliveryMode,
        url: String? = nil
    ) {
        self.name = name
        self.filter = filter
        self.delivery = delivery
        self.url = url
    }

    /// The longest name.
    public static let nameLimit = 100
}

/// A subscription as its owner sees it.
public struct Subscription: Codable, Hashable, Sendable {
    public var id: String
    public var name: String?
    public var owner: ParticipantID
    public var filter: SubscriptionFilter
    public var delivery: DeliveryMode
    public var url: String?
    public var state: State
    /// For webhooks, the last sequence number acknowledged; changes after it are still to deliver.
    public var cursor: Int64
    public var createdAt: Date
    public var updatedAt: Date
    /// For webhooks: how delivery is going.
    public var webhook: WebhookStatus?
    /// For webhooks: the signing secrets in force (never their values).
    public var secrets: [SecretInfo]?

    public init(
        id: String, name: String?, owner: ParticipantID, filter: SubscriptionFilter, delivery: DeliveryMode,
        url: String?, state: State, cursor: Int64, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.owner = owner
        self.filter = filter
        self.delivery = delivery
        self.url = url
        self.state = state
        self.cursor = cursor
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public enum State: String, CaseIterable, Codable, Hashable, Sendable {
        /// Delivering.
        case active
        /// Stopped by its owner; changes wait at the cursor.
        case paused
        /// Webhook retries gave up; changes wait at the cursor until the owner resumes it.
        case failing
        /// The receiver answered 410 Gone; changes wait at the cursor until the owner resumes it.
        case disabled
    }

    /// One signing secret: when it was made and, during a rotation, when it stops being used.
    public struct SecretInfo: Codable, Hashable, Sendable {
        public var id: String
        public var createdAt: Date
        public var expiresAt: Date?

        public init(id: String, createdAt: Date, expiresAt: Date?) {
            self.id = id
            self.createdAt = createdAt
            self.expiresAt = expiresAt
        }

        enum CodingKeys: String, CodingKey {
            case id
            case createdAt = "created_at"
            case expiresAt = "expires_at"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, name, owner, filter, delivery, url, state, cursor, webhook, secrets
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// How a webhook subscription's deliveries are going: what its owner looks at when it stops.
public struct WebhookStatus: Codable, Hashable, Sendable {
    /// Failed attempts since the last success.
    public var attempts: Int = 0
    public var lastAttemptAt: Date?
    public var lastSuccessAt: Date?
    /// The receiver's last HTTP status, if it answered.
    public var lastStatus: Int?
    /// Why the last attempt failed.
    public var lastError: String?
    /// When the current run of failures began.
    public var failingSince: Date?
    /// When the hub tries again.
    public var nextAttemptAt: Date?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case attempts
        case lastAttemptAt = "last_attempt_at"
        case lastSuccessAt = "last_success_at"
        case lastStatus = "last_status"
        case lastError = "last_error"
        case failingSince = "failing_since"
        case nextAttemptAt = "next_attempt_at"
    }
}

/// `POST /v1/subscriptions` and `…/rotate-secret` answer: the subscription, and a new webhook secret
/// shown this once.
public struct SubscriptionCreated: Codable, Hashable, Sendable {
    public var subscription: Subscription
    /// `whsec_…`: keep it; the hub never shows it again.
    public var secret: String?

    public init(subscription: Subscription, secret: String?) {
        self.subscription = subscription
        self.secret = secret
    }
}

/// `GET /v1/subscriptions`.
public struct SubscriptionList: Codable, Hashable, Sendable {
    public var subscriptions: [Subscription]

    public init(subscriptions: [Subscription]) {
        self.subscriptions = subscriptions
    }
}

/// The body of a webhook delivery (Standard Webhooks' payload structure).
public struct WebhookPayload: Codable, Hashable, Sendable {
    /// Always `scamhub.changes`.
    public var type: String
    public var timestamp: Date
    public var data: Batch

    public static let changesType = "scamhub.changes"

    public init(timestamp: Date, data: Batch) {
        self.type = Self.changesType
        self.timestamp = timestamp
        self.data = data
    }

    /// One batch of changes for one subscription.
    public struct Batch: Codable, Hashable, Sendable {
        public var subscription: String
        public var changes: [FeedChange]
        /// The cursor after this batch: every change up to it has been examined.
        public var next: Int64

        public init(subscription: String, changes: [FeedChange], next: Int64) {
            self.subscription = subscription
            self.changes = changes
            self.next = next
        }
    }
}

/// What the hub says on a stream before it closes the connection: why, and where to resume.
public struct StreamDisconnect: Codable, Hashable, Sendable {
    public var reason: Reason
    /// Reconnect with `Last-Event-ID: <this>` to miss nothing.
    public var resumeAfter: Int64

    public init(reason: Reason, resumeAfter: Int64) {
        self.reason = reason
        self.resumeAfter = resumeAfter
    }

    public enum Reason: String, Codable, Hashable, Sendable {
        case slowConsumer = "slow-consumer"
        case keyRevoked = "key-revoked"
        case subscriptionPaused = "subscription-paused"
        case subscriptionDeleted = "subscription-deleted"
        case shutdown
    }

    enum CodingKeys: String, CodingKey {
        case reason
        case resumeAfter = "resume_after"
    }
}

/// The `cursor` event: the hub examined changes up to `next` that the stream does not carry.
public struct StreamCursor: Codable, Hashable, Sendable {
    public var next: Int64

    public init(next: Int64) {
        self.next = next
    }
}
