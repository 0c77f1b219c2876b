import Foundation
import IndicatorModel
import Yams

extension Policy {
    /// Reads, checks and compiles the text of a policy file; `file` names it in messages.
    ///
    /// Throws every error found (with the warnings); on success `warnings` holds the warnings.
    public init(yaml text: String, file: String) throws(PolicyError) {
        var parser = PolicyParser(file: file)
        parser.parse(text)
        if parser.diagnostics.contains(where: { $0.severity == .error }) {
            throw PolicyError(diagnostics: parser.diagnosticsInFileOrder)
        }
        parser.lint()
        self.init(draft: parser.draft, warnings: parser.diagnosticsInFileOrder)
    }
}

/// Walks the YAML node tree of a policy file, checking as it goes and filling a `PolicyDraft`.
///
/// It reads `Node`s rather than decoding with `Codable` so that every message has a line and a
/// column and unknown keys are caught.
struct PolicyParser {
    let file: String
    var diagnostics: [PolicyDiagnostic] = []
    var draft = PolicyDraft()
    var fieldSets: [String: FieldSet] = [:]
    var communityNumbers: [String: Int] = [:]
    var ruleLines: [String: Int] = [:]

    static let topKeys = [
        "policy", "description", "communities", "field_sets", "need_to_know", "cross_border", "rules", "retention",
        "lookup_limits", "aggregates",
    ]

    init(file: String) { self.file = file }

