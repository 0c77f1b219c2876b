import IndicatorModel

/// A recipient with everything `decide` needs worked out once: role, jurisdiction and community
/// numbers. Prepare it when the subscriber connects and reuse it for every change.
public struct PreparedRecipient: Sendable {
    public let participant: Participant
    /// A hash of the id, so that `decide` compares strings only when the hashes agree.
    let idHash: UInt64
    let role: Int
    let jurisdictionCode: UInt16
    let jurisdictionBit: UInt64
    let communities: UInt64
    let namedBit: UInt64
}

/// A report and its token's state, prepared once per change and decided for every subscriber.
public struct PreparedReport: Sendable {
    public let facts: ReportFacts
    let reporterHash: UInt64
    let kind: Int
    let categoryBit: UInt32
    let listingBit: UInt8
    let tlp: TLP
    let reporterRoleBit: UInt16
    let reporterJurisdictionCode: UInt16
    let reporterCommunities: UInt64
    /// Empty means no limit.
    let jurisdictionCodes: [UInt16]
    let corroboration: Corroboration
}

/// Distinct reporting organisations and their confidence, sorted so a condition is one comparison.
struct Corroboration: Sendable {
    /// Per role (by index) and, last, for any role: each organisation's highest confidence,
    /// highest first, in `confidences[start[i]..<start[i + 1]]`.
    let confidences: [UInt8]
    let start: [Int32]

    var distinctReporters: Int { Int(start[9] - start[8]) }

    init(_ reports: [IndicatorState.LiveReport]) {
        var best: [ParticipantID: (role: Role, confidence: Int)] = [:]
        for report in reports {
            if let known = best[report.reporter], known.confidence >= report.confidence.value { continue }
            best[report.reporter] = (report.role, report.confidence.value)
        }
        var confidences: [UInt8] = []
        var start: [Int32] = []
        for role in Role.allCases {
            start.append(Int32(confidences.count))
            confidences += best.values.filter { $0.role == role }.map { UInt8($0.confidence) }.sorted(by: >)
        }
        start.append(Int32(confidences.count))
        confidences += best.values.map { UInt8($0.confidence) }.sorted(by: >)
        start.append(Int32(confidences.count))
        self.confidences = confidences
        self.start = start
    }

    func satisfies(_ condition: Condition) -> Bool {
        let slot = condition.role?.index ?? 8
        let first = Int(start[slot])
        guard Int(start[slot + 1]) - first >= condition.reporters else { return false }
        return condition.reporters == 0
            || Int(confidences[first + condition.reporters - 1]) >= condition.minimumConfidence
    }
}

extension Policy {
    public func prepare(_ recipient: Participant) -> PreparedRecipient {
        let number = namedParticipants[recipient.id]
        return PreparedRecipient(
            participant: recipient, idHash: recipient.id.policyHash, role: recipient.role.index,
            jurisdictionCode: recipient.jurisdiction.policyCode,
            jurisdictionBit: jurisdictionBit(recipient.jurisdiction),
            communities: communityBits(recipient),
            namedBit: number.map { 1 << UInt64($0) } ?? 0)
    }

    /// Prepares a report; `indicator` is the token's live reports, to which the report itself is added.
    public func prepare(_ report: ReportFacts, indicator: IndicatorState) -> PreparedReport {
        let own = IndicatorState.LiveReport(
            reporter: report.reporter.id, role: report.reporter.role, confidence: report.confidence)
        return prepare(report, corroboration: Corroboration(indicator.reports + [own]))
    }

    func prepare(_ report: ReportFacts, corroboration: Corroboration) -> PreparedReport {
        PreparedReport(
            facts: report, reporterHash: report.reporter.id.policyHash, kind: report.kind.policyIndex,
            categoryBit: 1 << UInt32(report.category.policyIndex),
            listingBit: 1 << UInt8(report.listing.policyIndex), tlp: report.tlp,
            reporterRoleBit: 1 << UInt16(report.reporter.role.index),
            reporterJurisdictionCode: report.reporter.jurisdiction.policyCode,
            reporterCommunities: communityBits(report.reporter),
            jurisdictionCodes: report.jurisdictions.map(\.policyCode),
            corroboration: corroboration)
    }

    func jurisdictionBit(_ jurisdiction: Jurisdiction) -> UInt64 {
        1 << UInt64(jurisdictionNumbers[jurisdiction] ?? 63)
    }

    func communityBits(_ participant: Participant) -> UInt64 {
        var bits: UInt64 = 0
        for (number, community) in communities.enumerated() where community.includes(participant) {
            bits |= 1 << UInt64(number)
        }
        return bits
    }
}

extension ParticipantID {
    /// FNV-1a over the id's bytes: equal ids have equal hashes, so unequal hashes settle inequality.
    var policyHash: UInt64 {
        rawValue.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}

extension Jurisdiction {
    /// The two letters as one number, so comparisons need no strings.
    var policyCode: UInt16 {
        code.utf8.reduce(0) { $0 &* 256 &+ UInt16($1) }
    }
}
