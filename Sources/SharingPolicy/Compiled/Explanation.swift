import IndicatorModel

/// A decision in words: what was decided, by which rule, why, and every step on the way.
public struct Explanation: Codable, Hashable, Sendable {
    public let policy: String
    public let version: PolicyVersion
    /// `allow` or `deny`.
    public let decision: String
    public let rule: String?
    public let ruleLine: Int?
    public let reason: String
    public let fields: [String]
    /// The hard rules checked and the routing rules considered, in order.
    public let steps: [String]
    /// The retention the report gets, when the report says how long it asks for.
    public let retention: String?

    enum CodingKeys: String, CodingKey {
        case policy, version, decision, rule, reason, fields, steps, retention
        case ruleLine = "rule_line"
    }
}

extension Policy {
    /// Decides as `decide` does and says why, step by step. Slow; for people, not for the hub.
    public func explain(
        _ report: ReportFacts, indicator: IndicatorState, for recipient: Participant,
        requestedRetention: Duration? = nil
    ) -> Explanation {
        let preparedReport = prepare(report, indicator: indicator)
        let preparedRecipient = prepare(recipient)
        let decision = decide(preparedReport, for: preparedRecipient)
        var steps = [
            "recipient \(recipient.id) (\(recipient.role), \(recipient.jurisdiction)), communities: \(communityNames(preparedRecipient.communities))",
            "report from \(report.reporter.id) (\(report.reporter.role), \(report.reporter.jurisdiction)): \(report.listing.rawValue) "
                + "\(report.kind) \(report.category.rawValue), TLP \(report.tlp.rawValue), confidence \(report.confidence), "
                + "\(preparedReport.corroboration.distinctReporters) distinct reporter(s)",
        ]
        steps += gateSteps(preparedReport, preparedRecipient, decision: decision)
        if gate(preparedReport, for: preparedRecipient) == nil {
            steps += ruleSteps(preparedReport, preparedRecipient, decision: decision)
        }
        let rule = self.rule(deciding: decision)
        return Explanation(
            policy: name, version: version, decision: decision.isAllowed ? "allow" : "deny", rule: rule?.id,
            ruleLine: rule?.line, reason: reasonText(decision, preparedReport, preparedRecipient),
            fields: decision.fields.fieldNames, steps: steps,
            retention: requestedRetention.map {
                retention.retention(for: report.kind, category: report.category, requested: $0).description
            })
    }

    func communityNames(_ bits: UInt64) -> String {
        let names = communities.enumerated().filter { bits & (1 << UInt64($0.offset)) != 0 }.map(\.element.id)
        return names.isEmpty ? "none" : names.joined(separator: ", ")
    }

    /// The reason in a sentence for the person who asked.
    func reasonText(_ decision: Decision, _ report: PreparedReport, _ recipient: PreparedRecipient) -> String {
        let facts = report.facts
        let role = recipient.participant.role
        switch decision.reason {
        case .ownReport: return "the recipient is the reporter; reporters always see their own reports in full"
        case .auditorsReceiveNoIndicators: return "auditors never receive indicators; they read the audit log"
        case .notNamedRecipient:
            return "TLP \(facts.tlp.rawValue) reaches only the recipients the report names, and this one is not named"
        case .notInReportersCommunity:
            return "TLP \(facts.tlp.rawValue) reaches only members of a community the reporter belongs to "
                + "(\(communityNames(report.reporterCommunities))); the recipient is in none of them"
        case .notNeedToKnow:
            return "TLP amber reaches only roles that need to know '\(facts.kind)'; need_to_know does not list \(role)"
        case .outsideReportJurisdictions:
            return "the report is limited to \(facts.jurisdictions.map(\.code).joined(separator: ", ")); "
                + "the recipient is in \(recipient.participant.jurisdiction)"
        case .crossBorderNotAllowed:
            return
                "cross-border delivery (\(facts.reporter.jurisdiction) → \(recipient.participant.jurisdiction)) is only for "
                + (crossBorderRoles.roles.isEmpty
                    ? "no role" : crossBorderRoles.roles.map(\.rawValue).joined(separator: ", "))
        case .ruleAllows: return "allowed by rule '\(rules[Int(decision.ruleNumber)].id)'"
        case .ruleDenies: return "denied by rule '\(rules[Int(decision.ruleNumber)].id)'"
        case .notCorroborated(let reporters):
            let needs = rules[Int(decision.ruleNumber)].conditions.map(\.description).joined(separator: ", or ")
            return
                "not corroborated: \(reporters) \(reporters == 1 ? "reporter" : "distinct reporters"), needs \(needs)"
        case .noRule:
            return "no rule routes \(facts.listing.rawValue) '\(facts.kind)' reports to \(role); the default is deny"
        }
    }

