import Foundation
import IndicatorModel
import SharingPolicy

/// A page of changes with what deciding them needs: the live reports on their indicators, now, and
/// every participant that reported them. The feed, the stream and webhooks all read through it.
struct FeedWindow: Sendable {
    var changes: [Change]
    var live: [IndicatorID: [StoredReport]]
    var participants: [ParticipantID: Participant]
}

/// The changes after `cursor`, at most `limit`, ready to decide.
func feedWindow(store: any IndicatorStore, roster: Roster, after cursor: Int64, limit: Int) async throws -> FeedWindow {
    let page = try await store.changes(after: cursor, limit: limit)
    guard !page.isEmpty else { return FeedWindow(changes: [], live: [:], participants: [:]) }
    let reports = try await store.liveReports(on: page.map(\.report.indicator))
    let participants = try await roster.table(covering: reports + page.map(\.report))
    return FeedWindow(changes: page, live: Dictionary(grouping: reports, by: \.indicator), participants: participants)
}

extension Hub {
    /// The changes after `cursor`, at most `limit`, ready to decide.
    func feedWindow(after cursor: Int64, limit: Int) async throws -> FeedWindow {
        try await HubServer.feedWindow(store: store, roster: roster, after: cursor, limit: limit)
    }

    /// One change as the recipient may see it, or nil. Removals are decided as the report stood when live;
    /// feedback goes to the report's reporter only.
    func feedChange(
        _ change: Change, live: [StoredReport], for recipient: PreparedRecipient,
        participants: [ParticipantID: Participant]
    ) -> FeedChange? {
        let type = FeedChange.ChangeType(rawValue: change.kind.rawValue) ?? .published
        if type == .feedback, change.report.reporter != recipient.participant.id { return nil }
        var considered = change.report
        considered.removal = nil
        let reports = live.contains { $0.id == considered.id } ? live : live + [considered]
        let delivery = IndicatorDelivery(
            live: reports, policy: policy, recipient: recipient, participants: participants)
        guard let visible = delivery.reports.first(where: { $0.stored.id == considered.id }) else { return nil }
        var reason: RevocationReason?
        if case .revoked(let why, _, _) = change.report.removal, type == .revoked { reason = why }
        return FeedChange(
            sequence: change.sequence, type: type, at: change.at,
            report: delivery.delivered(visible.stored, fields: visible.fields), reason: reason,
            disposition: change.disposition)
    }

}
