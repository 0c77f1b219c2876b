import Foundation
package import IndicatorModel
package import SharingPolicy
import Synchronization

/// Every participant's id, role and jurisdiction in memory: what sharing decisions ask on every report.
///
/// Loaded from the directory on first use and again after `invalidate()`; a participant the roster
/// does not know (created by another hub node) is fetched on demand.
package final class Roster: Sendable {
    private let directory: any ParticipantDirectory
    private let participants = Mutex<[ParticipantID: Participant]?>(nil)

    package init(directory: any ParticipantDirectory) {
        self.directory = directory
    }

    /// The participant with this id, or nil if the directory has none.
    package func participant(_ id: ParticipantID) async throws -> Participant? {
        if let known = participants.withLock({ $0?[id] }) { return known }
        let all = try await directory.participants()
        let table = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.participant) })
        participants.withLock { $0 = table }
        return table[id]
    }

    /// Forgets what it knows, after a participant changed.
    package func invalidate() {
        participants.withLock { $0 = nil }
    }

    /// The state sharing decisions need of an indicator, from its live reports.
    package func state(of reports: [StoredReport]) async throws -> IndicatorState {
        var state = IndicatorState()
        for stored in reports where stored.isLive {
            guard let reporter = try await participant(stored.reporter) else { continue }
            state.reports.append(
                IndicatorState.LiveReport(
                    reporter: stored.reporter, role: reporter.role, confidence: stored.report.confidence))
        }
        return state
    }
}
