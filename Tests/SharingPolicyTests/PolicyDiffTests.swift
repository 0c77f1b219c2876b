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
}
