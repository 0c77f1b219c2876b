public import Foundation

/// `POST /v1/participants`: register an organisation.
public struct NewParticipant: Codable, Hashable, Sendable {
    public var id: ParticipantID
    public var role: Role
    public var jurisdiction: Jurisdiction
    /// The sharing communities it belongs to (those whose community key it holds).
    public var communities: [String]

    public init(id: ParticipantID, role: Role, jurisdiction: Jurisdiction, communities: [String] = []) {
        self.id = id
        self.role = role
        self.jurisdiction = jurisdiction
        self.communities = communities
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(ParticipantID.self, forKey: .id),
            role: try container.decode(Role.self, forKey: .role),
            jurisdiction: try container.decode(Jurisdiction.self, forKey: .jurisdiction),
            communities: try container.decodeIfPresent([String].self, forKey: .communities) ?? [])
    }

    enum CodingKeys: String, CodingKey {
        case id, role, jurisdiction, communities
    }
}

/// An organisation as the hub records it.
public struct ParticipantRecord: Codable, Hashable, Sendable {
    public var id: ParticipantID
    public var role: Role
    public var jurisdiction: Jurisdiction
    public var communities: [String]
    public var createdAt: Date
    public var disabledAt: Date?

    public init(
        id: ParticipantID, role: Role, jurisdiction: Jurisdiction, communities: [String], createdAt: Date,
        disabledAt: Date?
    ) {
        self.id = id
        self.role = role
        self.jurisdiction = jurisdiction
        self.communities = communities
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }

    enum CodingKeys: String, CodingKey {
        case id, role, jurisdiction, communities
        case createdAt = "created_at"
        case disabledAt = "disabled_at"
    }
}

/// `GET /v1/participants`.
public struct ParticipantList: Codable, Hashable, Sendable {
    public var participants: [ParticipantRecord]

    public init(participants: [ParticipantRecord]) { self.participants = participants }
}

/// `POST /v1/participants/{id}/keys`: which scopes the new key carries.
public struct KeyRequest: Codable, Hashable, Sendable {
    public var scopes: [Scope]

    public init(scopes: [Scope]) { self.scopes = scopes }
}

/// An API key as the hub describes it: never its secret.
public struct KeyRecord: Codable, Hashable, Sendable {
    /// The public part of the key (`shk_<id>_…`), safe to log and quote.
    public var id: String
    public var participant: ParticipantID
    public var scopes: [Scope]
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: String, participant: ParticipantID, scopes: [Scope], createdAt: Date, revokedAt: Date?) {
        self.id = id
        self.participant = participant
        self.scopes = scopes
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, participant, scopes
        case createdAt = "created_at"
        case revokedAt = "revoked_at"
    }
}

/// `GET /v1/participants/{id}/keys`.
public struct KeyList: Codable, Hashable, Sendable {
    public var keys: [KeyRecord]

    public init(keys: [KeyRecord]) { self.keys = keys }
}

/// A newly issued key: the only time its secret is shown.
public struct IssuedKeyRecord: Codable, Hashable, Sendable, CustomStringConvertible {
    public var key: KeyRecord
    /// What the holder sends as `Authorization: Bearer …`; the hub keeps only its hash.
    public var secret: String

    public init(key: KeyRecord, secret: String) {
        self.key = key
        self.secret = secret
    }

    public var description: String { "\(key.id) <redacted>" }
}

/// An error as the hub reports it: RFC 9457 problem details (`application/problem+json`).
public struct Problem: Codable, Hashable, Sendable, Error, CustomStringConvertible {
    /// A URI naming the kind of problem, e.g. `https://scamhub.dev/problems/validation`.
    public var type: String
    public var title: String
    public var status: Int
    /// What went wrong this time, for the person who must fix it.
    public var detail: String?
    /// The request's id, to quote to the hub's operator.
    public var instance: String?
    /// The offending fields, each with a JSON Pointer into the request.
    public var errors: [FieldError]?
    /// For `429`: seconds until the caller may try again.
    public var retryAfterSeconds: Int?

    public init(
        type: String, title: String, status: Int, detail: String? = nil, instance: String? = nil,
        errors: [FieldError]? = nil, retryAfterSeconds: Int? = nil
    ) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.instance = instance
        self.errors = errors
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String {
        var text = "\(status) \(title)"
        if let detail { text += ": \(detail)" }
        for error in errors ?? [] { text += "\n  \(error.pointer): \(error.detail)" }
        return text
    }

    /// One offending field.
    public struct FieldError: Codable, Hashable, Sendable {
        /// A JSON Pointer (RFC 6901) into the request body, e.g. `/reports/3/confidence`.
        public var pointer: String
        public var detail: String

        public init(pointer: String, detail: String) {
            self.pointer = pointer
            self.detail = detail
        }
    }

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, instance, errors
        case retryAfterSeconds = "retry_after"
    }
}
