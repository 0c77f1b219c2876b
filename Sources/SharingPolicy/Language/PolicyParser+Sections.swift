import IndicatorModel
import Yams

/// Name tables for the words a policy file may use.
enum Vocabulary {
    static let roles = Role.allCases.map { ($0.rawValue, $0) }
    static let kinds = IndicatorKind.allCases.map { ($0.rawValue, $0) }
    static let categories = Category.allCases.map { ($0.rawValue, $0) }
    static let tlps = TLP.allCases.map { ($0.rawValue, $0) }
    static let lists: [(String, UInt8)] = [("flag", 1), ("allow", 2), ("any", 3)]
    static let fields = FieldSet.names.map { ($0.name, $0.field) }
}

extension PolicyParser {
    mutating func parseFieldSets(_ node: Node) {
        guard let entries = pairs(node, key: "field_sets", in: .section("field_sets")) else { return }
        for (name, keyNode, value) in entries {
            guard isValidID(name), !FieldSet.names.contains(where: { $0.name == name }) else {
                report(.invalidID(what: "field set", id: name), at: keyNode)
                continue
            }
            if let fields = names(value, key: name, in: .fieldSet(name), what: "field", table: Vocabulary.fields) {
                fieldSets[name] = fields.reduce(into: FieldSet()) { $0.formUnion($1) }
            }
        }
    }

    mutating func parseCommunities(_ node: Node) {
        guard case .sequence(let items) = node else {
            report(
                .wrongType(key: "communities", in: .policy, expected: "a list of communities", found: found(node)),
                at: node)
            return
        }
        for item in items {
            let line = item.mark?.line ?? 1
            var place = PolicyPlace.communityOnLine(line)
            guard
                let entries = mapping(
                    item, key: "communities",
                    in: self.place(of: item, byID: PolicyPlace.community, byLine: PolicyPlace.communityOnLine),
                    allowed: ["id", "description", "participants", "roles", "jurisdictions"])
            else { continue }
            guard let idNode = entries["id"], let id = text(idNode, key: "id", in: place) else {
                if entries["id"] == nil { report(.missingKey("id", in: place), at: item) }
                continue
            }
            guard isValidID(id) else {
                report(.invalidID(what: "community", id: id), at: idNode)
                continue
            }
            place = .community(id)
            if let first = communityNumbers[id] {
                report(.duplicateID(what: "community", id: id, firstLine: draft.communityLines[first]), at: idNode)
                continue
            }
            guard draft.communities.count < 64 else {
                report(
                    .tooMany(what: "communities", limit: 64, hint: "merge communities that share members"), at: idNode)
                continue
            }
            var participants: Set<ParticipantID> = []
            if let node = entries["participants"] { participants = Set(participantIDs(node, in: place) ?? []) }
            var roles = RoleSet.none
            if let node = entries["roles"],
                let list = names(node, key: "roles", in: place, what: "role", table: Vocabulary.roles)
            {
                roles = RoleSet(list)
            }
            var jurisdictions: Set<Jurisdiction> = []
            if let node = entries["jurisdictions"] { jurisdictions = Set(jurisdictionCodes(node, in: place) ?? []) }
            if entries["participants"] == nil, entries["roles"] == nil {
                report(.missingKey("participants' or 'roles", in: place), at: item)
            }
            communityNumbers[id] = draft.communities.count
            draft.communityLines.append(line)
            draft.communities.append(
                Community(id: id, participants: participants, roles: roles, jurisdictions: jurisdictions))
        }
    }

    mutating func participantIDs(_ node: Node, in place: PolicyPlace) -> [ParticipantID]? {
        guard let items = list(node, key: "participants", in: place, expected: "a list of participant ids") else {
            return nil
        }
        var result: [ParticipantID] = []
        for (text, item) in items {
            guard let id = try? ParticipantID(text) else {
                report(.invalidParticipant(text, in: place), at: item, in: place)
                return nil
            }
            result.append(id)
        }
        return result
    }

    mutating func jurisdictionCodes(_ node: Node, in place: PolicyPlace) -> [Jurisdiction]? {
        guard let items = list(node, key: "jurisdictions", in: place, expected: "a list of ISO 3166 codes") else {
            return nil
        }
        var result: [Jurisdiction] = []
        for (text, item) in items {
            // Lowercase codes are accepted by the wire type but would read as typos in a rulebook.
            guard text == text.uppercased(), let jurisdiction = try? Jurisdiction(text) else {
                report(.invalidJurisdiction(text, in: place), at: item, in: place)
                return nil
            }
            result.append(jurisdiction)
        }
        return result
    }

    mutating func parseNeedToKnow(_ node: Node) {
        let place = PolicyPlace.section("need_to_know")
        draft.needToKnowLine = node.mark?.line ?? 1
        guard let entries = pairs(node, key: "need_to_know", in: place) else { return }
        for (name, keyNode, value) in entries {
            guard let kind = known(name, what: "kind", table: Vocabulary.kinds, at: keyNode, in: place) else {
                continue
            }
            if let roles = names(value, key: name, in: place, what: "role", table: Vocabulary.roles) {
                draft.needToKnow[kind.policyIndex] = RoleSet(roles)
            }
        }
    }

