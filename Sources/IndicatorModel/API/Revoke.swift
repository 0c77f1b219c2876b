/// Names one token under one key epoch, as requests refer to it.
public struct TokenReference: Codable, Hashable, Sendable {
    public var token: Token
    public var keyID: KeyID

    public init(token: Token, keyID: KeyID) {
        self.token = token
        self.keyID = keyID
    }

    enum CodingKeys: String, CodingKey {
        case token
        case keyID = "kid"
    }
}

/// `POST /v1/reports/revoke`: withdraw reports.
public struct RevokeRequest: Codable, Hashable, Sendable {
    public var reports: [Item]
    public var reason: RevocationReason

    public init(reports: [Item], reason: RevocationReason) {
        self.reports = reports
        self.reason = reason
    }

    /// One report to revoke: the caller's own unless `reporter` names another organisation's
    /// (which only law enforcement and the operator may revoke).
    public struct Item: Codable, Hashable, Sendable {
        public var token: Token
        public var keyID: KeyID
        public var reporter: ParticipantID?

        public init(token: Token, keyID: KeyID, reporter: ParticipantID? = nil) {
            self.token = token
            self.keyID = keyID
            self.reporter = reporter
        }

        enum CodingKeys: String, CodingKey {
            case token, reporter
            case keyID = "kid"
        }
    }
}

/// What a revocation did, one result per requested report.
public struct RevokeResponse: Codable, Hashable, Sendable {
    public var results: [Result]

    public init(results: [Result]) { self.results = results }

    /// The outcome for one report.
    public struct Result: Codable, Hashable, Sendable {
        public var index: Int
        public var status: Status
        /// The sequence number of the removal, when `revoked`.
        public var sequence: Int64?

        public init(index: Int, status: Status, sequence: Int64? = nil) {
            self.index = index
            self.status = status
            self.sequence = sequence
        }
    }

    public enum Status: String, Codable, Hashable, Sendable {
        case revoked
        case notFound = "not_found"
        /// Already revoked or expired.
        case alreadyRemoved = "already_removed"
        /// Only the reporter, law enforcement and the operator may revoke a report.
        case notPermitted = "not_permitted"
    }
}

/// `POST /v1/feedback`: what a consumer did about tokens.
public struct FeedbackRequest: Codable, Hashable, Sendable {
    public var feedback: [Item]

    public init(feedback: [Item]) { self.feedback = feedback }

    public struct Item: Codable, Hashable, Sendable {
        public var token: Token
        public var keyID: KeyID
        public var disposition: Disposition

        public init(token: Token, keyID: KeyID, disposition: Disposition) {
            self.token = token
            self.keyID = keyID
            self.disposition = disposition
        }

        enum CodingKeys: String, CodingKey {
            case token, disposition
            case keyID = "kid"
        }
    }
}

/// What recording feedback did, one result per item.
public struct FeedbackResponse: Codable, Hashable, Sendable {
    public var results: [Result]

    public init(results: [Result]) { self.results = results }

    public struct Result: Codable, Hashable, Sendable {
        public var index: Int
        /// How many live reports' reporters were told, through their feed.
        public var reportersNotified: Int
        /// Distinct organisations that called the indicator a false positive.
        public var falsePositiveOrganisations: Int
        /// True once enough organisations called it a false positive that a person should review it.
        public var isUnderReview: Bool

        public init(index: Int, reportersNotified: Int, falsePositiveOrganisations: Int, isUnderReview: Bool) {
            self.index = index
            self.reportersNotified = reportersNotified
            self.falsePositiveOrganisations = falsePositiveOrganisations
            self.isUnderReview = isUnderReview
        }

        enum CodingKeys: String, CodingKey {
            case index
            case reportersNotified = "reporters_notified"
            case falsePositiveOrganisations = "false_positive_organisations"
            case isUnderReview = "under_review"
        }
    }
}
