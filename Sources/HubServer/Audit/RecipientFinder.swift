import Foundation
package import IndicatorModel
package import SharingPolicy

/// Answers "who received token X?" from the audit log alone, without a row per item per recipient
/// (docs/audit.md, "Recipients"): it replays the token's changes against every successful delivery
/// whose sequence set reaches them, and keeps those the policy recorded with the delivery let the
/// recipient see.
///
/// - A feed page or flag-list delta delivered the changes in its range; a removal counts when the
///   recipient could see the report while it was live.
/// - A snapshot delivered the reports live at its cursor.
/// - A lookup delivered exactly the sequence numbers it recorded.
///
/// The decision is re-made with the report's current content and the other reports on the token as
/// they stood at that point; reports change content only by republication, which is itself a change.
package struct RecipientFinder: Sendable {
    package let store: any IndicatorStore
    package let log: any AuditLog
    package let roster: Roster
    package let policy: Policy

    /// The audit actions that deliver reports, and the channel each belongs to.
    package static let channels: [String: String] = [
        HubRoute.feed.action: "pull", HubRoute.flagListChanges.action: "pull", HubRoute.flagListSnapshot.action: "pull",
        HubRoute.lookup.action: "lookup", StreamSession.auditAction: "stream", WebhookWorker.auditAction: "webhook",
    ]

    package init(store: any IndicatorStore, log: any AuditLog, roster: Roster, policy: Policy) {
        self.store = store
        self.log = log
        self.roster = roster
        self.policy = policy
    }

    package func recipients(of token: Token, keyID: KeyID?) async throws -> AuditRecipients {
        let histories = try await store.history(of: token, keyID: keyID)
        let sequences = histories.flatMap { $0.changes.map(\.sequence) }
        guard let first = sequences.min(), let last = sequences.max() else {
            return AuditRecipients(token: token, keyID: keyID, changes: 0, recipients: [], undetermined: [])
        }
        let deliveries = try await log.deliveries(actions: Array(Self.channels.keys), overlapping: first...last)
        // Recipients too: a participant created since the table was read must not be missed.
        let participants = try await roster.table(
            covering: histories.map(\.report),
            and: deliveries.compactMap { $0.actor.flatMap { try? ParticipantID($0) } })
        var policies = Policies(current: policy, store: store)
        var found = Receipts()
        var undetermined = Receipts()
        for delivery in deliveries {
            guard let actor = delivery.actor.flatMap({ try? ParticipantID($0) }), let set = delivery.delivered,
                let channel = Self.channels[delivery.action]
            else { continue }
            let received = receivedChanges(in: set, action: delivery.action, histories: histories)
            guard !received.isEmpty else { continue }
            guard let recipient = participants[actor], let version = delivery.policyVersion,
                let policy = try await policies.policy(version)
            else {
                undetermined.add(delivery, channel: channel, recipient: actor, sequences: received.map(\.sequence))
                continue
            }
            let prepared = policy.prepare(recipient)
            let visible = received.filter { change in
                isVisible(
                    histories[change.history].report, at: change.asOf, to: prepared, under: policy,
                    histories: histories, participants: participants)
            }
            if !visible.isEmpty {
                found.add(delivery, channel: channel, recipient: actor, sequences: visible.map(\.sequence))
            }
        }
        return AuditRecipients(
            token: token, keyID: keyID, changes: sequences.count, recipients: found.list,
            undetermined: undetermined.list)
    }

    /// The token's changes a delivery carried: (which report, its change's sequence, the point at which
    /// to judge what the recipient could see).
    private func receivedChanges(in set: SequenceSet, action: String, histories: [ReportHistory]) -> [(
        history: Int, sequence: Int64, asOf: Int64
    )] {
        var received: [(history: Int, sequence: Int64, asOf: Int64)] = []
        for (index, history) in histories.enumerated() {
            switch action {
            case HubRoute.flagListSnapshot.action:
                guard let cursor = set.upperBound,
                    let latest = history.changes.last(where: { $0.sequence <= cursor && $0.kind != .feedback }),
                    isLive(history, at: cursor)
                else { continue }
                received.append((index, latest.sequence, cursor))
            case HubRoute.lookup.action:
                for change in history.changes where set.contains(change.sequence) {
                    received.append((index, change.sequence, set.upperBound ?? change.sequence))
                }
            default:
                // A feed page and a delta are decided as the token stands at the end of their range.
                for change in history.changes where change.kind != .feedback && set.contains(change.sequence) {
                    received.append((index, change.sequence, set.upperBound ?? change.sequence))
                }
            }
        }
        return received
    }

    /// Whether `report` was visible to `recipient` as its indicator stood at `sequence` (the report
    /// itself taken as live, so that a removal is judged by what it removed).
    private func isVisible(
        _ report: StoredReport, at sequence: Int64, to recipient: PreparedRecipient, under policy: Policy,
        histories: [ReportHistory], participants: [ParticipantID: Participant]
    ) -> Bool {
        var live: [StoredReport] = []
        for history in histories where history.report.indicator == report.indicator {
            var standing = history.report
            standing.removal = nil
            if history.report.id == report.id || isLive(history, at: sequence) { live.append(standing) }
        }
        let delivery = IndicatorDelivery(live: live, policy: policy, recipient: recipient, participants: participants)
        return delivery.reports.contains { $0.stored.id == report.id }
    }

    /// Whether a report was live just after change `sequence`: published by then and not removed since.
    private func isLive(_ history: ReportHistory, at sequence: Int64) -> Bool {
        guard let latest = history.changes.last(where: { $0.sequence <= sequence && $0.kind != .feedback }) else {
            return false
        }
        return latest.kind == .published || latest.kind == .updated
    }
}

