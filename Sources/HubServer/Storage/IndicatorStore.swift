package import Foundation
package import IndicatorModel
package import SharingPolicy

/// Reports, their change log and feedback: what publish, revoke, feed and flag lists read and write.
///
/// Every method that changes something runs as one transaction and appends exactly one change per
/// affected report, so a change is visible exactly when what it describes is.
package protocol IndicatorStore: Sendable {
    /// Stores a batch of a reporter's reports, deduplicated by (reporter, token, kid).
    ///
    /// A report identical to the live one is `unchanged` and makes no change; a different one is an
    /// update with a new sequence number. Invalid reports are `rejected`; with `allOrNothing` any
    /// rejection throws `StorageError.batchRejected` and stores nothing. With an idempotency key,
    /// a replay returns the first result, and another batch under the same key throws
    /// `StorageError.idempotencyConflict`.
    func publish(
        _ reports: [Report], by reporter: ParticipantID, idempotencyKey: IdempotencyKey?, allOrNothing: Bool,
        at now: Date
    ) async throws -> PublishResult

    /// Revokes reports. Reporters revoke their own; `canRevokeAny` (law enforcement, the operator)
    /// lets the actor revoke anyone's.
    func revoke(
        _ reports: [ReportKey], reason: RevocationReason, by actor: ParticipantID, canRevokeAny: Bool, at now: Date
    ) async throws -> [RevocationOutcome]

    /// Records what a consumer did about a token and tells each live report's reporter through the feed.
    func recordFeedback(
        _ disposition: Disposition, on indicator: IndicatorID, by participant: ParticipantID, at now: Date
    ) async throws -> FeedbackResult

    /// For lookups, in one read: the live reports on the indicators, and for each indicator with any,
    /// the distinct organisations that reported it as a false positive.
    func lookupState(on indicators: [IndicatorID]) async throws -> (
        live: [StoredReport], falsePositiveOrganisations: [IndicatorID: Int]
    )

    /// Changes with a sequence number above `cursor`, in sequence order, at most `limit` of them.
    func changes(after cursor: Int64, limit: Int) async throws -> [Change]

    /// Records that the hub enforces policy `version` from now on, unless it already did; returns the
    /// sequence number it has been in force since (the latest change when it was first activated).
    func activatePolicy(_ version: String, document: String, at now: Date) async throws -> Int64
    /// Every report ever made on `token` (under `keyID`, or any key epoch), removed ones included, each
    /// with its changes in order: what an audit of "who received X?" replays.
    func history(of token: Token, keyID: KeyID?) async throws -> [ReportHistory]
    /// The text of a policy version once activated, when the hub kept it.
    func policyDocument(version: String) async throws -> String?

    /// The sequence number of the latest committed change, 0 when there is none.
    func latestSequence() async throws -> Int64

    /// The live reports on each of the indicators, in report order.
    func liveReports(on indicators: [IndicatorID]) async throws -> [StoredReport]

    /// What sharing decisions need about each indicator: its live reports' reporters, roles and confidence.
    /// Indicators without live reports map to an empty state.
    func indicatorStates(on indicators: [IndicatorID]) async throws -> [IndicatorID: IndicatorState]

    /// Live reports with an id above `cursor`, in id order: pages of a full snapshot.
    func liveReports(after cursor: Int64, limit: Int) async throws -> [StoredReport]

    /// The indicators whose live reports changed (published, updated, revoked, expired) in
    /// `(cursor, through]`, in order of first change, from at most `limit` changes; those among them
    /// that lost a report (revoked or expired) in that range; and the last sequence number examined,
    /// nil when there were none.
    func changedIndicators(after cursor: Int64, through: Int64, limit: Int) async throws -> (
        indicators: [IndicatorID], withRemovals: Set<IndicatorID>, last: Int64?
    )
    /// Every report on the indicators, removed ones included.
    func allReports(on indicators: [IndicatorID]) async throws -> [StoredReport]

    /// Live reports ordered by indicator (token, kid) and then id, starting after the indicator `cursor`:
    /// pages of a full scan in which each indicator's reports are adjacent. A page may end inside an
    /// indicator; the caller continues from the last complete one.
    func liveReportsByIndicator(after cursor: IndicatorID?, limit: Int) async throws -> [StoredReport]

    /// Expires the live reports whose expiry is at or before `now`; returns the removals.
    func expireReports(asOf now: Date) async throws -> [Change]
}

/// What a revocation did to one report.
package enum RevocationOutcome: Hashable, Sendable {
    case revoked(sequence: Int64)
    /// No such report.
    case notFound
    /// The report was already revoked or expired.
    case alreadyRemoved
    /// The actor may revoke only its own reports.
    case notPermitted
}

/// What recording feedback did.
package struct FeedbackResult: Hashable, Sendable {
    /// The sequence numbers of the changes that tell the reporters, one per live report.
    package var sequences: [Int64]
    /// Distinct organisations that reported the indicator as a false positive, this one included.
    package var falsePositiveOrganisations: Int
}
