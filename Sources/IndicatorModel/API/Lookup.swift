/// `POST /v1/lookup`: is each of these tokens known, and what may the caller know about it?
public struct LookupRequest: Codable, Hashable, Sendable {
    /// At most `LookupRequest.limit` tokens.
    public var tokens: [TokenReference]

    /// The most tokens one lookup may carry.
    public static let limit = 1_000

    public init(tokens: [TokenReference]) { self.tokens = tokens }
}

/// One result per looked-up token, in the request's order.
public struct LookupResponse: Codable, Hashable, Sendable {
    public var results: [Result]
    public var policyVersion: String

    public init(results: [Result], policyVersion: String) {
        self.results = results
        self.policyVersion = policyVersion
    }

    enum CodingKeys: String, CodingKey {
        case results
        case policyVersion = "policy_version"
    }

    public struct Result: Codable, Hashable, Sendable {
        public var token: Token
        public var keyID: KeyID
        /// True when at least one live report on the token is visible to the caller.
        public var isFound: Bool
        /// The visible live reports, each with the fields the policy allows.
        public var reports: [DeliveredReport]
        /// True when enough organisations called the token a false positive that it awaits review.
        public var isUnderReview: Bool

        public init(token: Token, keyID: KeyID, reports: [DeliveredReport], isUnderReview: Bool) {
            self.token = token
            self.keyID = keyID
            self.isFound = !reports.isEmpty
            self.reports = reports
            self.isUnderReview = isUnderReview
        }

        enum CodingKeys: String, CodingKey {
            case token, reports
            case keyID = "kid"
            case isFound = "found"
            case isUnderReview = "under_review"
        }
    }
}
