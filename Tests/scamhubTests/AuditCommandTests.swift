import Foundation
import HubClient
import IndicatorModel
import Testing

/// `scamhub audit …` against a real hub process: export, then verify the export and tampered copies
/// of it the way an auditor would, with the key and checkpoints fetched from the hub.
@Suite("scamhub audit")
struct AuditCommandTests {
    /// A hub with a little history, the auditor's environment, and a directory holding the export
    /// (`log.jsonl`), the checkpoints (`checkpoints.json`) and the public key (`hub.pub`).
    private func withExport(_ body: (HubProcess, [String: String], URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let hub = try HubProcess(in: directory, demo: true)
        defer { hub.stop() }
        let kid = try KeyID("th-2026-11")
        let platform = try hub.connection(as: "demo-platform")
        let bank = try hub.connection(as: "demo-bank")
        for round in 0..<4 {
            let token = try Token(hex: String(repeating: String(format: "%02x", round + 1), count: 32))
            _ = try await platform.publish(
                PublishRequest(reports: [
                    Report(
                        token: token, keyID: kid, kind: .phone, category: .investmentScam,
                        confidence: try Confidence(80), tlp: .green)
                ]))
            _ = try await bank.flagListChanges(after: 0)
        }
        let environment = [
            "PATH": "/usr/bin:/bin", "SCAMHUB_URL": hub.url.absoluteString,
            "SCAMHUB_API_KEY": try #require(try hub.demoKeys()["demo-auditor"]),
        ]
        let key = try ScamhubProcess.run(
            ["audit", "public-key", "-o", "hub.pub"], in: directory, environment: environment)
        #expect(key.status == 0, "\(key.error)")
        let export = try ScamhubProcess.run(
            ["audit", "export", "-o", "log.jsonl", "--checkpoints", "checkpoints.json"], in: directory,
            environment: environment)
        #expect(export.status == 0, "\(export.error)")
        #expect(export.error.contains("exported 8 entries"), "\(export.error)")
        try await body(hub, environment, directory)
    }

    private func verify(_ export: String, in directory: URL) throws -> ScamhubProcess.Result {
        try ScamhubProcess.run(
            ["audit", "verify", "--export", export, "--public-key", "hub.pub", "--checkpoint", "checkpoints.json"],
            in: directory, environment: ["PATH": "/usr/bin:/bin"])
    }

    @Test("An untouched export verifies; each kind of tampering is caught at the entry it touched")
    func tampering() async throws {
        try await withExport { _, _, directory in
            let intact = try verify("log.jsonl", in: directory)
            #expect(intact.status == 0, "\(intact.output)\(intact.error)")
            #expect(intact.output.hasPrefix("intact: entries 1–8 (8)"), "\(intact.output)")

            let lines = try String(contentsOf: directory.appending(path: "log.jsonl"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            #expect(lines.count == 8)
            var edited = lines
            edited[4] = edited[4].replacingOccurrences(
                of: "\"actor\":\"demo-platform\"", with: "\"actor\":\"demo-telco\"")
            #expect(edited[4] != lines[4])
            var deleted = lines
            deleted.remove(at: 4)
            var reordered = lines
            reordered.swapAt(4, 5)
            let truncated = Array(lines.prefix(6))
            let forged = try rehashed(lines) { record in
                if record.seq == 3 { record.actor = "demo-telco" }
            }
            let cases: [(String, [String], String)] = [
                ("edited", edited, "entry 5: altered"),
                ("deleted", deleted, "entry 5: missing"),
                ("reordered", reordered, "entry 5: missing"),
                ("truncated", truncated, "entry 7: truncated"),
                ("forged", forged, "entry 8: checkpoint-mismatch"),
            ]
            for (name, content, verdict) in cases {
                try Data(content.map { $0 + "\n" }.joined().utf8).write(to: directory.appending(path: "\(name).jsonl"))
                let result = try verify("\(name).jsonl", in: directory)
                #expect(result.status == 1, "\(name): \(result.output)\(result.error)")
                #expect(result.output.hasPrefix("TAMPERED \(verdict)"), "\(name): \(result.output)")
            }
            // The forgery is internally consistent: without the signed checkpoints, it would pass.
            let unsigned = try ScamhubProcess.run(
                ["audit", "verify", "--export", "forged.jsonl", "--public-key", "hub.pub"], in: directory,
                environment: ["PATH": "/usr/bin:/bin"])
            #expect(unsigned.status == 0)
            #expect(unsigned.output.contains("nothing signed ties it to the hub"))
        }
    }

    @Test("A later export extends the checkpoints of an earlier one")
    func laterExportExtendsEarlierCheckpoints() async throws {
        try await withExport { hub, environment, directory in
            _ = try await hub.connection(as: "demo-bank").flagListChanges(after: 0)
            let later = try ScamhubProcess.run(
                ["audit", "export", "-o", "later.jsonl", "--checkpoints", "later-checkpoints.json"], in: directory,
                environment: environment)
            #expect(later.status == 0, "\(later.error)")
            let result = try ScamhubProcess.run(
                [
                    "audit", "verify", "--export", "later.jsonl", "--public-key", "hub.pub", "--checkpoint",
                    "checkpoints.json", "--checkpoint", "later-checkpoints.json", "--json",
                ], in: directory, environment: ["PATH": "/usr/bin:/bin"])
            #expect(result.status == 0, "\(result.output)\(result.error)")
            let verdict = try #require(
                try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            #expect(verdict["intact"] as? Bool == true)
            #expect((verdict["checkpoints_verified"] as? Int ?? 0) >= 2)
        }
    }

    @Test("The auditor's queries: events as a table, recipients of a value hashed locally")
    func queries() async throws {
        try await withExport { _, environment, directory in
            let events = try ScamhubProcess.run(
                ["audit", "events", "--actor", "demo-bank"], in: directory, environment: environment)
            #expect(events.status == 0, "\(events.error)")
            let rows = events.output.split(separator: "\n")
            #expect(rows.first?.hasPrefix("SEQ") == true)
            #expect(rows.dropFirst().count == 4 && rows.dropFirst().allSatisfy { $0.contains("flaglist.changes") })

            let token = String(repeating: "01", count: 32)
            let recipients = try ScamhubProcess.run(
                ["audit", "recipients", "--token", token, "--json"], in: directory, environment: environment)
            #expect(recipients.status == 0, "\(recipients.error)")
            let answer = try WireCoding.makeDecoder().decode(AuditRecipients.self, from: Data(recipients.output.utf8))
            #expect(answer.recipients.map(\.participant.rawValue) == ["demo-bank"])
            #expect(answer.recipients.first?.deliveries == 4, "the bank pulled from 0 four times")
        }
    }

    @Test(
        "Bad input gets a clear message and a meaningful exit code",
        arguments: [
            (
                ["audit", "verify", "--export", "missing.jsonl", "--public-key", "hub.pub"], 66,
                "cannot open missing.jsonl"
            ),
            (
                ["audit", "verify", "--export", "log.jsonl", "--public-key", "garbage.txt"], 65,
                "expected an Ed25519 public key"
            ),
            (
                ["audit", "verify", "--export", "log.jsonl", "--public-key", "hub.pub", "--checkpoint", "garbage.txt"],
                65, "is not a checkpoint"
            ),
            (["audit", "recipients"], 64, "give --token, or --value"),
            (["audit", "recipients", "--value", "0812345678"], 64, "--value needs --kind and --key-file"),
            (["audit", "recipients", "--token", "0812345678"], 65, "--token"),
            (["audit", "events", "--outcome", "maybe"], 64, "outcome"),
        ])
    func badInput(arguments: [String], status: Int32, message: String) throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-audit-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("not a key\n".utf8).write(to: directory.appending(path: "garbage.txt"))
        try Data("{}\n".utf8).write(to: directory.appending(path: "log.jsonl"))
        try Data("AcUq1WSwwy5nllYbrwJlYOfRK/iiftXE/sfbGxMuLg4=\n".utf8).write(to: directory.appending(path: "hub.pub"))
        let result = try ScamhubProcess.run(
            arguments, in: directory,
            environment: [
                "PATH": "/usr/bin:/bin", "SCAMHUB_URL": "http://127.0.0.1:1",
                "SCAMHUB_API_KEY": AdminCommandTests.apiKey,
            ])
        #expect(result.status == status, "\(result.output)\(result.error)")
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test("Anyone can fetch the hub's public key, without an API key; it is the key that signed the checkpoints")
    func publicKeyNeedsNoAPIKey() async throws {
        try await withExport { hub, _, directory in
            let result = try ScamhubProcess.run(
                ["audit", "public-key", "--hub", hub.url.absoluteString], in: directory,
                environment: ["PATH": "/usr/bin:/bin"])
            #expect(result.status == 0, "\(result.error)")
            let fetched = try AuditPublicKey(parsing: result.output)
            let saved = try AuditPublicKey(
                parsing: try String(contentsOf: directory.appending(path: "hub.pub"), encoding: .utf8))
            #expect(fetched == saved)
        }
    }

    @Test("A key without the audit scope is refused with exit 77")
    func wrongScope() async throws {
        try await withExport { hub, environment, directory in
            var bank = environment
            bank["SCAMHUB_API_KEY"] = try hub.demoKeys()["demo-bank"]
            let result = try ScamhubProcess.run(["audit", "events"], in: directory, environment: bank)
            #expect(result.status == 77)
            #expect(result.error.contains("audit"), "\(result.error)")
        }
    }
}

/// `lines` with `change` applied to each entry and every hash recomputed: a forgery that is
/// consistent in itself and betrayed only by the hub's signatures.
private func rehashed(_ lines: [String], _ change: (inout AuditRecord) -> Void) throws -> [String] {
    var previous = AuditHash.genesis
    return try lines.map { text in
        var record = try AuditExportLine(parsing: Array(text.utf8)).record
        change(&record)
        let hash = previous.next(record)
        defer { previous = hash }
        return String(decoding: record.exportLine(hash: hash, previous: previous), as: UTF8.self)
    }
}
