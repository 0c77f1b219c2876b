public import Foundation

/// `POST /v1/reports`: a batch of reports from one reporter.
public struct PublishRequest: Encodable, Sendable {
    /// At most `PublishRequest.batchLimit` reports.
    public var reports: [Report]
    /// Store nothing if any report is rejected; by default valid reports are stored and the others listed.
    public var allOrNothing: Bool

    /// The most reports one batch may carry.
    public static let batchLimit = 10_000

    public init(reports: [Report], allOrNothing: Bool = false) {
        self.reports = reports
        self.allOrNothing = allOrNothing
    }

    enum CodingKeys: String, CodingKey {
        case reports
        case allOrNothing = "all_or_nothing"
    }
}

/// What the hub did with a publish batch: one result per report, in the batch's order.
public struct PublishResponse: Codable, Hashable, Sendable {
    public var results: [PublishItemResult]
    /// Reports stored or confirmed (created, updated or unchanged).
    public var accepted: Int
    public var rejected: Int
    /// The highest sequence number the batch was given, if it changed anything.
    public var lastSequence: Int64?
    /// True when the answer is the stored result of an earlier request with the same `Idempotency-Key`.
    public var isReplay: Bool

    public init(results: [PublishItemResult], lastSequence: Int64?, isReplay: Bool) {
        self.results = results
        self.accepted = results.count { $0.status != .rejected }
        self.rejected = results.count { $0.status == .rejected }
        self.lastSequence = lastSequence
        self.isReplay = isReplay
    }

    enum CodingKeys: String, CodingKey {
        case results, accepted, rejected
        case lastSequence = "last_sequence"
        case isReplay = "replay"
    }
}

/// The outcome of one report of a batch.
public struct PublishItemResult: Codable, Hashable, Sendable {
    /// The report's position in the batch, from 0.
    public var index: Int
    public var status: Status
    /// The sequence number of the report's change (for `unchanged`, of its latest change).
    public var sequence: Int64?
    /// When the report expires, after the policy's retention limits.
    public var expiresAt: Date?
    /// Why the report was rejected, written for the person who must fix it.
    public var error: String?
    /// The offending field as a JSON Pointer into the request, e.g. `/reports/3/token`.
    public var pointer: String?

    public init(
        index: Int, status: Status, sequence: Int64? = nil, expiresAt: Date? = nil, error: String? = nil,
        pointer: String? = nil
    ) {
        self.index = index
        self.status = status
        self.sequence = sequence
        self.expiresAt = expiresAt
        self.error = error
        self.pointer = pointer
    }

    /// What happened to a report.
    public enum Status: String, Codable, Hashable, Sendable {
        /// Stored as a new report (or published again after it was revoked or expired).
        case created
        /// The reporter's live report on the token now says something else.
        case updated
        /// The same report was already live: a retry changes nothing.
        case unchanged
        case rejected
    }

    enum CodingKeys: String, CodingKey {
        case index, status, sequence, error, pointer
        case expiresAt = "expires_at"
    }
}
