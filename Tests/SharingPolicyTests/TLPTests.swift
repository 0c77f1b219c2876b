import IndicatorModel
import SharingPolicy
import Testing

struct TLPTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let tlp: TLP
        let recipient: Participant
        let named: [String]
        let allowed: Bool
        let reason: Decision.Reason
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "clear reaches a member", tlp: .clear, recipient: telco, named: [], allowed: true, reason: .ruleAllows
        ),
        Case(
            name: "clear reaches a non-member", tlp: .clear, recipient: participant("sg-police", .lawEnforcement, "SG"),
            named: [], allowed: true, reason: .ruleAllows),
        Case(
            name: "green reaches a community member", tlp: .green, recipient: telco, named: [], allowed: true,
            reason: .ruleAllows),
        Case(
            name: "green stops at a non-member", tlp: .green,
            recipient: participant("sg-police", .lawEnforcement, "SG"),
            named: [], allowed: false, reason: .notInReportersCommunity),
        Case(
            name: "amber reaches a need-to-know role", tlp: .amber, recipient: telco, named: [], allowed: true,
            reason: .ruleAllows),
        Case(
            name: "amber stops at a role that does not need to know", tlp: .amber, recipient: platform, named: [],
            allowed: false, reason: .notNeedToKnow),
        Case(
            name: "amber+strict reaches a named recipient", tlp: .amberStrict, recipient: police,
            named: ["home-police"],
            allowed: true, reason: .ruleAllows),
        Case(
            name: "amber+strict stops at an unnamed member", tlp: .amberStrict, recipient: telco,
            named: ["home-police"],
            allowed: false, reason: .notNamedRecipient),
        Case(
            name: "red reaches a named recipient", tlp: .red, recipient: police, named: ["home-police"], allowed: true,
            reason: .ruleAllows),
        Case(
            name: "red stops at an unnamed member", tlp: .red, recipient: police, named: ["other-police"],
            allowed: false,
            reason: .notNamedRecipient),
        Case(
            name: "red is still subject to routing", tlp: .red, recipient: telco, named: ["home-telco"], allowed: false,
            reason: .noRule),
    ]

    @Test(arguments: cases)
    func tlpGatesComeBeforeRouting(_ example: Case) {
        let reporter = participant("reporting-platform", .platform)
        let report = facts(from: reporter, .phone, .impersonation, tlp: example.tlp, recipients: example.named)
        let decision = fixturePolicy.decide(report, indicator: IndicatorState(), for: example.recipient)
        #expect(decision.isAllowed == example.allowed)
        #expect(decision.reason == example.reason)
    }

    @Test func reportersAlwaysSeeTheirOwnReportsInFull() {
        let report = facts(from: platform, .phone, tlp: .red, recipients: ["home-police"])
        let decision = fixturePolicy.decide(report, indicator: IndicatorState(), for: platform)
        #expect(decision.isAllowed && decision.fields == .all && decision.reason == .ownReport)
    }

    @Test(
        "Only the reporter itself counts as the reporter",
        arguments: [
            ("home-platform", Role.platform, true), ("home-platform", .telco, true),
            ("home-platforms", .platform, false), ("home-platfor", .platform, false),
            ("home-platforn", .platform, false), ("other-platform", .platform, false),
        ])
    func ownReportNeedsTheSameID(id: String, role: Role, isOwn: Bool) {
        let report = facts(from: platform, .phone, tlp: .red, recipients: ["home-police"])
        let decision = fixturePolicy.decide(report, indicator: IndicatorState(), for: participant(id, role))
        #expect((decision.reason == .ownReport) == isOwn)
        #expect(decision.isAllowed == isOwn)
        #expect(decision.fields == (isOwn ? .all : []))
    }

    @Test("Auditors receive nothing, whatever the TLP", arguments: TLP.allCases)
    func auditorsReceiveNothing(tlp: TLP) {
        let report = facts(from: police, .phone, tlp: tlp, recipients: ["home-auditor"])
        let decision = fixturePolicy.decide(report, indicator: IndicatorState(), for: auditor)
        #expect(!decision.isAllowed && decision.reason == .auditorsReceiveNoIndicators)
    }

    @Test func aggregatesExcludeRedAndPublicStatisticsTakeClearOnly() {
        #expect(
            TLP.allCases.filter { AggregatePolicy.mayCount($0, inPublicStatistics: false) } == [
                .clear, .green, .amber, .amberStrict,
            ])
        #expect(TLP.allCases.filter { AggregatePolicy.mayCount($0, inPublicStatistics: true) } == [.clear])
        #expect(fixturePolicy.aggregates.kAnonymity == 10)
        #expect(
            fixturePolicy.aggregates.receivesAggregates(.regulator)
                && !fixturePolicy.aggregates.receivesAggregates(.bank))
    }
}
