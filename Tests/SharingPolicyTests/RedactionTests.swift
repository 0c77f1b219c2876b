import IndicatorModel
import SharingPolicy
import Testing

struct RedactionTests {
    static let essentials: FieldSet = [.token, .kind, .keyID, .listing, .tlp]

    static let cases: [(Participant, IndicatorKind, FieldSet)] = [
        (
            police, .phone,
            essentials.union([
                .category, .confidence, .confidenceBand, .reporter, .narrative, .evidenceDigests,
                .sealedPlaintext,
            ])
        ),
        (homeBank, .phone, essentials.union([.category, .confidence, .confidenceBand])),
        (
            homeBank, .bankAccount,
            essentials.union([.category, .confidenceBand, .firstSeen, .lastSeen, .reporterCount, .expiry])
        ),
        (telco, .phone, essentials.union([.category])),
        (platform, .url, essentials.union([.category, .confidenceBand])),
    ]

    @Test("Each role receives exactly its fields", arguments: cases)
    func eachRoleReceivesExactlyItsFields(recipient: Participant, kind: IndicatorKind, expected: FieldSet) {
        let report = facts(
            from: participant("second-police", .lawEnforcement), kind, .impersonation, confidence: 90, tlp: .green)
        let decision = fixturePolicy.decide(report, indicator: IndicatorState(), for: recipient)
        #expect(decision.fields == expected)
    }

    @Test func exactConfidenceBringsItsBand() {
        #expect(
            fixturePolicy.decide(facts(from: telco, .phone), indicator: IndicatorState(), for: homeBank)
                .fields.isSuperset(of: [.confidence, .confidenceBand]))
    }

    @Test func denyRulesStopLaterAllowRules() {
        let report = facts(from: police, .url, .sextortion, tlp: .clear)
        let decision = fixturePolicy.decide(report, indicator: IndicatorState(), for: platform)
        #expect(decision.reason == .ruleDenies && fixturePolicy.ruleID(decision) == "no-sextortion-to-platforms")
        #expect(decision.fields.isEmpty)
    }

    @Test("Regulators and auditors receive no indicators", arguments: [regulator, auditor])
    func noIndicatorsForOversightRoles(recipient: Participant) {
        for kind in IndicatorKind.allCases {
            #expect(
                !fixturePolicy.decide(
                    facts(from: police, kind, tlp: .clear), indicator: IndicatorState(), for: recipient
                ).isAllowed)
        }
    }

    @Test func fieldNamesFollowTheWireNames() {
        #expect(FieldSet([.keyID, .token, .sealedPlaintext]).fieldNames == ["token", "kid", "sealed_plaintext"])
    }
}

struct RetentionAndLimitTests {
    static let day = 86_400

    static let cases: [(IndicatorKind, IndicatorModel.Category, Int?, Int, Bool)] = [
        (.bankAccount, .muleAccount, nil, 90, false),
        (.bankAccount, .muleAccount, 365, 365, false),
        (.bankAccount, .muleAccount, 366, 365, true),
        (.phone, .impersonation, nil, 30, false),
        (.phone, .impersonation, 400, 180, true),
        (.url, .scamCompound, 700, 700, false),
        (.url, .scamCompound, nil, 90, false),
    ]

    @Test("Requests beyond the maximum are clamped and say so", arguments: cases)
    func retentionIsClamped(
        kind: IndicatorKind, category: IndicatorModel.Category, requestedDays: Int?, grantedDays: Int,
        clamped: Bool
    ) {
        let grant = fixturePolicy.retention.retention(
            for: kind, category: category, requested: requestedDays.map { .seconds($0 * Self.day) })
        #expect(grant.period == .seconds(grantedDays * Self.day))
        #expect(grant.isClamped == clamped)
    }

    @Test func clampedGrantSaysWhatHappened() {
        let grant = fixturePolicy.retention.retention(
            for: .phone, category: .phishing, requested: .seconds(400 * Self.day))
        #expect(grant.description == "180d: requested 400d, clamped to the maximum 180d")
    }

    @Test func lookupLimitsPerRole() {
        #expect(fixturePolicy.lookupLimit(for: .bank) == RateLimit(count: 600, period: .seconds(60)))
        #expect(fixturePolicy.lookupLimit(for: .lawEnforcement)?.description == "10000/h")
        #expect(fixturePolicy.lookupLimit(for: .telco) == nil)
    }
}
