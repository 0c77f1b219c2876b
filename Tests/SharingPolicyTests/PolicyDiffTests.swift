import Foundation
import IndicatorModel
import SharingPolicy
import Testing

struct PolicyDiffTests {
    static let base = """
        policy: d
        rules:
          - id: banks
            recipients: {roles: [bank]}
            match: {kinds: [bank_account]}
            fields: [category, narrative]
          - id: telcos
            recipients: {roles: [telco]}
            match: {kinds: [phone]}
            fields: [category]
        """

    @Test func identicalPoliciesHaveNoChanges() throws {
        let policy = try Policy(yaml: Self.base, file: "a.yaml")
        #expect(policy.changes(since: policy).isEmpty)
    }

    @Test func narrowingAndRemovingShowAsLosses() throws {
        let old = try Policy(yaml: Self.base, file: "old.yaml")
        let new = try Policy(
            yaml: Self.base.replacingOccurrences(of: "[category, narrative]", with: "[category]")
                .replacingOccurrences(of: "kinds: [phone]", with: "kinds: [url]"), file: "new.yaml")
        let changes = new.changes(since: old).map(\.description)
        #expect(
            changes == [
                "~ bank in *: bank_account / * narrows: [token, kind, kid, list, category, tlp, narrative] → [token, kind, kid, list, category, tlp]",
                "- telco in *: phone / * loses [token, kind, kid, list, category, tlp]",
                "+ telco in *: url / * gains [token, kind, kid, list, category, tlp]",
            ])
        #expect(new.changes(since: old).map(\.change) == ["narrows", "loses", "gains"])
    }

    @Test func categoryAndJurisdictionSpecificChangesAreListedPerClass() throws {
        let old = try Policy(yaml: Self.base, file: "old.yaml")
        let new = try Policy(
            yaml: Self.base.replacingOccurrences(
                of: "match: {kinds: [bank_account]}",
                with:
                    "match: {kinds: [bank_account], categories: [mule_account]}\n    recipients: {roles: [bank], jurisdictions: [TH]}"
            )
            .replacingOccurrences(of: "  - id: banks\n    recipients: {roles: [bank]}\n", with: "  - id: banks\n"),
            file: "new.yaml")
        let changes = new.changes(since: old)
        #expect(changes.allSatisfy { $0.role == .bank && $0.kind == .bankAccount && $0.change == "loses" })
        #expect(changes.contains { $0.jurisdiction == "other" && $0.category == "*" })
        #expect(changes.contains { $0.jurisdiction == "TH" && $0.category == "phishing" })
        #expect(!changes.contains { $0.category == "mule_account" && $0.jurisdiction == "TH" })
    }

    @Test func changedCorroborationIsListed() throws {
        let old = try Policy(yaml: Self.base, file: "old.yaml")
        let new = try Policy(
            yaml: Self.base.replacingOccurrences(
                of: "    fields: [category, narrative]",
                with: "    require: {reporters: 2}\n    fields: [category, narrative]"), file: "new.yaml")
        #expect(new.requirementChanges(since: old) == ["rule 'banks' requires 2 distinct reporters (was none)"])
    }

    /// Narrowings the hub must turn into removals, including those a union over report variants hides.
    static let narrowings: [(name: String, old: String, new: String, role: Role, kind: IndicatorKind)] = [
        (
            "allow-list routing removed while flags still flow", twoRoutes,
            twoRoutes.replacingOccurrences(of: "    match: {list: allow}\n", with: "    match: {list: flag}\n"),
            .bank, .phone
        ),
        (
            "a rule narrowed to clear reports", communityPolicy,
            communityPolicy.replacingOccurrences(of: "kinds: [phone]}", with: "kinds: [phone], tlp: [clear]}"),
            .bank, .phone
        ),
        (
            "a rule narrowed to police reporters", communityPolicy,
            communityPolicy.replacingOccurrences(
                of: "kinds: [phone]}", with: "kinds: [phone], reporter_roles: [law_enforcement]}"),
            .bank, .phone
        ),
        (
            "need_to_know no longer lists the role", communityPolicy,
            communityPolicy.replacingOccurrences(of: "phone: [bank, telco]", with: "phone: [telco]"), .bank, .phone
        ),
        (
            "corroboration tightened", communityPolicy,
            communityPolicy.replacingOccurrences(
                of: "    fields: [category]", with: "    require: {reporters: 2}\n    fields: [category]"),
            .bank, .phone
        ),
        (
            "a field removed in a community named by participant ids", pilot,
            pilot.replacingOccurrences(of: "[category, confidence]", with: "[category]"), .bank, .bankAccount
        ),
        (
            "a participant leaves the community", pilot,
            pilot.replacingOccurrences(of: "[bank-alpha, bank-beta]", with: "[bank-alpha]"), .bank, .bankAccount
        ),
    ]

    static let twoRoutes = """
        policy: d
        rules:
          - id: official
            recipients: {roles: [bank]}
            match: {list: allow}
            fields: [category]
          - id: banks
            recipients: {roles: [bank]}
            match: {kinds: [phone]}
            fields: [category]
        """

    static let communityPolicy = """
        policy: d
        communities:
          - id: home
            roles: [bank, telco, law_enforcement]
        need_to_know:
          phone: [bank, telco]
        rules:
          - id: banks
            recipients: {roles: [bank]}
            match: {kinds: [phone]}
            fields: [category]
        """

    static let pilot = """
        policy: d
        communities:
          - id: pilot
            participants: [bank-alpha, bank-beta]
        rules:
          - id: mule-accounts
            recipients: {roles: [bank], communities: [pilot]}
            match: {kinds: [bank_account], tlp: [green]}
            fields: [category, confidence]
        """

    @Test("Narrowings show as losses", arguments: narrowings)
    func narrowingsShowAsLosses(name: String, old: String, new: String, role: Role, kind: IndicatorKind) throws {
        let before = try Policy(yaml: old, file: "old.yaml")
        let after = try Policy(yaml: new, file: "new.yaml")
        #expect(old != new, "\(name): the edit must change the policy")
        let changes = after.changes(since: before)
        #expect(
            changes.contains { $0.role == role && $0.kind == kind && ["loses", "narrows"].contains($0.change) },
            "\(name): \(changes.map(\.description))")
        #expect(before.changes(since: before).isEmpty, "\(name)")
    }

    @Test func changesToOneClassAreListedInJurisdictionOrder() throws {
        // Two groups share role, kind and category; their order must not depend on hashing.
        let rule = "policy: d\nrules:\n  - id: banks\n    recipients: {roles: [bank]}\n    match: {kinds: [phone]}\n"
        let old = try Policy(yaml: rule + "    fields: [category]\n", file: "old.yaml")
        let new = try Policy(
            yaml: rule.replacingOccurrences(of: "roles: [bank]}", with: "roles: [bank], jurisdictions: [TH]}")
                + "    fields: [category, narrative]\n", file: "new.yaml")
        #expect(
            new.changes(since: old).map(\.description) == [
                "~ bank in TH: phone / * widens: [token, kind, kid, list, category, tlp] → "
                    + "[token, kind, kid, list, category, tlp, narrative]",
                "- bank in other: phone / * loses [token, kind, kid, list, category, tlp]",
            ])
    }
}