    private func gateSteps(_ report: PreparedReport, _ recipient: PreparedRecipient, decision: Decision) -> [String] {
        let facts = report.facts
        let reason = reasonText(decision, report, recipient)
        if decision.reason == .auditorsReceiveNoIndicators || decision.reason == .ownReport {
            return ["hard rule: \(reason)"]
        }
        var steps: [String] = []
        switch decision.reason {
        case .notNamedRecipient, .notInReportersCommunity, .notNeedToKnow: return ["TLP gate: \(reason) → deny"]
        default: break
        }
        switch facts.tlp {
        case .clear: steps.append("TLP gate: clear, any participant may receive it")
        case .green: steps.append("TLP gate: green, the recipient shares a community with the reporter")
        case .amber:
            steps.append(
                "TLP gate: amber, shares a community with the reporter and \(recipient.participant.role) needs to know '\(facts.kind)'"
            )
        case .amberStrict, .red: steps.append("TLP gate: \(facts.tlp.rawValue), the recipient is named")
        }
        if decision.reason == .outsideReportJurisdictions { return steps + ["jurisdiction gate: \(reason) → deny"] }
        steps.append(
            facts.jurisdictions.isEmpty
                ? "jurisdiction gate: the report sets no jurisdiction limit"
                : "jurisdiction gate: the report is limited to \(facts.jurisdictions.map(\.code).joined(separator: ", ")), the recipient is in \(recipient.participant.jurisdiction)"
        )
        if decision.reason == .crossBorderNotAllowed { return steps + ["cross-border gate: \(reason) → deny"] }
        steps.append(
            recipient.jurisdictionCode == report.reporterJurisdictionCode
                ? "cross-border gate: domestic delivery (\(recipient.participant.jurisdiction))"
                : "cross-border gate: \(facts.reporter.jurisdiction) → \(recipient.participant.jurisdiction), allowed for \(recipient.participant.role)"
        )
        return steps
    }

    private func ruleSteps(_ report: PreparedReport, _ recipient: PreparedRecipient, decision: Decision) -> [String] {
        let slot = recipient.role * 8 + report.kind
        var steps: [String] = []
        for position in Int(candidateStart[slot])..<Int(candidateStart[slot + 1]) {
            let number = candidates[position]
            let rule = rules[Int(number)]
            if number == decision.ruleNumber {
                let outcome =
                    decision.isAllowed
                    ? "allow with \(decision.fields)" : "deny: \(reasonText(decision, report, recipient))"
                steps.append("rule '\(rule.id)' (line \(rule.line)) applies → \(outcome)")
                return steps
            }
            steps.append("rule '\(rule.id)' (line \(rule.line)) does not apply: \(mismatch(rule, report, recipient))")
        }
        steps.append(
            "no rule for \(recipient.participant.role) and '\(report.facts.kind)' applies → deny (the default)")
        return steps
    }

    /// Why a rule for the recipient's role and the report's kind does not apply.
    private func mismatch(_ rule: Rule, _ report: PreparedReport, _ recipient: PreparedRecipient) -> String {
        let matcher = rule.matcher
        let facts = report.facts
        if matcher.categories & report.categoryBit == 0 {
            return "category '\(facts.category.rawValue)' is not among its categories"
        }
        if matcher.listings & report.listingBit == 0 { return "it does not match list '\(facts.listing.rawValue)'" }
        if matcher.tlps & (1 << UInt8(facts.tlp.policyIndex)) == 0 {
            return "TLP \(facts.tlp.rawValue) is not among its labels"
        }
        if matcher.reporterRoles.rawValue & report.reporterRoleBit == 0 {
            return "reporter role \(facts.reporter.role) is not among its reporter_roles"
        }
        if matcher.jurisdictions & recipient.jurisdictionBit == 0 {
            return "recipient jurisdiction \(recipient.participant.jurisdiction) is not among its jurisdictions"
        }
        if matcher.communities != 0, matcher.communities & recipient.communities == 0 {
            return "the recipient is in none of its communities (\(rule.communityIDs.joined(separator: ", ")))"
        }
        if matcher.participants != 0, matcher.participants & recipient.namedBit == 0 {
            return "the recipient is not among its participants"
        }
        return matcher.delivery == .domestic
            ? "it applies to domestic delivery only" : "it applies to cross-border delivery only"
    }
}
