public import Foundation

/// The hub's view of one token: what all its live reports say together.
public struct Indicator: Codable, Hashable, Sendable {
    /// The token the reports are about.
    public var token: Token
    /// The epoch of the community key the token was derived under (`kid`).
    public var keyID: KeyID
    /// The kind of value behind the token.
    public var kind: IndicatorKind
    /// Whether the indicator is live, under review or inactive.
    public var status: Status
    /// Live reports about the token.
    public var reportCount: Int
    /// Distinct organisations that reported it: corroboration.
    public var reporterCount: Int
    /// When the first report about the token arrived.
    public var firstSeen: Date
    /// When the latest report about the token arrived.
    public var lastSeen: Date

    /// Builds the view from its parts; the hub computes them from the live reports.
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
