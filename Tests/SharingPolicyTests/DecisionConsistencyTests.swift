import IndicatorModel
import SharingPolicy
import Testing

/// `decide` on prepared values, `decide` on plain values and `explain` always agree.
struct DecisionConsistencyTests {
    static let recipients = [
        homeBank, otherBank, police, telco, platform, regulator, auditor,
        participant("sg-police", .lawEnforcement, "SG"), participant("sg-bank", .bank, "SG"),
        participant("partner-bank", .bank, "MY"),
    ]

    @Test("Explain agrees with decide", arguments: IndicatorKind.allCases)
    func explainAgreesWithDecide(kind: IndicatorKind) {
        let policy = fixturePolicy
        for tlp in TLP.allCases {
            for reporter in [police, platform, otherBank] {
                for confidence in [10, 80] {
                    let report = facts(
                        from: reporter, kind, .phishing, confidence: confidence, tlp: tlp, recipients: ["home-bank"])
                    let prepared = policy.prepare(report, indicator: IndicatorState())
                    for recipient in Self.recipients {
                        let decision = policy.decide(prepared, for: policy.prepare(recipient))
                        let explanation = policy.explain(report, indicator: IndicatorState(), for: recipient)
                        #expect(decision == policy.decide(report, indicator: IndicatorState(), for: recipient))
                        #expect(explanation.decision == (decision.isAllowed ? "allow" : "deny"))
                        #expect(explanation.fields == decision.fields.fieldNames)
                        #expect(explanation.rule == policy.ruleID(decision))
                        // The last step is the one that decided, and it says so.
                        let last = explanation.steps.last ?? ""
                        if let rule = explanation.rule {
                            #expect(last.hasPrefix("rule '\(rule)'"))
                            #expect(last.contains(decision.isAllowed ? "→ allow" : "→ deny"))
                        } else if decision.reason == .ownReport || decision.reason == .auditorsReceiveNoIndicators {
                            #expect(last.hasPrefix("hard rule:"))
                        } else {
                            #expect(!decision.isAllowed && last.contains("→ deny"))
                        }
                    }
                }
            }
        }
    }

    @Test func allowListEntriesNeedARuleThatSaysSo() throws {
        let policy = try Policy(
            yaml: """
                policy: allow
                rules:
                  - id: official-numbers
                    match: {list: allow}
                    fields: [category]
                  - id: telcos
                    recipients: {roles: [telco]}
                    match: {kinds: [phone]}
                    fields: [category, confidence]
                """, file: "allow.yaml")
        let official = facts(from: police, .phone, .impersonation, tlp: .clear, listing: .allow)
        let scam = facts(from: police, .phone, .impersonation, tlp: .clear)
        #expect(
            policy.ruleID(policy.decide(official, indicator: IndicatorState(), for: homeBank)) == "official-numbers")
        #expect(!policy.decide(scam, indicator: IndicatorState(), for: homeBank).isAllowed)
        #expect(policy.ruleID(policy.decide(scam, indicator: IndicatorState(), for: telco)) == "telcos")
    }

    @Test func withoutACrossBorderSectionNothingCrossesABorder() throws {
        let policy = try Policy(yaml: "policy: p\nrules:\n  - id: all\n    fields: [category]\n", file: "p.yaml")
        let report = facts(from: police, .phone, tlp: .clear)
        #expect(policy.decide(report, indicator: IndicatorState(), for: telco).isAllowed)
        #expect(
            policy.decide(report, indicator: IndicatorState(), for: participant("sg-telco", .telco, "SG")).reason
                == .crossBorderNotAllowed)
    }
}