    mutating func parse(_ source: String) {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: source) else {
                report(.emptyFile, line: 1, column: 1)
                return
            }
            root = node
        } catch let error as YamlError {
            reportYAMLError(error)
            return
        } catch {
            report(.invalidYAML("\(error)"), line: 1, column: 1)
            return
        }
        guard case .mapping = root else {
            report(
                .wrongType(
                    key: "policy", in: .policy, expected: "a mapping of keys such as 'policy:' and 'rules:'",
                    found: found(root)), at: root)
            return
        }
        guard let top = mapping(root, key: "policy", in: .policy, allowed: Self.topKeys) else { return }
        if let node = top["policy"] {
            if let name = text(node, key: "policy", in: .policy) { draft.name = name }
        } else {
            report(.missingKey("policy", in: .policy), at: root)
        }
        if let node = top["description"] { draft.summary = text(node, key: "description", in: .policy) }
        if let node = top["field_sets"] { parseFieldSets(node) }
        if let node = top["communities"] { parseCommunities(node) }
        if let node = top["need_to_know"] { parseNeedToKnow(node) }
        if let node = top["cross_border"] { parseCrossBorder(node) }
        if let node = top["rules"] { parseRules(node) } else { report(.missingKey("rules", in: .policy), at: root) }
        if let node = top["retention"] { parseRetention(node) }
        if let node = top["lookup_limits"] { parseLookupLimits(node) }
        if let node = top["aggregates"] { parseAggregates(node) }
    }

    // MARK: Reporting

    /// The findings by line and column, those at the same place in the order they were found.
    var diagnosticsInFileOrder: [PolicyDiagnostic] {
        diagnostics.enumerated()
            .sorted {
                ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
            }
            .map(\.element)
    }

    mutating func report(
        _ problem: PolicyProblem, line: Int, column: Int, rule: String? = nil,
        severity: PolicyDiagnostic.Severity = .error
    ) {
        diagnostics.append(
            PolicyDiagnostic(severity: severity, file: file, line: line, column: column, rule: rule, problem: problem))
    }

    mutating func report(
        _ problem: PolicyProblem, at node: Node, severity: PolicyDiagnostic.Severity = .error,
        in place: PolicyPlace? = nil
    ) {
        let mark = node.mark
        var rule: String?
        if case .rule(let id) = place { rule = id }
        report(problem, line: mark?.line ?? 1, column: mark?.column ?? 1, rule: rule, severity: severity)
    }

    private mutating func reportYAMLError(_ error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text) on line \($0.mark.line))" } ?? problem
            report(.invalidYAML(detail), line: mark.line, column: mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            report(.duplicateKey(duplicates.first ?? ""), line: context.mark.line, column: context.mark.column)
        default:
            report(.invalidYAML("\(error)"), line: 1, column: 1)
        }
    }

    /// What a node is, for "found …" in messages.
    func found(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let scalar): isNull(node) ? "nothing" : "'\(scalar.string)'"
        }
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    // MARK: Typed readers

    /// The entries of a mapping by key; unknown keys are reported (with a suggestion) and left out.
    mutating func mapping(_ node: Node, key: String, in place: PolicyPlace, allowed: [String]) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            report(.wrongType(key: key, in: place, expected: "a mapping", found: found(node)), at: node, in: place)
            return nil
        }
        var entries: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(
                    .wrongType(key: key, in: place, expected: "a mapping with text keys", found: found(keyNode)),
                    at: keyNode, in: place)
                continue
            }
            guard allowed.contains(scalar.string) else {
                if let (intended, section) = nestedKey(near: scalar.string, allowed: allowed) {
                    report(
                        .misplacedKey(scalar.string, in: place, intended: intended, section: section), at: keyNode,
                        in: place)
                    continue
                }
                report(
                    .unknownKey(
                        scalar.string, in: place, suggestion: suggestion(for: scalar.string, among: allowed),
                        allowed: allowed),
                    at: keyNode, in: place)
                continue
            }
            entries[scalar.string] = value
        }
        return entries
    }

    /// For a key unknown in a rule that is (nearly) a key of one of its sections: that key and section.
    private func nestedKey(near key: String, allowed: [String]) -> (String, String)? {
        guard allowed == Self.ruleKeys, suggestion(for: key, among: allowed) == nil else { return nil }
        for (section, keys) in [
            ("recipients", Self.recipientKeys), ("match", Self.matchKeys), ("require", Self.conditionKeys),
        ] {
            if let intended = suggestion(for: key, among: keys) { return (intended, section) }
        }
        return nil
    }

    /// A mapping whose keys are data (kinds, roles, names), in file order with their nodes.
    mutating func pairs(_ node: Node, key: String, in place: PolicyPlace) -> [(
        key: String, keyNode: Node, value: Node
    )]? {
        guard case .mapping(let mapping) = node else {
            report(.wrongType(key: key, in: place, expected: "a mapping", found: found(node)), at: node, in: place)
            return nil
        }
        var result: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(
                    .wrongType(key: key, in: place, expected: "a mapping with text keys", found: found(keyNode)),
                    at: keyNode, in: place)
                continue
            }
            result.append((scalar.string, keyNode, value))
        }
        return result
    }

    mutating func text(_ node: Node, key: String, in place: PolicyPlace) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            report(.wrongType(key: key, in: place, expected: "text", found: found(node)), at: node, in: place)
            return nil
        }
        return scalar.string
    }

    /// A list of scalars; a single scalar counts as a list of one.
    mutating func list(_ node: Node, key: String, in place: PolicyPlace, expected: String) -> [(String, Node)]? {
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar where !isNull(node): items = [node]
        default:
            report(.wrongType(key: key, in: place, expected: expected, found: found(node)), at: node, in: place)
            return nil
        }
        var result: [(String, Node)] = []
        for item in items {
            guard case .scalar(let scalar) = item, !isNull(item) else {
                report(.wrongType(key: key, in: place, expected: expected, found: found(item)), at: item, in: place)
                return nil
            }
            result.append((scalar.string, item))
        }
        if result.isEmpty { report(.emptyList(key: key, in: place), at: node, in: place) }
        return result
    }

    /// A list of names looked up in `table`; unknown names are reported with the nearest known one.
    mutating func names<Value>(
        _ node: Node, key: String, in place: PolicyPlace, what: String, table: [(String, Value)]
    ) -> [Value]? {
        guard let items = list(node, key: key, in: place, expected: "a list of \(what)s") else { return nil }
        var values: [Value] = []
        var failed = items.isEmpty
        for (name, item) in items {
            if let value = known(name, what: what, table: table, at: item, in: place) {
                values.append(value)
            } else {
                failed = true
            }
        }
        return failed ? nil : values
    }

    /// The value `name` stands for in `table`; an unknown name is reported with the nearest known one.
    mutating func known<Value>(
        _ name: String, what: String, table: [(String, Value)], at node: Node, in place: PolicyPlace
    ) -> Value? {
        if let value = table.first(where: { $0.0 == name })?.1 { return value }
        let allowed = table.map(\.0)
        report(
            .unknownValue(
                what: what, value: name, in: place, suggestion: suggestion(for: name, among: allowed),
                allowed: allowed),
            at: node, in: place)
        return nil
    }

    mutating func integer(_ node: Node, key: String, in place: PolicyPlace, range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string), range.contains(value) else {
            report(.numberOutOfRange(key: key, in: place, range: range), at: node, in: place)
            return nil
        }
        return value
    }

    mutating func duration(_ node: Node, key: String, in place: PolicyPlace) -> Duration? {
        guard let text = text(node, key: key, in: place) else { return nil }
        guard let duration = parseDuration(text) else {
            report(.invalidDuration(key: key, in: place, value: text), at: node, in: place)
            return nil
        }
        return duration
    }

    /// Ids of rules, communities and field sets: 1 to 64 lowercase letters, digits and inner hyphens.
    func isValidID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (1...64).contains(bytes.count) && bytes.first != UInt8(ascii: "-") && bytes.last != UInt8(ascii: "-")
            && bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }
    }

    /// The place to name in messages about an item: by its id when it has a usable one, else by line.
    func place(of item: Node, byID: (String) -> PolicyPlace, byLine: (Int) -> PolicyPlace) -> PolicyPlace {
        if case .mapping(let mapping) = item, let id = mapping["id"]?.scalar?.string, isValidID(id) { return byID(id) }
        return byLine(item.mark?.line ?? 1)
    }
}

/// `90d`, `12h`, `30m`, `45s`, `2w`: a positive whole number and a unit.
func parseDuration(_ text: String) -> Duration? {
    guard let unit = text.last, let count = Int64(text.dropLast()), count > 0 else { return nil }
    let size: Int64? =
        switch unit {
        case "s": 1
        case "m": 60
        case "h": 3_600
        case "d": 86_400
        case "w": 604_800
        default: nil
        }
    guard let size, count <= Int64.max / size else { return nil }
    return .seconds(count * size)
}

/// `600/min`, `10/s`, `5000/h`, `100000/day`.
func parseRate(_ text: String) -> RateLimit? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let count = Int(parts[0].trimmingCharacters(in: .whitespaces)), count > 0 else {
        return nil
    }
    let seconds: Int64? =
        switch parts[1].trimmingCharacters(in: .whitespaces) {
        case "s", "sec", "second": 1
        case "min", "minute": 60
        case "h", "hour": 3_600
        case "d", "day": 86_400
        default: nil
        }
    return seconds.map { RateLimit(count: count, period: .seconds($0)) }
}
