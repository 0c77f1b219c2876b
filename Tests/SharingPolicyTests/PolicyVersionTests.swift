import Foundation
import SharingPolicy
import Testing

struct PolicyVersionTests {
    @Test func commentsDescriptionsAndKeyOrderDoNotChangeTheVersion() throws {
        let reordered = """
            # A comment that was not there before.
            rules:
              - fields: [confidence_band, category]
                recipients: {roles: [telco]}
                id: telcos
                description: Telcos get phones.
                match: {kinds: [phone]}
            policy: v
            """
        let original =
            "policy: v\nrules:\n  - id: telcos\n    recipients: {roles: [telco]}\n    match: {kinds: [phone]}\n    fields: [category, confidence_band]\n"
        #expect(try Policy(yaml: original, file: "a.yaml").version == Policy(yaml: reordered, file: "b.yaml").version)
    }

    @Test func whatADecisionDependsOnChangesTheVersion() throws {
        let base =
            "policy: v\nrules:\n  - id: telcos\n    recipients: {roles: [telco]}\n    match: {kinds: [phone]}\n    fields: [category]\n"
        let changed = base.replacingOccurrences(of: "[category]", with: "[category, narrative]")
        let a = try Policy(yaml: base, file: "a.yaml")
        let b = try Policy(yaml: changed, file: "a.yaml")
        #expect(a.version != b.version)
        #expect(a.version.hex.count == 64 && a.version.description.hasPrefix("sha256:"))
    }

    @Test func theVersionIsStableAcrossRuns() throws {
        let policy = try Policy(yaml: "policy: v\nrules:\n  - id: a\n    fields: [category]\n", file: "a.yaml")
        // Pinned: audit entries carry versions, so the canonical form must not drift between runs or releases.
        // The SHA-256 of the canonical text, computed outside Swift.
        #expect(policy.version.hex == "169033c5942117f2b757fe84b64928ea53db53867c16ecb836cdd064e2679473")
        #expect(
            policy.version
                == (try Policy(yaml: "policy: v\nrules:\n  - {id: a, fields: [category]}\n", file: "b.yaml")).version)
    }

    static let semantic = """
        policy: v
        communities:
          - id: home
            roles: [bank, telco]
            jurisdictions: [TH]
        need_to_know:
          phone: [bank, telco]
        cross_border:
          roles: [law_enforcement]
        rules:
          - id: banks
            recipients: {roles: [bank], delivery: domestic}
            match: {kinds: [phone, bank_account], tlp: [clear, green]}
            require:
              any_of:
                - reporters: 2
                - {reporters: 1, reporter_role: bank, min_confidence: 80}
            fields: [category, confidence_band]
          - id: telcos
            recipients: {roles: [telco]}
            match: {kinds: [phone]}
            fields: [category]
        retention:
          default: 30d
          maximum: 90d
        lookup_limits:
          bank: 600/min
        aggregates:
          k_anonymity: 10
          roles: [regulator]
        """

    @Test(
        "Every change to a decision changes the version",
        arguments: [
            ("min_confidence: 80", "min_confidence: 81"), ("reporters: 2", "reporters: 3"),
            ("reporter_role: bank", "reporter_role: telco"), ("delivery: domestic", "delivery: any"),
            ("tlp: [clear, green]", "tlp: [clear, green, amber]"), ("phone: [bank, telco]", "phone: [bank]"),
            ("roles: [law_enforcement]", "roles: [law_enforcement, bank]"),
            ("jurisdictions: [TH]", "jurisdictions: [MY]"),
            ("roles: [bank, telco]\n", "roles: [bank]\n"), ("[category, confidence_band]", "[category]"),
            ("maximum: 90d", "maximum: 91d"), ("bank: 600/min", "bank: 601/min"),
            ("k_anonymity: 10", "k_anonymity: 11"),
            ("roles: [regulator]", "roles: [regulator, ngo]"),
            ("match: {kinds: [phone]}", "match: {kinds: [phone], list: any}"),
            ("    fields: [category]\n", "    effect: deny\n"),
        ])
    func everySemanticChangeChangesTheVersion(old: String, new: String) throws {
        #expect(Self.semantic.contains(old))
        let changed = Self.semantic.replacingOccurrences(of: old, with: new)
        #expect(
            try Policy(yaml: Self.semantic, file: "a.yaml").version != Policy(yaml: changed, file: "a.yaml").version)
    }

    @Test(
        "The same decisions written differently keep the version",
        arguments: [
            ("kinds: [phone, bank_account]", "kinds: [bank_account, phone]"),
            ("[category, confidence_band]", "[confidence_band, category, category]"),
            ("roles: [telco]}", "roles: telco}"),
            (
                "- {reporters: 1, reporter_role: bank, min_confidence: 80}",
                "- {min_confidence: 80, reporter_role: bank, reporters: 1}"
            ),
        ])
    func sameDecisionsKeepTheVersion(old: String, new: String) throws {
        #expect(Self.semantic.contains(old))
        let changed = Self.semantic.replacingOccurrences(of: old, with: new)
        #expect(
            try Policy(yaml: Self.semantic, file: "a.yaml").version == Policy(yaml: changed, file: "b.yaml").version)
    }
}
