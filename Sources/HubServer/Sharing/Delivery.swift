package import Foundation
package import IndicatorModel
package import SharingPolicy

/// The live reports on one indicator and what the policy lets one recipient have of each.
///
/// The single place where a policy decision becomes data: the feed, the flag list and lookups all
/// shape reports through it.
package struct IndicatorDelivery: Sendable {
    /// Each visible report with the fields its decision allows.
    package var reports: [(stored: StoredReport, fields: FieldSet)]
    package var firstSeen: Date?
    package var lastSeen: Date?
    package var reporterCount: Int

    /// Decides every live report of one indicator for `recipient`; `participants` must know every reporter.
    package init(
        live: [StoredReport], policy: Policy, recipient: PreparedRecipient, participants: [ParticipantID: Participant]
    ) {
        var state = IndicatorState()
        for stored in live where stored.isLive {
            guard let reporter = participants[stored.reporter] else { continue }
            state.reports.append(
                IndicatorState.LiveReport(
                    reporter: stored.reporter, role: reporter.role, confidence: stored.report.confidence))
        }
        reports = []
        for stored in live where stored.isLive {
            guard let reporter = participants[stored.reporter] else { continue }
            let decision = policy.decide(
                policy.prepare(ReportFacts(stored.report, reporter: reporter), indicator: state), for: recipient)
            if decision.isAllowed { reports.append((stored, decision.fields)) }
        }
        // Over the visible reports only: counting hidden ones would reveal that they exist, and when.
        firstSeen = reports.map(\.stored.createdAt).min()
        lastSeen = reports.map(\.stored.updatedAt).max()
        reporterCount = Set(reports.map(\.stored.reporter)).count
    }

    /// A report shaped for a recipient that may see `fields` of it.
    package func delivered(_ stored: StoredReport, fields: FieldSet) -> DeliveredReport {
        let report = stored.report
        var delivered = DeliveredReport(
            token: report.token, keyID: report.keyID, kind: report.kind, listing: report.listing, tlp: report.tlp)
        if fields.contains(.category) { delivered.category = report.category }
        if fields.contains(.confidence) { delivered.confidence = report.confidence }
        if fields.contains(.confidence) || fields.contains(.confidenceBand) {
            delivered.confidenceBand = report.confidence.band
        }
        if fields.contains(.reporter) { delivered.reporter = stored.reporter }
        if fields.contains(.narrative) { delivered.narrative = report.narrative }
        if fields.contains(.evidenceDigests), !report.evidenceDigests.isEmpty {
            delivered.evidenceDigests = report.evidenceDigests
        }
        if fields.contains(.firstSeen) { delivered.firstSeen = firstSeen }
        if fields.contains(.lastSeen) { delivered.lastSeen = lastSeen }
        if fields.contains(.reporterCount) { delivered.reporterCount = reporterCount }
        if fields.contains(.expiry) { delivered.expiresAt = report.expiresAt }
        return delivered
    }

    /// The visible reports, shaped.
    package var deliveredReports: [DeliveredReport] { reports.map { delivered($0.stored, fields: $0.fields) } }

    /// The indicator's flag-list entries for the recipient: one per list with a visible report, carrying
    /// the category of its most confident report and the highest band the recipient may see.
    package var flagListEntries: [FlagListEntry] {
        Listing.allCases.compactMap { listing in
            let visible = reports.filter { $0.stored.report.listing == listing }
            guard let lead = visible.max(by: { $0.stored.report.confidence < $1.stored.report.confidence }) else {
                return nil
            }
            let report = lead.stored.report
            var entry = FlagListEntry(token: report.token, keyID: report.keyID, kind: report.kind, listing: listing)
            entry.category =
                visible.filter { $0.fields.contains(.category) }
                .max { $0.stored.report.confidence < $1.stored.report.confidence }?.stored.report.category
            entry.confidenceBand =
                visible.filter { $0.fields.contains(.confidence) || $0.fields.contains(.confidenceBand) }
                .map(\.stored.report.confidence).max()?.band
            return entry
        }
    }
}
