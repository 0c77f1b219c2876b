import Foundation

/// One finding about a policy file: where it is, how serious, and what to do.
public struct PolicyDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        case error, warning
    }

    public let severity: Severity
    public let file: String
    public let line: Int
    public let column: Int
    /// The id of the rule the finding is in, if any.
    public let rule: String?
    public let problem: PolicyProblem

    /// `file:line:column: error: message`, the form editors and CI logs understand.
    public var description: String { "\(file):\(line):\(column): \(severity.rawValue): \(problem)" }
}

/// Thrown when a policy file has errors; carries every finding, warnings included.
public struct PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    public let diagnostics: [PolicyDiagnostic]

    public var errors: [PolicyDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Where in a policy a finding is, as people would say it.
public enum PolicyPlace: Hashable, Sendable, CustomStringConvertible {
    case policy
    case rule(String)
    /// A rule without a usable id, by its line.
    case ruleOnLine(Int)
    case community(String)
    case communityOnLine(Int)
    case fieldSet(String)
    case retentionOverride(line: Int)
    case section(String)

    public var description: String {
        switch self {
        case .policy: "the policy"
        case .rule(let id): "rule '\(id)'"
        case .ruleOnLine(let line): "the rule on line \(line)"
        case .community(let id): "community '\(id)'"
        case .communityOnLine(let line): "the community on line \(line)"
        case .fieldSet(let name): "field set '\(name)'"
        case .retentionOverride(let line): "the retention override on line \(line)"
        case .section(let name): "'\(name)'"
        }
    }

    var isRule: Bool {
        switch self {
        case .rule, .ruleOnLine: true
        default: false
        }
    }
}

/// What is wrong with a policy file, or worth a second look.
public enum PolicyProblem: Hashable, Sendable, CustomStringConvertible {
    case invalidYAML(String)
    case emptyFile
    case duplicateKey(String)
    case unknownKey(String, in: PolicyPlace, suggestion: String?, allowed: [String])
    /// A key that belongs one level down, e.g. `kinds` directly in a rule instead of under `match:`.
    case misplacedKey(String, in: PolicyPlace, intended: String, section: String)
    case missingKey(String, in: PolicyPlace)
    /// `expected` completes "must be …"; `found` is what the file has ("a list", "text 'x'").
    case wrongType(key: String, in: PolicyPlace, expected: String, found: String)
    /// `what` is "kind", "category", "role", "TLP label", "field", "community", ….
    case unknownValue(what: String, value: String, in: PolicyPlace, suggestion: String?, allowed: [String])
    case duplicateID(what: String, id: String, firstLine: Int)
    case invalidID(what: String, id: String)
    case auditorRouted(rule: String)
    case invalidDuration(key: String, in: PolicyPlace, value: String)
    case invalidRate(role: String, value: String)
    case numberOutOfRange(key: String, in: PolicyPlace, range: ClosedRange<Int>)
    case retentionDefaultAboveMaximum(in: PolicyPlace, standard: String, maximum: String)
    case fieldsRequired(rule: String)
    case fieldsOnDenyRule(rule: String)
    case requireOnDenyRule(rule: String)
    case emptyList(key: String, in: PolicyPlace)
    case tooMany(what: String, limit: Int, hint: String)
    case invalidParticipant(String, in: PolicyPlace)
    case invalidJurisdiction(String, in: PolicyPlace)
    case unreachableRule(rule: String, shadowedBy: String, line: Int)
    case roleWithoutRule(role: String)
    case needToKnowWithoutRule(kind: String, role: String)
    case crossBorderRuleNeverApplies(rule: String, roles: String)

    public var description: String {
        switch self {
        case .invalidYAML(let problem):
            "not valid YAML: \(problem); check the indentation and quoting here"
        case .emptyFile:
            "the file holds no policy; a policy starts with 'policy: <name>' (see docs/policy.md)"
        case .duplicateKey(let key):
            "key '\(key)' appears twice in the same mapping; keep one"
        case .unknownKey(let key, let place, let suggestion, let allowed):
            "\(place) has unknown key '\(key)'; " + hint(suggestion, allowed: allowed, what: "keys")
        case .misplacedKey(let key, let place, let intended, let section):
            "\(place) has unknown key '\(key)'; did you mean '\(intended)' under '\(section):'?"
        case .missingKey(let key, let place):
            "\(place) needs '\(key)'"
        case .wrongType(let key, let place, let expected, let found):
            "'\(key)' in \(place) must be \(expected), found \(found)"
        case .unknownValue(let what, let value, let place, let suggestion, let allowed):
            "\(place) \(place.isRule ? "routes" : "names") \(what) '\(value)' — unknown \(what); "
                + hint(suggestion, allowed: allowed, what: what.hasSuffix("y") ? what.dropLast() + "ies" : what + "s")
        case .duplicateID(let what, let id, let firstLine):
            "\(what) id '\(id)' is used twice (first on line \(firstLine)); give each \(what) its own id"
        case .invalidID(let what, let id):
            "\(what) id '\(id)' must be lowercase letters, digits and inner hyphens, e.g. 'banks-mule-accounts'"
        case .auditorRouted(let rule):
            "rule '\(rule)' routes indicators to auditors — auditors never receive indicators; remove 'auditor' "
                + "(they read the audit log instead)"
        case .invalidDuration(let key, let place, let value):
            "'\(key)' in \(place) must be a duration such as 90d, 12h or 30m, found '\(value)'"
        case .invalidRate(let role, let value):
            "lookup limit for \(role) must be a count per unit such as 600/min (units: s, min, h, day), found '\(value)'"
        case .numberOutOfRange(let key, let place, let range):
            "'\(key)' in \(place) must be a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .retentionDefaultAboveMaximum(let place, let standard, let maximum):
            "\(place) has a default of \(standard) above its maximum of \(maximum); lower the default or raise the maximum"
        case .fieldsRequired(let rule):
            "rule '\(rule)' allows but does not say which fields; add 'fields:' (a list or a field set name)"
        case .fieldsOnDenyRule(let rule):
            "rule '\(rule)' denies, so 'fields' has no effect; remove it"
        case .requireOnDenyRule(let rule):
            "rule '\(rule)' denies, so 'require' has no effect; remove it (a deny rule needs no corroboration)"
        case .emptyList(let key, let place):
            "'\(key)' in \(place) is empty, so the rule could never apply; list at least one value or remove the key"
        case .tooMany(let what, let limit, let hint):
            "more than \(limit) \(what); \(hint)"
        case .invalidParticipant(let value, let place):
            "\(place) names participant '\(value)' — participant ids are 2 to 64 lowercase letters, digits and inner hyphens"
        case .invalidJurisdiction(let value, let place):
            "\(place) names jurisdiction '\(value)' — use an ISO 3166-1 alpha-2 code such as TH"
        case .unreachableRule(let rule, let shadowedBy, let line):
            "rule '\(rule)' can never decide: rule '\(shadowedBy)' (line \(line)) applies to every report and recipient "
                + "it would; move it above '\(shadowedBy)' or remove it"
        case .roleWithoutRule(let role):
            "role '\(role)' is a community member but no rule routes anything to it; its members will receive nothing"
        case .needToKnowWithoutRule(let kind, let role):
            "need_to_know lets \(role) see amber '\(kind)' reports, but no rule routes '\(kind)' to \(role)"
        case .crossBorderRuleNeverApplies(let rule, let roles):
            "rule '\(rule)' only applies cross-border, but cross_border lets only \(roles) receive across borders"
        }
    }
}

private func hint(_ suggestion: String?, allowed: [String], what: String) -> String {
    if let suggestion { return "did you mean '\(suggestion)'?" }
    if allowed.isEmpty { return "the policy defines no \(what)" }
    return "expected one of: \(allowed.joined(separator: ", "))"
}

/// The allowed word nearest to `word`, if it is close enough to be a typo.
func suggestion(for word: String, among candidates: [String]) -> String? {
    let trimmed = word.trimmingCharacters(in: .whitespaces).lowercased()
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(Array(trimmed.utf8), Array(candidate.utf8))
        if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    guard let best, best.distance <= max(2, best.candidate.utf8.count / 3) else { return nil }
    return best.candidate
}

/// Levenshtein distance over bytes.
func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
