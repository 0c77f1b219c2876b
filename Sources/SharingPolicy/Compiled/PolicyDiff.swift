import IndicatorModel

extension Policy {
    /// The (role, kind, category, jurisdiction) classes whose visibility differs from `old` to `self`.
    ///
    /// Both policies decide the same report variants — every reporter role, reporter jurisdiction,
    /// `clear`, `green` and `amber` label, list, and a report standing alone or fully corroborated —
    /// for a recipient of each role and jurisdiction, anonymous or one of the participants either
    /// policy names. A class `narrows` when any variant loses a field, even if another variant still
    /// delivers it. `red` and `amber+strict` reports (named recipients only) are outside this
    /// comparison; `requirementChanges(since:)` lists changed corroboration thresholds.
    public func changes(since old: Policy) -> [VisibilityChange] {
        let universe = DiffUniverse(old, self)
        let views = compareViews(old: old, universe: universe)
        var changes: [VisibilityChange] = []
        for role in Role.allCases where role != .auditor {
            for kind in IndicatorKind.allCases {
                var perPlace: [VisibilityChange] = []
                for (placeNumber, label) in universe.labels.enumerated() {
                    var perCategory: [(Category, ClassView)] = []
                    for category in Category.allCases {
                        let key = VisibilityKey(role: role, place: placeNumber, kind: kind, category: category)
                        if let view = views[key], view.hasChanged { perCategory.append((category, view)) }
                    }
                    if perCategory.count == Category.allCases.count, Set(perCategory.map(\.1)).count == 1 {
                        perPlace.append(perCategory[0].1.change(role, kind, category: "*", jurisdiction: label))
                    } else {
                        perPlace += perCategory.map {
                            $0.1.change(role, kind, category: $0.0.rawValue, jurisdiction: label)
                        }
                    }
                }
                changes += mergingPlaces(perPlace, count: universe.labels.count)
            }
        }
        return changes
    }

    /// Classes that change alike in every jurisdiction become one `*` line; the order is fixed:
    /// by category, then by the first jurisdiction of each group.
    private func mergingPlaces(_ perPlace: [VisibilityChange], count: Int) -> [VisibilityChange] {
        var groups: [[VisibilityChange]] = []
        var numbers: [[String]: Int] = [:]
        for change in perPlace {
            let key = [change.category] + change.before + ["|"] + change.after + ["|"] + change.lost
            if let number = numbers[key] {
                groups[number].append(change)
            } else {
                numbers[key] = groups.count
                groups.append([change])
            }
        }
        let ordered = groups.enumerated().sorted { (left, right) -> Bool in
            let (a, b) = (left.element[0].category, right.element[0].category)
            return a != b ? a < b : left.offset < right.offset
        }
        return ordered.flatMap { (_, group) -> [VisibilityChange] in
            guard group.count == count else { return group }
            let first = group[0]
            return [
                VisibilityChange(
                    role: first.role, kind: first.kind, category: first.category, jurisdiction: "*",
                    before: first.before, after: first.after, lost: first.lost)
            ]
        }
    }

