import IndicatorModel
import SharingPolicy
import Testing

/// The fixture's `banks-mule`: 2 distinct reporters, or 1 law_enforcement reporter, or 1 bank
/// reporter with confidence ≥ 80.
struct CorroborationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let reporter: Participant
        let confidence: Int
        let others: [IndicatorState.LiveReport]
        let allowed: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "1 platform reporter is not enough", reporter: platform, confidence: 100, others: [], allowed: false),
        Case(
            name: "2 distinct reporters are", reporter: platform, confidence: 10,
            others: [live("home-telco", .telco, 10)],
            allowed: true),
        Case(
            name: "the same organisation twice counts once", reporter: platform, confidence: 10,
            others: [live("home-platform", .platform, 20)], allowed: false),
        Case(
            name: "three reports from one organisation are 1 reporter", reporter: platform, confidence: 90,
            others: [live("home-platform", .platform, 95), live("home-platform", .platform, 99)], allowed: false),
        Case(
            name: "an earlier police report corroborates", reporter: platform, confidence: 5,
            others: [live("home-police", .lawEnforcement, 5)], allowed: true),
        Case(name: "1 law_enforcement reporter is enough", reporter: police, confidence: 10, others: [], allowed: true),
        Case(
            name: "1 bank reporter at 79 is not enough", reporter: otherBank, confidence: 79, others: [], allowed: false
        ),
        Case(name: "1 bank reporter at 80 is enough", reporter: otherBank, confidence: 80, others: [], allowed: true),
        Case(
            name: "a bank's higher earlier report counts", reporter: otherBank, confidence: 60,
            others: [live("other-bank", .bank, 85)], allowed: true),
        Case(
            name: "a platform at 80 is not a bank at 80", reporter: platform, confidence: 80, others: [], allowed: false
        ),
    ]

    @Test(arguments: cases)
    func banksReceiveMuleAccountsOnlyWhenCorroborated(_ example: Case) {
        let report = facts(from: example.reporter, .bankAccount, confidence: example.confidence)
        let decision = fixturePolicy.decide(report, indicator: IndicatorState(reports: example.others), for: homeBank)
        #expect(decision.isAllowed == example.allowed)
        #expect(fixturePolicy.ruleID(decision) == "banks-mule")
        if !example.allowed { #expect(decision.fields.isEmpty) }
    }

    @Test func denialSaysWhatCorroborationIsMissing() {
        let report = facts(from: platform, .bankAccount, confidence: 90)
        let explanation = fixturePolicy.explain(report, indicator: IndicatorState(), for: homeBank)
        #expect(explanation.decision == "deny")
        #expect(explanation.rule == "banks-mule")
        #expect(
            explanation.reason
                == "not corroborated: 1 reporter, needs 2 distinct reporters, or 1 law_enforcement reporter, "
                + "or 1 bank reporter with confidence ≥ 80")
    }

    @Test func theFirstApplicableRuleDecidesEvenWhenItDenies() {
        // The police rule matches every list; the bank rule never sees police recipients.
        let report = facts(from: platform, .bankAccount, confidence: 1)
        let decision = fixturePolicy.decide(report, indicator: IndicatorState(), for: police)
        #expect(decision.isAllowed && fixturePolicy.ruleID(decision) == "police-everything")
    }
}
