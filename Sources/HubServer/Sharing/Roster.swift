import Foundation
package import IndicatorModel
package import SharingPolicy
import Synchronization

/// Every participant's id, role and jurisdiction in memory: what sharing decisions ask on every report.
///
/// Callers take the table once per request (or per flag-list pass) and decide synchronously: an
/// `await` per report would hop executors a million times while a flag-list view is built.
package final class Roster: Sendable {
    private let directory: any ParticipantDirectory
    private let participants = Mutex<[ParticipantID: Participant]?>(nil)

    package init(directory: any ParticipantDirectory) {
        self.directory = directory
    }

    /// The participants table, reloaded from the directory when it does not know every reporter of
    /// `reports` or every one of `others` (a participant created since, e.g. by another hub node).
    package func table(covering reports: [StoredReport] = [], and others: [ParticipantID] = []) async throws
        -> [ParticipantID: Participant]
    {
        if let known = participants.withLock({ $0 }), reports.allSatisfy({ known[$0.reporter] != nil }),
            others.allSatisfy({ known[$0] != nil })
        {
            return known
        }
        let all = try await directory.participants()
        let table = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.participant) })
        participants.withLock { $0 = table }
        return table
    }

    /// Forgets what it knows, after a participant changed.
    package func invalidate() {
        participants.withLock { $0 = nil }
    }
}
