public import Foundation

/// The hub's view of one token: what all its live reports say together.
public struct Indicator: Codable, Hashable, Sendable {
    public var token: Token
    public var keyID: KeyID
    public var kind: IndicatorKind
    public var status: Status
    /// Live reports about the token.
    public var reportCount: Int
    /// Distinct organisations that reported it: corroboration.
    public var reporterCount: Int
    public var firstSeen: Date
    public var lastSeen: Date

    public init(
        token: Token, keyID: KeyID, kind: IndicatorKind, status: Status, reportCount: Int, reporterCount: Int,
        firstSeen: Date, lastSeen: Date
    ) {
        self.token = token
        self.keyID = keyID
        self.kind = kind
        self.status = status
        self.reportCount = reportCount
        self.reporterCount = reporterCount
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    /// Where an indicator stands.
    public enum Status: String, CaseIterable, Codable, Hashable, Sendable {
        /// At least one live report.
        case active
        /// Several organisations reported false positives; a person should look at it.
        case underReview = "under_review"
        /// Every report was revoked or expired.
        case inactive
    }

    enum CodingKeys: String, CodingKey {
        case token, kind, status
        case keyID = "kid"
        case reportCount = "report_count"
        case reporterCount = "reporter_count"
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
    }
}
