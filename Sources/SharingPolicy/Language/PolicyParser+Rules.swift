import IndicatorModel
import Yams

extension PolicyParser {
    static let ruleKeys = ["id", "description", "effect", "recipients", "match", "require", "fields"]
    static let recipientKeys = ["roles", "communities", "participants", "jurisdictions", "delivery"]
    static let matchKeys = ["kinds", "categories", "list", "tlp", "reporter_roles"]
    static let conditionKeys = ["reporters", "reporter_role", "min_confidence"]

    mutating func parseRules(_ node: Node) {
        guard case .sequence(let items) = node else {
            report(.wrongType(key: "rules", in: .policy, expected: "a list of rules", found: found(node)), at: node)
            return
        }
        for item in items { parseRule(item) }
    }

    private mutating func parseRule(_ item: Node) {
        let line = item.mark?.line ?? 1
        var place = PolicyPlace.ruleOnLine(line)
        guard
            let entries = mapping(
                item, key: "rules", in: self.place(of: item, byID: PolicyPlace.rule, byLine: PolicyPlace.ruleOnLine),
                allowed: Self.ruleKeys)
        else { return }
        guard let idNode = entries["id"] else {
            report(.missingKey("id", in: place), at: item)
            return
        }
        guard let id = text(idNode, key: "id", in: place) else { return }
        guard isValidID(id) else {
            report(.invalidID(what: "rule", id: id), at: idNode)
            return
        }
        if let first = ruleLines[id] {
            report(.duplicateID(what: "rule", id: id, firstLine: first), at: idNode, in: .rule(id))
            return
        }
        ruleLines[id] = line
        place = .rule(id)
        let errorsBefore = diagnostics.count

        var matcher = RuleMatcher(
            roles: .all, kinds: 0xFF, categories: allCategories, listings: 1, tlps: 0x1F, reporterRoles: .all,
            jurisdictions: ~0, communities: 0, participants: 0, delivery: .any, isDeny: false, fields: [],
            conditionStart: Int32(draft.rules.reduce(0) { $0 + $1.conditions.count }), conditionCount: 0)
        var communityIDs: [String] = []
        var namedIDs: [ParticipantID] = []
        var jurisdictions: [Jurisdiction] = []

        if let node = entries["effect"], let effect = text(node, key: "effect", in: place) {
            let effects = [("allow", false), ("deny", true)]
            if let isDeny = known(effect, what: "effect", table: effects, at: node, in: place) {
                matcher.isDeny = isDeny
            }
        }
        if let node = entries["recipients"],
            let recipients = mapping(node, key: "recipients", in: place, allowed: Self.recipientKeys)
        {
            if let node = recipients["roles"],
                let roles = names(node, key: "roles", in: place, what: "role", table: Vocabulary.roles)
            {
                matcher.roles = RoleSet(roles)
                if roles.contains(.auditor) {
                    report(.auditorRouted(rule: id), at: auditorNode(in: node) ?? node, in: place)
                }
            }
            if let node = recipients["communities"],
                let ids = names(
                    node, key: "communities", in: place, what: "community",
                    table: draft.communities.map { ($0.id, $0.id) })
            {
                communityIDs = ids
                matcher.communities = ids.reduce(0) { $0 | 1 << UInt64(communityNumbers[$1] ?? 0) }
            }
            if let node = recipients["participants"], let ids = participantIDs(node, in: place) {
                namedIDs = ids
                for participant in ids {
                    guard let number = draft.number(participant) else {
                        report(
                            .tooMany(
                                what: "participants named in rules", limit: 64,
                                hint: "define a community and name it instead"),
                            at: node, in: place)
                        break
                    }
                    matcher.participants |= 1 << UInt64(number)
                }
            }
            if let node = recipients["jurisdictions"], let codes = jurisdictionCodes(node, in: place) {
                jurisdictions = codes
                matcher.jurisdictions = 0
                for code in codes {
                    guard let number = draft.number(code) else {
                        report(
                            .tooMany(
                                what: "jurisdictions named in rules", limit: 63, hint: "split the policy by region"),
                            at: node, in: place)
                        break
                    }
                    matcher.jurisdictions |= 1 << UInt64(number)
                }
            }
            if let node = recipients["delivery"], let value = text(node, key: "delivery", in: place) {
                let deliveries: [(String, Delivery)] = [
                    ("any", .any), ("domestic", .domestic), ("cross_border", .crossBorder),
                ]
                if let delivery = known(value, what: "delivery", table: deliveries, at: node, in: place) {
                    matcher.delivery = delivery
                }
            }
        }
        if let node = entries["match"], let match = mapping(node, key: "match", in: place, allowed: Self.matchKeys) {
            if let node = match["kinds"],
                let kinds = names(node, key: "kinds", in: place, what: "kind", table: Vocabulary.kinds)
            {
                matcher.kinds = kinds.reduce(0) { $0 | 1 << $1.policyIndex }
            }
            if let node = match["categories"],
                let categories = names(
                    node, key: "categories", in: place, what: "category", table: Vocabulary.categories)
            {
                matcher.categories = categories.reduce(0) { $0 | 1 << $1.policyIndex }
            }
            if let node = match["list"],
                let lists = names(node, key: "list", in: place, what: "list", table: Vocabulary.lists)
            {
                matcher.listings = lists.reduce(0, |)
            }
            if let node = match["tlp"],
                let tlps = names(node, key: "tlp", in: place, what: "TLP label", table: Vocabulary.tlps)
            {
                matcher.tlps = tlps.reduce(0) { $0 | 1 << UInt8($1.policyIndex) }
            }
            if let node = match["reporter_roles"],
                let roles = names(node, key: "reporter_roles", in: place, what: "role", table: Vocabulary.roles)
            {
                matcher.reporterRoles = RoleSet(roles)
            }
        }
        var conditions: [Condition] = []
        if let node = entries["require"] {
            if matcher.isDeny { report(.requireOnDenyRule(rule: id), at: node, in: place) }
            conditions = requirement(node, in: place)
        }
        matcher.conditionCount = Int32(conditions.count)

        if let node = entries["fields"] {
            if matcher.isDeny {
                report(.fieldsOnDenyRule(rule: id), at: node, in: place)
            } else if let fields = fieldSet(node, in: place) {
                matcher.fields = fields.completed
            }
        } else if !matcher.isDeny {
            report(.fieldsRequired(rule: id), at: item, in: place)
        }
        guard diagnostics.count == errorsBefore else { return }
        draft.rules.append(
            Rule(
                id: id, summary: entries["description"].flatMap { text($0, key: "description", in: place) }, line: line,
                column: item.mark?.column ?? 1,
                matcher: matcher, conditions: conditions, communityIDs: communityIDs, participantIDs: namedIDs,
                recipientJurisdictions: jurisdictions))
    }

