package import Foundation
package import IndicatorModel

/// The append-only record of every request: who did what, when, and how it ended.
package protocol AuditLog: Sendable {
    /// Appends an entry and returns its number.
    @discardableResult
    func append(_ entry: AuditEntry) async throws -> Int64
    /// Appends entries in order in one transaction and returns the last one's number (nil when empty).
    @discardableResult
    func append(contentsOf entries: [AuditEntry]) async throws -> Int64?
    /// Entries matching the query, in number order.
    func entries(matching query: AuditQuery) async throws -> [StoredAuditEntry]
}

/// One audited request. Holds ids, never secrets or plaintext.
package struct AuditEntry: Hashable, Sendable {
    package var at: Date
    /// The authenticated participant; nil when authentication failed.
    package var actor: ParticipantID?
    /// The public id of the key used.
    package var keyID: String?
    /// What was attempted, e.g. `reports.publish`.
    package var action: String
    /// What it was attempted on, e.g. a participant id or `flag-list`.
    package var resource: String?
    package var outcome: Outcome
    /// For reads, the sequence numbers delivered.
    package var sequenceRange: ClosedRange<Int64>?
    /// For reads, the version of the policy that decided what was delivered.
    package var policyVersion: String?

    package init(
        at: Date, actor: ParticipantID?, keyID: String?, action: String, resource: String? = nil,
        outcome: Outcome, sequenceRange: ClosedRange<Int64>? = nil, policyVersion: String? = nil
    ) {
        self.at = at
        self.actor = actor
        self.keyID = keyID
        self.action = action
        self.resource = resource
        self.outcome = outcome
        self.sequenceRange = sequenceRange
        self.policyVersion = policyVersion
    }

    /// How a request ended.
    package enum Outcome: String, CaseIterable, Hashable, Sendable {
        case success
        /// Refused: not authenticated, not permitted or invalid.
        case refused
        /// Failed on the hub's side.
        case failed
    }
}

/// An entry with the number the log gave it.
package struct StoredAuditEntry: Hashable, Sendable {
    package var id: Int64
    package var entry: AuditEntry
}

/// Which audit entries to read: every condition given must hold. Page with `after`.
package struct AuditQuery: Hashable, Sendable {
    package var actor: ParticipantID?
    package var action: String?
    /// Entries at or after this time.
    package var from: Date?
    /// Entries before this time.
    package var until: Date?
    /// Entries numbered above this one.
    package var after: Int64
    package var limit: Int

    package init(
        actor: ParticipantID? = nil, action: String? = nil, from: Date? = nil, until: Date? = nil, after: Int64 = 0,
        limit: Int = 1_000
    ) {
        self.actor = actor
        self.action = action
        self.from = from
        self.until = until
        self.after = after
        self.limit = limit
    }
}
