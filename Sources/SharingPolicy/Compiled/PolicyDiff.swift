public import IndicatorModel

/// A class of recipients and reports whose view changes between two policy versions.
///
/// `category` and `jurisdiction` are `*` when every category (or every jurisdiction the policies
/// name, plus any other) changes alike; `jurisdiction` is `other` for jurisdictions neither
/// policy names.
public struct VisibilityChange: Codable, Hashable, Sendable, CustomStringConvertible {
    public let role: Role
    public let kind: IndicatorKind
    public let category: String
    public let jurisdiction: String
    public let before: [String]
    public let after: [String]

    /// `gains`, `loses`, `widens` or `narrows`: removals are due for `loses` and `narrows`.
    public var change: String {
        if before.isEmpty { return "gains" }
        if after.isEmpty { return "loses" }
        return Set(after).isSuperset(of: before) ? "widens" : "narrows"
    }

    public var description: String {
        let what = "\(role) in \(jurisdiction): \(kind) / \(category)"
        switch change {
        case "gains": return "+ \(what) gains [\(after.joined(separator: ", "))]"
        case "loses": return "- \(what) loses [\(before.joined(separator: ", "))]"
        default: return "~ \(what) \(change): [\(before.joined(separator: ", "))] → [\(after.joined(separator: ", "))]"
        }
    }
}

extension Policy {
    /// The (role, kind, category, jurisdiction) classes whose visibility differs from `old` to `self`.
    ///
    /// A class's visibility is every field some `clear`, `green` or `amber` report of that kind and
    /// category could deliver to a recipient of that role and jurisdiction, from a reporter of any
    /// role at home or abroad, fully corroborated. Rules naming single participants, `red` or
    /// `amber+strict` reports (which go to named recipients only) and changed corroboration
    /// thresholds (see `requirementChanges(since:)`) are outside this comparison.
    public func changes(since old: Policy) -> [VisibilityChange] {
        let codes = Set(mentionedJurisdictions + old.mentionedJurisdictions).sorted()
        let other = Self.placeholderJurisdiction
        let places = codes.map { ($0.code, $0) } + [("other", other)]
        let before = old.visibilityTable(places: places.map(\.1))
        let after = visibilityTable(places: places.map(\.1))
        var changes: [VisibilityChange] = []
        for role in Role.allCases where role != .auditor {
            for kind in IndicatorKind.allCases {
                var perPlace: [VisibilityChange] = []
                for (placeNumber, (label, _)) in places.enumerated() {
                    var perCategory: [(Category, FieldSet, FieldSet)] = []
                    for category in Category.allCases {
                        let key = VisibilityKey(role: role, place: placeNumber, kind: kind, category: category)
                        let was = before[key] ?? []
                        let now = after[key] ?? []
                        if was != now { perCategory.append((category, was, now)) }
                    }
                    if perCategory.count == Category.allCases.count,
                        Set(perCategory.map { [$0.1.rawValue, $0.2.rawValue] }).count == 1
                    {
                        perPlace.append(
                            VisibilityChange(
                                role: role, kind: kind, category: "*", jurisdiction: label,
                                before: perCategory[0].1.fieldNames, after: perCategory[0].2.fieldNames))
                    } else {
                        perPlace += perCategory.map {
                            VisibilityChange(
                                role: role, kind: kind, category: $0.0.rawValue, jurisdiction: label,
                                before: $0.1.fieldNames, after: $0.2.fieldNames)
                        }
                    }
                }
                let alike = Dictionary(grouping: perPlace) { [$0.category] + $0.before + ["|"] + $0.after }
                for (_, group) in alike.sorted(by: { $0.value[0].category < $1.value[0].category }) {
                    if group.count == places.count {
                        let first = group[0]
                        changes.append(
                            VisibilityChange(
                                role: role, kind: kind, category: first.category, jurisdiction: "*",
                                before: first.before, after: first.after))
                    } else {
                        changes += group
                    }
                }
            }
        }
        return changes
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

    /// "ZZ", ISO 3166's user-assigned code, standing for every jurisdiction the policies do not name.
    static let placeholderJurisdiction = (try? Jurisdiction("ZZ"))!  // a valid code by construction

    /// Fields visible per class, over every report variant from a domestic and a foreign reporter.
    private func visibilityTable(places: [Jurisdiction]) -> [VisibilityKey: FieldSet] {
        let confidence = (try? Confidence(100))!  // in range by construction
        let strongest = rules.flatMap(\.conditions).map(\.reporters).max() ?? 1
        let live = IndicatorState(
            reports: Role.allCases.flatMap { role in
                (0..<strongest).map {
                    IndicatorState.LiveReport(
                        reporter: (try? ParticipantID("diff-\(role.index)-\($0)"))!, role: role, confidence: confidence)
                }
            })
        let reporterID = (try? ParticipantID("diff-reporter"))!  // valid by construction
        let recipientID = (try? ParticipantID("diff-recipient"))!  // valid by construction
        let corroboration = Corroboration(live.reports)
        var table: [VisibilityKey: FieldSet] = [:]
        for (placeNumber, place) in places.enumerated() {
            let foreign = places.first { $0 != place } ?? place
            let recipients = Role.allCases.filter { $0 != .auditor }.map {
                ($0, prepare(Participant(id: recipientID, role: $0, jurisdiction: place)))
            }
            for kind in IndicatorKind.allCases {
                for category in Category.allCases {
                    var reports: [PreparedReport] = []
                    for reporterRole in Role.allCases where reporterRole != .auditor {
                        for reporterPlace in Set([place, foreign]) {
                            let reporter = Participant(id: reporterID, role: reporterRole, jurisdiction: reporterPlace)
                            for tlp in [TLP.clear, .green, .amber] {
                                for listing in Listing.allCases {
                                    let facts = ReportFacts(
                                        reporter: reporter, kind: kind, category: category,
                                        confidence: confidence, tlp: tlp, listing: listing)
                                    reports.append(prepare(facts, corroboration: corroboration))
                                }
                            }
                        }
                    }
                    for (role, recipient) in recipients {
                        var fields = FieldSet()
                        for report in reports { fields.formUnion(decide(report, for: recipient).fields) }
                        table[VisibilityKey(role: role, place: placeNumber, kind: kind, category: category)] = fields
                    }
                }
            }
        }
        return table
    }
}

private struct VisibilityKey: Hashable {
    let role: Role
    let place: Int
    let kind: IndicatorKind
    let category: Category
}