    /// Rules, by id, whose corroboration requirement differs between `old` and `self`.
    public func requirementChanges(since old: Policy) -> [String] {
        let previous = Dictionary(old.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return rules.compactMap { rule in
            guard let was = previous[rule.id], was.conditions != rule.conditions else { return nil }
            func words(_ conditions: [Condition]) -> String {
                conditions.isEmpty ? "none" : conditions.map(\.description).joined(separator: ", or ")
            }
            return "rule '\(rule.id)' requires \(words(rule.conditions)) (was \(words(was.conditions)))"
        }
    }

    /// Every jurisdiction the policy names in rules or communities.
    var mentionedJurisdictions: [Jurisdiction] {
        jurisdictions + communities.flatMap(\.jurisdictions)
    }

    /// Decides every report variant under both policies for every recipient of every class.
    private func compareViews(old: Policy, universe: DiffUniverse) -> [VisibilityKey: ClassView] {
        let roles = Role.allCases.filter { $0 != .auditor }
        let conditions = (rules + old.rules).flatMap(\.conditions)
        let strongest = conditions.map(\.reporters).max() ?? 1
        let full = Corroboration(
            roles.flatMap { role in
                (0..<strongest).compactMap { number in
                    (try? ParticipantID("diff-\(role.index)-\(number)")).map {
                        IndicatorState.LiveReport(reporter: $0, role: role, confidence: universe.confidence)
                    }
                }
            })
        var table: [VisibilityKey: ClassView] = [:]
        for kind in IndicatorKind.allCases {
            for category in Category.allCases {
                var variants: [(reporter: ParticipantID, before: PreparedReport, after: PreparedReport)] = []
                for reporterRole in roles {
                    for reporterPlace in universe.places {
                        for reporterID in universe.reporterIDs {
                            let reporter = Participant(id: reporterID, role: reporterRole, jurisdiction: reporterPlace)
                            let alone = Corroboration([
                                IndicatorState.LiveReport(
                                    reporter: reporterID, role: reporterRole, confidence: universe.confidence)
                            ])
                            for tlp in [TLP.clear, .green, .amber] {
                                for listing in Listing.allCases {
                                    let facts = ReportFacts(
                                        reporter: reporter, kind: kind, category: category,
                                        confidence: universe.confidence, tlp: tlp, listing: listing)
                                    for corroboration in conditions.isEmpty ? [full] : [alone, full] {
                                        variants.append(
                                            (
                                                reporterID, old.prepare(facts, corroboration: corroboration),
                                                prepare(facts, corroboration: corroboration)
                                            ))
                                    }
                                }
                            }
                        }
                    }
                }
                for (placeNumber, place) in universe.places.enumerated() {
                    for role in roles {
                        var view = ClassView()
                        for recipientID in universe.recipientIDs {
                            let recipient = Participant(id: recipientID, role: role, jurisdiction: place)
                            let before = old.prepare(recipient)
                            let after = prepare(recipient)
                            // A reporter's view of its own report is no policy's doing.
                            for variant in variants where variant.reporter != recipientID {
                                view.add(
                                    before: old.decide(variant.before, for: before).fields,
                                    after: decide(variant.after, for: after).fields)
                            }
                        }
                        table[VisibilityKey(role: role, place: placeNumber, kind: kind, category: category)] = view
                    }
                }
            }
        }
        return table
    }
}

/// The jurisdictions and participants a comparison enumerates, the same for both policies.
private struct DiffUniverse {
    /// The jurisdictions either policy names, then one standing for all others.
    let places: [Jurisdiction]
    let labels: [String]
    /// An anonymous participant, then every participant a community names.
    let reporterIDs: [ParticipantID]
    /// An anonymous participant, then every participant a community or a rule names.
    let recipientIDs: [ParticipantID]
    let confidence: Confidence

    init(_ old: Policy, _ new: Policy) {
        let codes = Set(old.mentionedJurisdictions + new.mentionedJurisdictions).sorted()
        // A user-assigned ISO 3166 code that neither policy names stands for "any other".
        let other = ["ZZ", "XZ", "XY", "XX", "QZ"].lazy.compactMap { try? Jurisdiction($0) }
            .first { !codes.contains($0) }
        places = codes + (other.map { [$0] } ?? [])
        labels = codes.map(\.code) + (other == nil ? [] : ["other"])
        let members = Set(old.communities.flatMap(\.participants) + new.communities.flatMap(\.participants))
        let named = members.union(old.namedParticipants.keys).union(new.namedParticipants.keys)
        // Participants no community or rule names: they stand for everyone else of a role.
        let anonymousReporter = (try? ParticipantID("diff-anonymous-reporter")).map { [$0] } ?? []
        let anonymousRecipient = (try? ParticipantID("diff-anonymous-recipient")).map { [$0] } ?? []
        reporterIDs = anonymousReporter + members.sorted()
        recipientIDs = anonymousRecipient + named.sorted()
        confidence = (try? Confidence(100))!  // in range by construction
    }
}

/// What one class saw under the old and the new policy, over every report variant.
private struct ClassView: Hashable {
    var before = FieldSet()
    var after = FieldSet()
    var lost = FieldSet()
    var gained = FieldSet()

    var hasChanged: Bool { !lost.isEmpty || !gained.isEmpty }

    mutating func add(before was: FieldSet, after now: FieldSet) {
        before.formUnion(was)
        after.formUnion(now)
        lost.formUnion(was.subtracting(now))
        gained.formUnion(now.subtracting(was))
    }

    func change(_ role: Role, _ kind: IndicatorKind, category: String, jurisdiction: String) -> VisibilityChange {
        VisibilityChange(
            role: role, kind: kind, category: category, jurisdiction: jurisdiction, before: before.fieldNames,
            after: after.fieldNames, lost: lost.fieldNames)
    }
}

private struct VisibilityKey: Hashable {
    let role: Role
    let place: Int
    let kind: IndicatorKind
    let category: Category
}