    mutating func parseCrossBorder(_ node: Node) {
        let place = PolicyPlace.section("cross_border")
        guard let entries = mapping(node, key: "cross_border", in: place, allowed: ["roles", "description"]) else {
            return
        }
        guard let node = entries["roles"] else { return }
        // `roles: []` says plainly that nothing crosses a border.
        if case .sequence(let items) = node, items.isEmpty { return }
        if let roles = names(node, key: "roles", in: place, what: "role", table: Vocabulary.roles) {
            draft.crossBorderRoles = RoleSet(roles)
        }
    }

    mutating func parseRetention(_ node: Node) {
        let place = PolicyPlace.section("retention")
        guard let entries = mapping(node, key: "retention", in: place, allowed: ["default", "maximum", "overrides"])
        else { return }
        var standard = draft.retention.standard
        if let period = retentionPeriod(entries, node: node, in: place, fallback: nil) { standard = period }
        var overrides: [RetentionOverride] = []
        if let node = entries["overrides"] {
            guard case .sequence(let items) = node else {
                report(.wrongType(key: "overrides", in: place, expected: "a list", found: found(node)), at: node)
                return
            }
            for item in items {
                let line = item.mark?.line ?? 1
                let itemPlace = PolicyPlace.retentionOverride(line: line)
                guard
                    let fields = mapping(
                        item, key: "overrides", in: itemPlace,
                        allowed: ["kinds", "categories", "default", "maximum", "description"])
                else { continue }
                var kinds: UInt16 = 0xFF
                var categories: UInt32 = allCategories
                if let node = fields["kinds"],
                    let list = names(node, key: "kinds", in: itemPlace, what: "kind", table: Vocabulary.kinds)
                {
                    kinds = list.reduce(0) { $0 | 1 << $1.policyIndex }
                }
                if let node = fields["categories"],
                    let list = names(
                        node, key: "categories", in: itemPlace, what: "category", table: Vocabulary.categories)
                {
                    categories = list.reduce(0) { $0 | 1 << $1.policyIndex }
                }
                if let period = retentionPeriod(fields, node: item, in: itemPlace, fallback: standard) {
                    overrides.append(
                        RetentionOverride(kinds: kinds, categories: categories, period: period, line: line))
                }
            }
        }
        draft.retention = RetentionTable(standard: standard, overrides: overrides)
    }

    private mutating func retentionPeriod(
        _ entries: [String: Node], node: Node, in place: PolicyPlace, fallback: RetentionPeriod?
    ) -> RetentionPeriod? {
        let standard = entries["default"].flatMap { duration($0, key: "default", in: place) }
        let maximum = entries["maximum"].flatMap { duration($0, key: "maximum", in: place) }
        if fallback == nil {
            if entries["default"] == nil { report(.missingKey("default", in: place), at: node) }
            if entries["maximum"] == nil { report(.missingKey("maximum", in: place), at: node) }
        }
        guard let chosenDefault = standard ?? fallback?.standard, let chosenMaximum = maximum ?? fallback?.maximum
        else { return nil }
        guard chosenDefault <= chosenMaximum else {
            report(
                .retentionDefaultAboveMaximum(
                    in: place, standard: formatDuration(chosenDefault), maximum: formatDuration(chosenMaximum)),
                at: entries["default"] ?? node)
            return nil
        }
        return RetentionPeriod(standard: chosenDefault, maximum: chosenMaximum)
    }

    mutating func parseLookupLimits(_ node: Node) {
        let place = PolicyPlace.section("lookup_limits")
        guard let entries = pairs(node, key: "lookup_limits", in: place) else { return }
        for (name, keyNode, value) in entries {
            guard let role = known(name, what: "role", table: Vocabulary.roles, at: keyNode, in: place) else {
                continue
            }
            guard let text = text(value, key: name, in: place) else { continue }
            guard let rate = parseRate(text) else {
                report(.invalidRate(role: name, value: text), at: value)
                continue
            }
            draft.lookupLimits[role] = rate
        }
    }

    mutating func parseAggregates(_ node: Node) {
        let place = PolicyPlace.section("aggregates")
        guard
            let entries = mapping(node, key: "aggregates", in: place, allowed: ["k_anonymity", "roles", "description"])
        else { return }
        var k = draft.aggregates.kAnonymity
        var roles = draft.aggregates.roles
        if let node = entries["k_anonymity"],
            let value = integer(node, key: "k_anonymity", in: place, range: 2...1_000_000)
        {
            k = value
        }
        if let node = entries["roles"],
            let list = names(node, key: "roles", in: place, what: "role", table: Vocabulary.roles)
        {
            roles = RoleSet(list)
        }
        draft.aggregates = AggregatePolicy(kAnonymity: k, roles: roles)
    }
}

let allCategories: UInt32 = (1 << UInt32(Category.allCases.count)) - 1