    private func auditorNode(in node: Node) -> Node? {
        if case .sequence(let items) = node { return items.first { $0.string == Role.auditor.rawValue } }
        return nil
    }

    /// `require:` as one condition or `any_of:` a list of them.
    private mutating func requirement(_ node: Node, in place: PolicyPlace) -> [Condition] {
        guard let entries = mapping(node, key: "require", in: place, allowed: ["any_of"] + Self.conditionKeys) else {
            return []
        }
        guard let alternatives = entries["any_of"] else {
            return condition(entries, node: node, in: place).map { [$0] } ?? []
        }
        if entries.count > 1 {
            report(
                .wrongType(key: "require", in: place, expected: "either 'any_of:' or one condition", found: "both"),
                at: node, in: place)
        }
        guard case .sequence(let items) = alternatives, !items.isEmpty else {
            report(
                .wrongType(key: "any_of", in: place, expected: "a list of conditions", found: found(alternatives)),
                at: alternatives, in: place)
            return []
        }
        return items.compactMap { item in
            mapping(item, key: "any_of", in: place, allowed: Self.conditionKeys).flatMap {
                condition($0, node: item, in: place)
            }
        }
    }

    private mutating func condition(_ entries: [String: Node], node: Node, in place: PolicyPlace) -> Condition? {
        guard let reportersNode = entries["reporters"] else {
            report(.missingKey("reporters", in: place), at: node, in: place)
            return nil
        }
        guard let reporters = integer(reportersNode, key: "reporters", in: place, range: 1...100) else { return nil }
        var role: Role?
        if let node = entries["reporter_role"] {
            guard let roles = names(node, key: "reporter_role", in: place, what: "role", table: Vocabulary.roles) else {
                return nil
            }
            guard roles.count == 1 else {
                report(
                    .wrongType(key: "reporter_role", in: place, expected: "one role", found: "a list"), at: node,
                    in: place)
                return nil
            }
            role = roles[0]
        }
        var minimum = 0
        if let node = entries["min_confidence"] {
            guard let value = integer(node, key: "min_confidence", in: place, range: 0...100) else { return nil }
            minimum = value
        }
        return Condition(reporters: reporters, role: role, minimumConfidence: minimum)
    }

    /// `fields:` as a list of field names and field set names, or one of either.
    private mutating func fieldSet(_ node: Node, in place: PolicyPlace) -> FieldSet? {
        let table = Vocabulary.fields + fieldSets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return names(node, key: "fields", in: place, what: "field", table: table)?.reduce(into: FieldSet()) {
            $0.formUnion($1)
        }
    }
}