/// The policies deliveries were decided under, compiled from the texts the hub kept.
private struct Policies {
    let current: Policy
    let store: any IndicatorStore
    var compiled: [String: Policy?] = [:]

    init(current: Policy, store: any IndicatorStore) {
        self.current = current
        self.store = store
    }

    mutating func policy(_ version: String) async throws -> Policy? {
        if version == current.version.description { return current }
        if let known = compiled[version] { return known }
        // A text that no longer compiles to the version recorded (another compiler) decides nothing.
        let policy = try await store.policyDocument(version: version)
            .flatMap { try? Policy(yaml: $0, file: version) }
            .flatMap { $0.version.description == version ? $0 : nil }
        compiled[version] = .some(policy)
        return policy
    }
}

/// Receipts gathered per (participant, channel), in the order first seen.
private struct Receipts {
    private var order: [String] = []
    private var receipts: [String: AuditRecipient] = [:]

    mutating func add(_ delivery: AuditRecord, channel: String, recipient: ParticipantID, sequences: [Int64]) {
        let key = "\(recipient.rawValue) \(channel)"
        guard var receipt = receipts[key] else {
            order.append(key)
            receipts[key] = AuditRecipient(
                participant: recipient, channel: channel, actions: [delivery.action], firstAt: delivery.at.description,
                lastAt: delivery.at.description, deliveries: 1, firstEntry: delivery.seq, lastEntry: delivery.seq,
                policyVersions: delivery.policyVersion.map { [$0] } ?? [], sequences: sequences.sorted())
            return
        }
        receipt.deliveries += 1
        receipt.lastAt = delivery.at.description
        receipt.lastEntry = delivery.seq
        if !receipt.actions.contains(delivery.action) { receipt.actions.append(delivery.action) }
        if let version = delivery.policyVersion, !receipt.policyVersions.contains(version) {
            receipt.policyVersions.append(version)
        }
        receipt.sequences = Array(Set(receipt.sequences + sequences)).sorted()
        receipts[key] = receipt
    }

    var list: [AuditRecipient] { order.compactMap { receipts[$0] } }
}
