package import Foundation
package import IndicatorModel

/// One token under one community key epoch: what the hub's indicator is about.
package struct IndicatorID: Hashable, Sendable, CustomStringConvertible {
    package var token: Token
    package var keyID: KeyID

    package init(token: Token, keyID: KeyID) {
        self.token = token
        self.keyID = keyID
    }

    package var description: String { "\(token) (\(keyID))" }
}

extension Report {
    /// The indicator the report is about: its token under its key epoch.
    package var indicator: IndicatorID { IndicatorID(token: token, keyID: keyID) }
}

/// Names one report: the reporter's statement about one token under one key epoch.
package struct ReportKey: Hashable, Sendable {
    package var reporter: ParticipantID
    package var indicator: IndicatorID

    package init(reporter: ParticipantID, indicator: IndicatorID) {
        self.reporter = reporter
        self.indicator = indicator
    }
}

/// A report as the hub holds it: what the reporter said, and where it stands now.
package struct StoredReport: Hashable, Sendable {
    /// The store's number for the report.
    package var id: Int64
    package var reporter: ParticipantID
    package var report: Report
    /// When the report was first published.
    package var createdAt: Date
    /// When it was last published with different content (equals `createdAt` until then).
    package var updatedAt: Date
    /// Why the report no longer counts, if it does not.
    package var removal: Removal?
    /// The sequence number of the latest change to the report.
    package var lastSequence: Int64

    package var isLive: Bool { removal == nil }
    package var indicator: IndicatorID { IndicatorID(token: report.token, keyID: report.keyID) }
    package var key: ReportKey { ReportKey(reporter: reporter, indicator: indicator) }

    /// Why and when a report stopped counting.
    package enum Removal: Hashable, Sendable {
        case revoked(reason: RevocationReason, by: ParticipantID, at: Date)
        case expired(at: Date)
    }
}

/// A report in its current state and every change it went through, oldest first.
package struct ReportHistory: Hashable, Sendable {
    package var report: StoredReport
    package var changes: [(sequence: Int64, kind: Change.Kind)]

    package init(report: StoredReport, changes: [(sequence: Int64, kind: Change.Kind)]) {
        self.report = report
        self.changes = changes
    }

    package static func == (lhs: ReportHistory, rhs: ReportHistory) -> Bool {
        lhs.report == rhs.report && lhs.changes.elementsEqual(rhs.changes) { $0 == $1 }
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(report)
        for change in changes {
            hasher.combine(change.sequence)
            hasher.combine(change.kind)
        }
    }
}

/// One entry in the hub's change log; its sequence number is every consumer's cursor.
package struct Change: Hashable, Sendable {
    /// The sequence number: gapless, increasing, assigned when the change commits.
    package var sequence: Int64
    package var kind: Kind
    /// When the change happened.
    package var at: Date
    /// The report changed, in its current state (later changes may have altered it since).
    package var report: StoredReport
    /// Who caused a revocation or gave feedback; nil for publication and expiry.
    package var actor: ParticipantID?
    /// What a consumer did, for `feedback` changes.
    package var disposition: Disposition?

    /// What happened to the report.
    package enum Kind: String, CaseIterable, Hashable, Sendable {
        /// First published, or published again after it was revoked or expired.
        case published
        /// Published again with different content.
        case updated
        case revoked
        case expired
        /// A consumer told the reporter what it did about the token.
        case feedback

        /// Whether consumers should drop the report from their lists.
        package var isRemoval: Bool { self == .revoked || self == .expired }
    }
}
