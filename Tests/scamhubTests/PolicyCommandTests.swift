import Foundation
import Testing

/// `scamhub policy check | explain | diff` run as a user would, from the repository root.
struct PolicyCommandTests {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func withPolicy(_ text: String, _ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appending(path: "p.yaml")
        try Data(text.utf8).write(to: file)
        try body(file)
    }

    @Test func theExamplePoliciesPassCheck() throws {
        let result = try ScamhubProcess.run(["policy", "check", "policies"], in: Self.root)
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(result.output.split(separator: "\n").filter { $0.contains(": ok, policy") }.count == 3)
    }

    @Test func errorsArePrintedWithFileLineAndExit65() throws {
        try withPolicy(
            "policy: x\nrules:\n  - id: banks-mule\n    match: {kinds: ['wallet ']}\n    fields: [category]\n"
        ) { file in
            let result = try ScamhubProcess.run(["policy", "check", file.path])
            #expect(result.status == 65)
            #expect(
                result.output.contains(
                    "\(file.path):4:21: error: rule 'banks-mule' routes kind 'wallet ' — unknown kind; did you mean 'wallet'?"
                ))
        }
    }

    @Test func warningsAloneExit0() throws {
        let text =
            "policy: x\nrules:\n  - id: a\n    fields: [category]\n  - id: b\n    match: {kinds: [phone]}\n    fields: [category]\n"
        try withPolicy(text) { file in
            let result = try ScamhubProcess.run(["policy", "check", file.path])
            #expect(result.status == 0)
            #expect(result.output.contains("\(file.path):5:5: warning: rule 'b' can never decide"))
        }
    }

    @Test func missingPolicyFileExits66() throws {
        let result = try ScamhubProcess.run(["policy", "check", "/nonexistent/policy.yaml"])
        #expect(result.status == 66)
        #expect(result.error.contains("does not exist"))
    }

    @Test func explainPrintsTheDecisionTheFieldsAndTheChain() throws {
        let result = try ScamhubProcess.run(
            [
                "policy", "explain", "--policy", "policies/two-bank-pilot.yaml",
                "--report", "examples/policy/pilot-single-unsure-report.json",
            ], in: Self.root)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("decision: deny by rule 'mule-accounts'"))
        #expect(
            result.output.contains(
                "reason: not corroborated: 1 reporter, needs 2 distinct reporters, or 1 reporter with confidence ≥ 80"))
        #expect(result.output.contains("fields: none"))
        #expect(result.output.contains("TLP gate: green, the recipient shares a community with the reporter"))
    }

    @Test func explainTakesTheRecipientFromFlagsAndPrintsJSON() throws {
        let result = try ScamhubProcess.run(
            [
                "policy", "explain", "--policy", "policies/national-anti-scam-centre.yaml",
                "--report", "examples/policy/national-retention-clamped.json",
                "--recipient", "some-police", "--role", "law_enforcement", "--jurisdiction", "TH", "--json",
            ], in: Self.root)
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["decision"] as? String == "allow")
        #expect(object["rule"] as? String == "police-everything")
        #expect((object["fields"] as? [String])?.contains("sealed_plaintext") == true)
        #expect(object["retention"] as? String == "180d: requested 400d, clamped to the maximum 180d")
    }

    @Test func explainWithoutARecipientIsAUsageError() throws {
        let scenario =
            #"{"report": {"reporter": {"id": "bank-alpha", "role": "bank", "jurisdiction": "TH"}, "kind": "phone", "category": "phishing", "confidence": 50, "tlp": "clear"}}"#
        try withPolicy("policy: x\nrules:\n  - id: a\n    fields: [category]\n") { file in
            let report = file.deletingLastPathComponent().appending(path: "r.json")
            try Data(scenario.utf8).write(to: report)
            let result = try ScamhubProcess.run(["policy", "explain", "--policy", file.path, "--report", report.path])
            #expect(result.status == 64)
            #expect(result.error.contains("--role"))
        }
    }

    @Test func diffListsNarrowedClasses() throws {
        let old =
            "policy: x\nrules:\n  - id: telcos\n    recipients: {roles: [telco]}\n    match: {kinds: [phone]}\n    fields: [category]\n"
        try withPolicy(old) { file in
            let narrowed = file.deletingLastPathComponent().appending(path: "new.yaml")
            try Data(old.replacingOccurrences(of: "[phone]", with: "[url]").utf8).write(to: narrowed)
            let result = try ScamhubProcess.run(["policy", "diff", file.path, narrowed.path])
            #expect(result.status == 0, "\(result.error)")
            #expect(result.output.contains("- telco in *: phone / * loses [token, kind, kid, list, category, tlp]"))
            #expect(result.output.contains("+ telco in *: url / * gains [token, kind, kid, list, category, tlp]"))
        }
    }
}
