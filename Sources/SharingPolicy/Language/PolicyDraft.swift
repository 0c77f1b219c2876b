import IndicatorModel

/// A policy file read and checked, before it is indexed into a `Policy`.
struct PolicyDraft: Sendable {
    var name = ""
    var summary: String?
    var communities: [Community] = []
    var communityLines: [Int] = []
    var jurisdictions: [Jurisdiction] = []
    var namedParticipants: [ParticipantID] = []
    var needToKnow = [RoleSet](repeating: .none, count: IndicatorKind.allCases.count)
    var needToKnowLine = 0
    var crossBorderRoles = RoleSet.none
    var rules: [Rule] = []
    var retention = RetentionTable(
        standard: RetentionPeriod(standard: .seconds(90 * 86_400), maximum: .seconds(365 * 86_400)), overrides: [])
    var lookupLimits: [Role: RateLimit] = [:]
    var aggregates = AggregatePolicy(kAnonymity: 5, roles: .none)

    /// Numbers a jurisdiction for the rules' bit sets; `nil` past 63.
    mutating func number(_ jurisdiction: Jurisdiction) -> Int? {
        if let known = jurisdictions.firstIndex(of: jurisdiction) { return known }
        guard jurisdictions.count < 63 else { return nil }
        jurisdictions.append(jurisdiction)
        return jurisdictions.count - 1
    }

    /// Numbers a participant that a rule names; `nil` past 64.
    mutating func number(_ participant: ParticipantID) -> Int? {
        if let known = namedParticipants.firstIndex(of: participant) { return known }
        guard namedParticipants.count < 64 else { return nil }
        namedParticipants.append(participant)
        return namedParticipants.count - 1
    }

    /// One line per decision-relevant fact, in a fixed order, sets sorted: what `PolicyVersion` hashes.
    var canonicalText: String {
        var lines = ["scamhub-policy-v1", "name \(name)"]
        for community in communities {
            lines.append(
                "community \(community.id) participants=\(community.participants.map(\.rawValue).sorted().joined(separator: ","))"
                    + " roles=\(names(community.roles)) jurisdictions=\(community.jurisdictions.map(\.code).sorted().joined(separator: ","))"
            )
        }
        for kind in IndicatorKind.allCases where needToKnow[kind.policyIndex] != .none {
            lines.append("need_to_know \(kind.rawValue) \(names(needToKnow[kind.policyIndex]))")
        }
        lines.append("cross_border \(names(crossBorderRoles))")
        for rule in rules {
            let matcher = rule.matcher
            let kinds = IndicatorKind.allCases.filter { matcher.kinds & (1 << $0.policyIndex) != 0 }.map(\.rawValue)
            let categories = Category.allCases.filter { matcher.categories & (1 << $0.policyIndex) != 0 }.map(
                \.rawValue)
            let listings = Listing.allCases.filter { matcher.listings & (1 << $0.policyIndex) != 0 }.map(\.rawValue)
            let tlps = TLP.allCases.filter { matcher.tlps & (1 << $0.policyIndex) != 0 }.map(\.rawValue)
            lines.append(
                "rule \(rule.id) effect=\(matcher.isDeny ? "deny" : "allow") roles=\(names(matcher.roles))"
                    + " communities=\(rule.communityIDs.sorted().joined(separator: ","))"
                    + " participants=\(rule.participantIDs.map(\.rawValue).sorted().joined(separator: ","))"
                    + " jurisdictions=\(rule.recipientJurisdictions.map(\.code).sorted().joined(separator: ","))"
                    + " delivery=\(matcher.delivery) kinds=\(kinds.joined(separator: ","))"
                    + " categories=\(categories.joined(separator: ",")) lists=\(listings.joined(separator: ","))"
                    + " tlp=\(tlps.joined(separator: ",")) reporter_roles=\(names(matcher.reporterRoles))"
                    + " require=\(rule.conditions.map(\.description).joined(separator: " | "))"
                    + " fields=\(matcher.fields.fieldNames.joined(separator: ","))")
        }
        lines.append(
            "retention \(retention.standard.standard.components.seconds) \(retention.standard.maximum.components.seconds)"
        )
        for override in retention.overrides {
            lines.append(
                "retention_override kinds=\(override.kinds) categories=\(override.categories)"
                    + " \(override.period.standard.components.seconds) \(override.period.maximum.components.seconds)")
        }
        for role in Role.allCases {
            if let limit = lookupLimits[role] {
                lines.append("lookup \(role.rawValue) \(limit.count)/\(limit.period.components.seconds)")
            }
        }
        lines.append("aggregates k=\(aggregates.kAnonymity) roles=\(names(aggregates.roles))")
        return lines.joined(separator: "\n") + "\n"
    }

    private func names(_ roles: RoleSet) -> String { roles.roles.map(\.rawValue).joined(separator: ",") }
}
