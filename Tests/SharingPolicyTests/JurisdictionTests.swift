import IndicatorModel
import SharingPolicy
import Testing

struct JurisdictionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let reporter: Participant
        let recipient: Participant
        let limits: [String]
        let reason: Decision.Reason
        var testDescription: String { name }
    }

    static let sgPolice = participant("sg-police", .lawEnforcement, "SG")
    static let sgTelco = participant("sg-telco", .telco, "SG")
    static let sgBank = participant("sg-bank", .bank, "SG")

    static let cases: [Case] = [
        Case(name: "no limit, domestic", reporter: police, recipient: telco, limits: [], reason: .ruleAllows),
        Case(
            name: "limit includes the recipient", reporter: police, recipient: telco, limits: ["TH", "MY"],
            reason: .ruleAllows),
        Case(
            name: "limit excludes the recipient", reporter: police, recipient: telco, limits: ["MY"],
            reason: .outsideReportJurisdictions),
        Case(
            name: "cross-border to police is allowed", reporter: telco, recipient: sgPolice, limits: [],
            reason: .ruleAllows),
        Case(
            name: "cross-border to a telco is not", reporter: police, recipient: sgTelco, limits: [],
            reason: .crossBorderNotAllowed),
        Case(
            name: "a domestic-only rule does not apply cross-border", reporter: police, recipient: sgBank, limits: [],
            reason: .noRule),
        Case(
            name: "the limit applies before cross-border", reporter: telco, recipient: sgPolice, limits: ["TH"],
            reason: .outsideReportJurisdictions),
    ]

    @Test(arguments: cases)
    func reportLimitsAndCrossBorderDelivery(_ example: Case) {
        let report = facts(from: example.reporter, .phone, .impersonation, tlp: .clear, jurisdictions: example.limits)
        let decision = fixturePolicy.decide(report, indicator: IndicatorState(), for: example.recipient)
        #expect(decision.reason == example.reason)
        #expect(decision.isAllowed == (example.reason == .ruleAllows))
    }
}
