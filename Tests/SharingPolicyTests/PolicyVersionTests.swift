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
        #expect(
            policy.version
                == (try Policy(yaml: "policy: v\nrules:\n  - {id: a, fields: [category]}\n", file: "b.yaml")).version)
    }
}
