import Foundation

/// `GET /v1/audit/events`: entries matching a query, oldest first.
public struct AuditEventPage: Codable, Hashable, Sendable {
    public var events: [AuditRecord]
    /// Pass as `after` for the next page.
    public var next: Int64
    public var hasMore: Bool

    public init(events: [AuditRecord], next: Int64, hasMore: Bool) {
        self.events = events
        self.next = next
        self.hasMore = hasMore
    }

    enum CodingKeys: String, CodingKey {
        case events, next
        case hasMore = "has_more"
    }
}

/// `GET /v1/audit/recipients`: which participants received a token, how, when and under which
/// policy — computed from the token's sequence numbers and the delivered sequences in the log.
public struct AuditRecipients: Codable, Hashable, Sendable {
    public var token: Token
    public var keyID: KeyID?
    /// The token's changes (publications, updates, revocations, expiries) the hub knows of.
    public var changes: Int
    public var recipients: [AuditRecipient]
    /// Deliveries the hub could not re-decide: their policy version's text was not kept.
    public var undetermined: [AuditRecipient]

    public init(
        token: Token, keyID: KeyID?, changes: Int, recipients: [AuditRecipient], undetermined: [AuditRecipient]
    ) {
        self.token = token
        self.keyID = keyID
        self.changes = changes
        self.recipients = recipients
        self.undetermined = undetermined
    }

    enum CodingKeys: String, CodingKey {
        case token, changes, recipients, undetermined
        case keyID = "kid"
    }
}

/// One participant's receipt of a token through one channel.
public struct AuditRecipient: Codable, Hashable, Sendable {
    public var participant: ParticipantID
    /// `pull` (feed, flag list), `lookup`, `stream` or `webhook`.
    public var channel: String
    /// The audit actions that delivered it, e.g. `flaglist.changes`.
    public var actions: [String]
    /// The first and last delivery's time (RFC 3339, microseconds).
    public var firstAt: String
    public var lastAt: String
    /// How many requests delivered it.
    public var deliveries: Int
    /// The audit entries of the first and last delivery.
    public var firstEntry: Int64
    public var lastEntry: Int64
    public var policyVersions: [String]
    /// The token's sequence numbers that reached the participant.
    public var sequences: [Int64]

    public init(
        participant: ParticipantID, channel: String, actions: [String], firstAt: String, lastAt: String,
        deliveries: Int, firstEntry: Int64, lastEntry: Int64, policyVersions: [String], sequences: [Int64]
    ) {
        self.participant = participant
        self.channel = channel
        self.actions = actions
        self.firstAt = firstAt
        self.lastAt = lastAt
        self.deliveries = deliveries
        self.firstEntry = firstEntry
        self.lastEntry = lastEntry
        self.policyVersions = policyVersions
        self.sequences = sequences
    }

    enum CodingKeys: String, CodingKey {
        case participant, channel, actions, deliveries, sequences
        case firstAt = "first_at"
        case lastAt = "last_at"
        case firstEntry = "first_entry"
        case lastEntry = "last_entry"
        case policyVersions = "policy_versions"
    }
}

extension AuditRecord: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let atText = try container.decode(String.self, forKey: .at)
        guard let at = AuditTime(parsing: atText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .at, in: container, debugDescription: "not an audit time: \(atText)")
        }
        var delivered: SequenceSet?
        if let text = try container.decodeIfPresent(String.self, forKey: .delivered) {
            guard let set = SequenceSet(parsing: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .delivered, in: container, debugDescription: "not a sequence set: \(text)")
            }
            delivered = set
        }
        self.init(
            seq: try container.decode(Int64.self, forKey: .seq), at: at,
            actor: try container.decodeIfPresent(String.self, forKey: .actor),
            keyID: try container.decodeIfPresent(String.self, forKey: .keyID),
            action: try container.decode(String.self, forKey: .action),
            resource: try container.decodeIfPresent(String.self, forKey: .resource),
            outcome: try container.decode(AuditOutcome.self, forKey: .outcome),
            status: try container.decodeIfPresent(Int64.self, forKey: .status),
            requestID: try container.decodeIfPresent(String.self, forKey: .requestID),
            policyVersion: try container.decodeIfPresent(String.self, forKey: .policyVersion), delivered: delivered,
            count: try container.decodeIfPresent(Int64.self, forKey: .count))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seq, forKey: .seq)
        try container.encode(at.description, forKey: .at)
        try container.encode(actor, forKey: .actor)
        try container.encode(keyID, forKey: .keyID)
        try container.encode(action, forKey: .action)
        try container.encode(resource, forKey: .resource)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(status, forKey: .status)
        try container.encode(requestID, forKey: .requestID)
        try container.encode(policyVersion, forKey: .policyVersion)
        try container.encode(delivered?.description, forKey: .delivered)
        try container.encode(count, forKey: .count)
    }

    enum CodingKeys: String, CodingKey {
        case seq, at, actor, action, resource, outcome, status, delivered, count
        case keyID = "key_id"
        case requestID = "request_id"
        case policyVersion = "policy_version"
    }
}
