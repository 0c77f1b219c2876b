import IndicatorModel

extension PolicyParser {
    /// Adds warnings about a policy that compiles but probably does not say what its authors meant.
    mutating func lint() {
        let rules = draft.rules
        for (later, rule) in rules.enumerated() {
            if let earlier = rules[..<later].first(where: { $0.matcher.covers(rule.matcher) }) {
                report(
                    .unreachableRule(rule: rule.id, shadowedBy: earlier.id, line: earlier.line), line: rule.line,
                    column: rule.column,
                    rule: rule.id, severity: .warning)
            }
            if rule.matcher.delivery == .crossBorder, rule.matcher.roles.rawValue & draft.crossBorderRoles.rawValue == 0
            {
                let roles = draft.crossBorderRoles.roles.map(\.rawValue).joined(separator: ", ")
                report(
                    .crossBorderRuleNeverApplies(rule: rule.id, roles: roles.isEmpty ? "no role" : roles),
                    line: rule.line,
                    column: rule.column, rule: rule.id, severity: .warning)
            }
        }
        let allowing = rules.filter { !$0.matcher.isDeny }
        let expectingIndicators: [Role] = [.bank, .platform, .telco, .lawEnforcement]
        for (number, community) in draft.communities.enumerated() {
            for role in expectingIndicators where community.roles.contains(role) {
                guard !allowing.contains(where: { $0.matcher.roles.contains(role) }) else { continue }
                guard !diagnostics.contains(where: { $0.problem == .roleWithoutRule(role: role.rawValue) }) else {
                    continue
                }
                report(
                    .roleWithoutRule(role: role.rawValue), line: draft.communityLines[number], column: 5,
                    severity: .warning)
            }
        }
        for kind in IndicatorKind.allCases {
            for role in draft.needToKnow[kind.policyIndex].roles where role != .auditor {
                let routed = allowing.contains {
                    $0.matcher.roles.contains(role) && $0.matcher.kinds & (1 << kind.policyIndex) != 0
                }
                if !routed {
                    report(
                        .needToKnowWithoutRule(kind: kind.rawValue, role: role.rawValue), line: draft.needToKnowLine,
                        column: 1,
                        severity: .warning)
                }
            }
        }
    }
}

extension RuleMatcher {
    /// Whether this rule applies whenever `other` does, so that `other`, coming later, never decides.
    func covers(_ other: RuleMatcher) -> Bool {
        func superset<T: BinaryInteger>(_ mine: T, _ theirs: T) -> Bool { mine & theirs == theirs }
        func optionalSuperset(_ mine: UInt64, _ theirs: UInt64) -> Bool {
            mine == 0 || (theirs != 0 && superset(mine, theirs))
        }
        return superset(roles.rawValue, other.roles.rawValue) && superset(kinds, other.kinds)
            && superset(categories, other.categories) && superset(listings, other.listings)
            && superset(tlps, other.tlps)
            && superset(reporterRoles.rawValue, other.reporterRoles.rawValue)
            && superset(jurisdictions, other.jurisdictions)
            && optionalSuperset(communities, other.communities) && optionalSuperset(participants, other.participants)
            && (delivery == .any || delivery == other.delivery)
    }
}
