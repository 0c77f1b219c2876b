import SharingPolicy
import Testing

/// Malformed policy files and the exact messages their authors see.
struct PolicyValidationTests {
    private func messages(_ text: String) -> [String] {
        do {
            let policy = try Policy(yaml: text, file: "p.yaml")
            return policy.warnings.map(\.description)
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    static let minimalRule = """
          - id: banks
            recipients: {roles: [bank]}
            fields: [category]
        """

    static let cases: [(name: String, text: String, expected: [String])] = [
        (
            "bad YAML", "policy: x\nrules:\n  - id: a\n   fields: [x]\n",
            [
                "p.yaml:4:4: error: not valid YAML: did not find expected '-' indicator (while parsing a block collection on line 3); "
                    + "check the indentation and quoting here"
            ]
        ),
        (
            "an empty file", "",
            ["p.yaml:1:1: error: the file holds no policy; a policy starts with 'policy: <name>' (see docs/policy.md)"]
        ),
        (
            "not a mapping", "- a\n- b\n",
            [
                "p.yaml:1:1: error: 'policy' in the policy must be a mapping of keys such as 'policy:' and 'rules:', found a list"
            ]
        ),
        (
            "a duplicated key", "policy: x\npolicy: y\nrules: []\n",
            [
                "p.yaml:1:1: error: key 'policy' appears twice in the same mapping; keep one"
            ]
        ),
        (
            "an unknown top-level key", "policy: x\nrule:\n\(minimalRule)\n",
            [
                "p.yaml:1:1: error: the policy needs 'rules'",
                "p.yaml:2:1: error: the policy has unknown key 'rule'; did you mean 'rules'?",
            ]
        ),
        (
            "an unknown rule key", "policy: x\nrules:\n\(minimalRule)\n    categorys: [phishing]\n",
            [
                "p.yaml:6:5: error: rule 'banks' has unknown key 'categorys'; did you mean 'categories' under 'match:'?"
            ]
        ),
        (
            "an unknown kind with a trailing space",
            "policy: x\nrules:\n  - id: banks-mule\n    match: {kinds: ['wallet ']}\n    fields: [category]\n",
            [
                "p.yaml:4:21: error: rule 'banks-mule' routes kind 'wallet ' — unknown kind; did you mean 'wallet'?"
            ]
        ),
        (
            "an unknown role without a near match",
            "policy: x\nrules:\n  - id: a\n    recipients: {roles: [bakery]}\n    fields: [category]\n",
            [
                "p.yaml:4:26: error: rule 'a' routes role 'bakery' — unknown role; expected one of: bank, platform, telco, "
                    + "law_enforcement, regulator, ngo, auditor, operator"
            ]
        ),
        (
            "a list where text belongs", "policy: [x]\nrules:\n\(minimalRule)\n",
            [
                "p.yaml:1:9: error: 'policy' in the policy must be text, found a list"
            ]
        ),
        (
            "a word where a number belongs",
            "policy: x\nrules:\n  - id: a\n    require: {reporters: two}\n    fields: [category]\n",
            [
                "p.yaml:4:26: error: 'reporters' in rule 'a' must be a whole number from 1 to 100"
            ]
        ),
        (
            "a mapping where a list belongs",
            "policy: x\nrules:\n  - id: a\n    recipients: {roles: {bank: 1}}\n    fields: [category]\n",
            [
                "p.yaml:4:25: error: 'roles' in rule 'a' must be a list of roles, found a mapping"
            ]
        ),
        (
            "a misspelt key", "policy: x\nrules:\n\(minimalRule)\n    feilds: [category]\n",
            [
                "p.yaml:6:5: error: rule 'banks' has unknown key 'feilds'; did you mean 'fields'?"
            ]
        ),
        (
            "a singular key in recipients",
            "policy: x\nrules:\n  - id: a\n    recipients: {role: [bank]}\n    fields: [category]\n",
            [
                "p.yaml:4:18: error: rule 'a' has unknown key 'role'; did you mean 'roles'?"
            ]
        ),
        (
            "require on a deny rule", "policy: x\nrules:\n  - id: a\n    effect: deny\n    require: {reporters: 2}\n",
            [
                "p.yaml:5:14: error: rule 'a' denies, so 'require' has no effect; remove it (a deny rule needs no corroboration)"
            ]
        ),
        (
            "an unknown TLP label",
            "policy: x\nrules:\n  - id: a\n    match: {tlp: [amber-strict]}\n    fields: [category]\n",
            [
                "p.yaml:4:19: error: rule 'a' routes TLP label 'amber-strict' — unknown TLP label; did you mean 'amber+strict'?"
            ]
        ),
        (
            "a bad override duration",
            "policy: x\nrules:\n\(minimalRule)\nretention:\n  default: 30d\n  maximum: 90d\n  overrides:\n    - kinds: [phone]\n      maximum: 2 years\n",
            [
                "p.yaml:11:16: error: 'maximum' in the retention override on line 10 must be a duration such as 90d, 12h or 30m, "
                    + "found '2 years'"
            ]
        ),
        (
            "a cross-border rule for a role that may not cross",
            "policy: x\ncross_border: {roles: [law_enforcement]}\nrules:\n  - id: a\n    recipients: {roles: [bank], delivery: cross_border}\n    fields: [category]\n",
            [
                "p.yaml:4:5: warning: rule 'a' only applies cross-border, but cross_border lets only law_enforcement receive across borders"
            ]
        ),
        (
            "a duplicate rule id", "policy: x\nrules:\n\(minimalRule)\n\(minimalRule)\n",
            [
                "p.yaml:6:9: error: rule id 'banks' is used twice (first on line 3); give each rule its own id"
            ]
        ),
        (
            "a rule routing to auditors",
            "policy: x\nrules:\n  - id: a\n    recipients: {roles: [bank, auditor]}\n    fields: [category]\n",
            [
                "p.yaml:4:32: error: rule 'a' routes indicators to auditors — auditors never receive indicators; remove 'auditor' "
                    + "(they read the audit log instead)"
            ]
        ),
        (
            "an allow rule without fields", "policy: x\nrules:\n  - id: a\n    recipients: {roles: [bank]}\n",
            [
                "p.yaml:3:5: error: rule 'a' allows but does not say which fields; add 'fields:' (a list or a field set name)"
            ]
        ),
        (
            "a bad duration", "policy: x\nrules:\n\(minimalRule)\nretention: {default: 3 months, maximum: 1y}\n",
            [
                "p.yaml:6:22: error: 'default' in 'retention' must be a duration such as 90d, 12h or 30m, found '3 months'",
                "p.yaml:6:41: error: 'maximum' in 'retention' must be a duration such as 90d, 12h or 30m, found '1y'",
            ]
        ),
        (
            "a default above the maximum",
            "policy: x\nrules:\n\(minimalRule)\nretention: {default: 400d, maximum: 365d}\n",
            [
                "p.yaml:6:22: error: 'retention' has a default of 400d above its maximum of 365d; lower the default or raise the maximum"
            ]
        ),
        (
            "a bad rate", "policy: x\nrules:\n\(minimalRule)\nlookup_limits: {bank: 600 per minute}\n",
            [
                "p.yaml:6:23: error: lookup limit for bank must be a count per unit such as 600/min (units: s, min, h, day), "
                    + "found '600 per minute'"
            ]
        ),
        (
            "an unknown community",
            "policy: x\nrules:\n  - id: a\n    recipients: {communities: [nowhere]}\n    fields: [category]\n",
            [
                "p.yaml:4:32: error: rule 'a' routes community 'nowhere' — unknown community; the policy defines no communities"
            ]
        ),
        (
            "a lowercase jurisdiction",
            "policy: x\nrules:\n  - id: a\n    recipients: {jurisdictions: [th]}\n    fields: [category]\n",
            [
                "p.yaml:4:34: error: rule 'a' names jurisdiction 'th' — use an ISO 3166-1 alpha-2 code such as TH"
            ]
        ),
        (
            "a shadowed rule",
            "policy: x\nrules:\n\(minimalRule)\n  - id: banks-phones\n    recipients: {roles: [bank]}\n    match: {kinds: [phone]}\n    fields: [category]\n",
            [
                "p.yaml:6:5: warning: rule 'banks-phones' can never decide: rule 'banks' (line 3) applies to every report and recipient "
                    + "it would; move it above 'banks' or remove it"
            ]
        ),
        (
            "a community role without rules",
            "policy: x\ncommunities:\n  - id: c\n    roles: [bank, telco]\nrules:\n\(minimalRule)\n",
            [
                "p.yaml:3:5: warning: role 'telco' is a community member but no rule routes anything to it; its members will receive nothing"
            ]
        ),
        (
            "need-to-know without a rule", "policy: x\nneed_to_know: {phone: [telco]}\nrules:\n\(minimalRule)\n",
            [
                "p.yaml:2:1: warning: need_to_know lets telco see amber 'phone' reports, but no rule routes 'phone' to telco"
            ]
        ),
    ]

    @Test("Malformed and doubtful policies get exact messages", arguments: cases)
    func exactMessages(name: String, text: String, expected: [String]) {
        #expect(messages(text) == expected, "\(name)")
    }

    @Test func errorsCarryFileLineColumnAndRule() throws {
        let text = "policy: x\nrules:\n  - id: banks-mule\n    match: {kinds: [wallett]}\n    fields: [category]\n"
        let error = try #require(throws: PolicyError.self) { try Policy(yaml: text, file: "policies/a.yaml") }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.file == "policies/a.yaml" && diagnostic.line == 4 && diagnostic.column == 21)
        #expect(diagnostic.rule == "banks-mule" && diagnostic.severity == .error)
        #expect(
            diagnostic.problem
                == .unknownValue(
                    what: "kind", value: "wallett", in: .rule("banks-mule"), suggestion: "wallet",
                    allowed: ["phone", "bank_account", "wallet", "url", "domain", "email", "ip", "platform_account"]))
    }
}
