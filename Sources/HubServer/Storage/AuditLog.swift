package import Foundation
package import IndicatorModel

/// The append-only, hash-chained record of every request: who did what, when, and how it ended
/// (docs/audit.md). Entries can be removed only from the front, behind a signed checkpoint.
package protocol AuditLog: Sendable {
    /// Chains and appends entries in order in one transaction; returns the last one's number (nil when empty).
    @discardableResult
    func append(contentsOf entries: [AuditEntry]) async throws -> Int64?
    /// Entries matching the query, in number order.
    func records(matching query: AuditQuery) async throws -> [AuditRecord]
    /// Entries `after` < seq ≤ `through`, at most `limit`, as export lines.
    func exportLines(after: Int64, through: Int64, limit: Int) async throws -> [AuditExportLine]
    /// The number of the last entry and its hash; `(0, genesis)` for an empty log.
    func head() async throws -> (size: Int64, hash: AuditHash)
    /// The number of the first entry still kept (1 unless pruned), or nil when there are none.
    func firstKept() async throws -> Int64?
    /// Signs and keeps a checkpoint of the current head unless the latest checkpoint already covers it;
    /// returns the latest checkpoint either way (nil for an empty log).
    func checkpoint(sign: @Sendable (Int64, AuditHash) throws -> AuditCheckpoint) async throws -> AuditCheckpoint?
    /// The checkpoint of the largest size, if any.
    func latestCheckpoint() async throws -> AuditCheckpoint?
    /// Checkpoints larger than `size`, ascending, at most `limit`.
    func checkpoints(after size: Int64, limit: Int) async throws -> [AuditCheckpoint]
    /// Removes the entries written before `time`, after signing a checkpoint at the cut so that the rest
    /// still verifies; returns how many were removed.
    func prune(before time: AuditTime, sign: @Sendable (Int64, AuditHash) throws -> AuditCheckpoint) async throws
        -> Int
    /// Successful deliveries whose sequence range reaches `sequence` or beyond and starts at or before
    /// `through`, oldest first: the candidates for "who received X".
    func deliveries(actions: [String], overlapping range: ClosedRange<Int64>) async throws -> [AuditRecord]
}

/// One audited request, before the log numbers and chains it. Holds ids, never secrets or plaintext.
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
    package var outcome: AuditOutcome
    /// The HTTP status answered.
    package var status: Int?
    package var requestID: String?
    /// For deliveries and writes: the sequence numbers delivered or written.
    package var delivered: SequenceSet?
    /// How many items were delivered or accepted.
    package var count: Int?
    /// For deliveries, the version of the policy that decided what was delivered.
    package var policyVersion: String?

    package init(
        at: Date, actor: ParticipantID?, keyID: String?, action: String, resource: String? = nil,
        outcome: AuditOutcome, status: Int? = nil, requestID: String? = nil, delivered: SequenceSet? = nil,
        count: Int? = nil, policyVersion: String? = nil
    ) {
        self.at = at
        self.actor = actor
        self.keyID = keyID
        self.action = action
        self.resource = resource
        self.outcome = outcome
        self.status = status
        self.requestID = requestID
        self.delivered = delivered
        self.count = count
        self.policyVersion = policyVersion
    }

    /// The entry as the log's `seq`-th record.
    package func record(seq: Int64) -> AuditRecord {
        AuditRecord(
            seq: seq, at: AuditTime(at), actor: actor?.rawValue, keyID: keyID, action: action, resource: resource,
            outcome: outcome, status: status.map(Int64.init), requestID: requestID, policyVersion: policyVersion,
            delivered: delivered, count: count.map(Int64.init))
    }
}

/// Which audit entries to read: every condition given must hold. Page with `after`.
package struct AuditQuery: Hashable, Sendable {
    package var actor: String?
    package var action: String?
    package var outcome: AuditOutcome?
    /// Entries at or after this time.
    package var from: AuditTime?
    /// Entries before this time.
    package var until: AuditTime?
    /// Entries numbered above this one.
    package var after: Int64
    package var limit: Int

    package init(
        actor: String? = nil, action: String? = nil, outcome: AuditOutcome? = nil, from: AuditTime? = nil,
        until: AuditTime? = nil, after: Int64 = 0, limit: Int = 1_000
    ) {
        self.actor = actor
        self.action = action
        self.outcome = outcome
        self.from = from
        self.until = until
        self.after = after
        self.limit = limit
    }
}
