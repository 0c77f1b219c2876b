import Foundation
import HTTPTypes
import HummingbirdTesting
import IndicatorModel
import Logging
import Testing

@testable import HubServer

/// The audit trail over HTTP: what each request leaves in the log, "who received X?", and exports
/// that verify against the hub's signed checkpoints.
@Suite("The audit trail")
struct AuditTrailTests {
    @Test("Publishes, pulls, lookups and refused requests produce exactly the expected entries")
    func exactEntries() async throws {
        try await LiveHub.run { hub in
            let token = try liveToken("081 234 5678", .phone)
            _ = try await hub.publish([try liveReport(token)], as: "demo-platform")
            let delta = try await hub.flagListChanges(after: 0, as: "demo-bank")
            _ = try await hub.lookup([token], as: "demo-police")
            let anonymous = try await hub.send(.post, "/v1/reports", body: Data("{}".utf8))
            #expect(anonymous.status == .unauthorized)
            let wrongScope = try await hub.send(.get, "/v1/audit/events", as: "demo-bank")
            #expect(wrongScope.status == .forbidden)
            let malformed = try await hub.send(.post, "/v1/reports", as: "demo-platform", body: Data("[1,".utf8))
            #expect(malformed.status == .badRequest)

            let page = try await hub.call(AuditEventPage.self, .get, "/v1/audit/events", as: "demo-auditor")
            let version = try await hub.call(Caller.self, .get, "/v1/me", as: "demo-auditor").policyVersion
            let expected: [(String?, String, AuditOutcome, Int64, String?, Int64?)] = [
                ("demo-platform", "reports.publish", .success, 200, "1", 1),
                ("demo-bank", "flaglist.changes", .success, 200, "1", Int64(delta.added.count + delta.removed.count)),
                ("demo-police", "lookup", .success, 200, "1", 1),
                (nil, "reports.publish", .refused, 401, nil, nil),
                ("demo-bank", "audit.events", .refused, 403, nil, nil),
                ("demo-platform", "reports.publish", .refused, 400, nil, nil),
            ]
            #expect(page.events.map(\.seq) == Array(1...6))
            for (event, (actor, action, outcome, status, delivered, count)) in zip(page.events, expected) {
                #expect(event.actor == actor, "entry \(event.seq)")
                #expect(event.action == action, "entry \(event.seq)")
                #expect(event.outcome == outcome && event.status == status, "entry \(event.seq)")
                #expect(event.delivered?.description == delivered, "entry \(event.seq)")
                #expect(event.count == count, "entry \(event.seq)")
                #expect(event.policyVersion == version, "entry \(event.seq)")
                #expect(event.requestID?.isEmpty == false, "entry \(event.seq)")
                if let actor {
                    let key = try #require(hub.keys[actor])
                    #expect(event.keyID == String(key.split(separator: "_")[1]), "entry \(event.seq)")
                }
            }
            // The auditor's own query is logged too, and filters narrow the log.
            let own = try await hub.call(
                AuditEventPage.self, .get, "/v1/audit/events?actor=demo-auditor", as: "demo-auditor")
            #expect(own.events.map(\.action) == ["audit.events", "me.read"])
            let refused = try await hub.call(
                AuditEventPage.self, .get, "/v1/audit/events?outcome=refused&limit=2", as: "demo-auditor")
            #expect(refused.events.map(\.seq) == [4, 5] && refused.hasMore)
        }
    }

    @Test("Who received a token: by pull and by lookup, and not where the policy withheld it")
    func recipients() async throws {
        try await LiveHub.run { hub in
            let mule = try liveToken("TH:004:1234567890", .bankAccount, region: nil)
            let phone = try liveToken("081 234 5678", .phone)
            // One platform report of a mule account: not corroborated, so banks may not see it (seq 1).
            _ = try await hub.publish(
                [try liveReport(mule, kind: .bankAccount, category: .muleAccount, confidence: 60)], as: "demo-platform")
            _ = try await hub.publish([try liveReport(phone)], as: "demo-platform")  // seq 2
            let bankDelta = try await hub.flagListChanges(after: 0, as: "demo-bank")  // delivers 1-2
            #expect(bankDelta.added.map(\.token) == [phone])
            _ = try await hub.feed(as: "demo-telco")  // delivers 1-2
            _ = try await hub.lookup([mule], as: "demo-police")  // delivers 1
            let snapshot = try await hub.send(.get, "/v1/flaglist/snapshot", as: "demo-police")  // state at 2
            #expect(snapshot.status == .ok)

            // The bank's delta and the telco's feed covered sequence 1, but the policy withheld it from both.
            let muleRecipients = try await recipients(of: mule, hub)
            #expect(muleRecipients.changes == 1)
            #expect(muleRecipients.recipients.map(\.participant.rawValue) == ["demo-police", "demo-police"])
            #expect(muleRecipients.recipients.map(\.channel) == ["lookup", "pull"])
            let lookup = try #require(muleRecipients.recipients.first)
            #expect(lookup.sequences == [1] && lookup.deliveries == 1 && lookup.actions == ["lookup"])
            let pull = try #require(muleRecipients.recipients.last)
            #expect(pull.sequences == [1] && pull.actions == ["flaglist.snapshot"])
            #expect(lookup.firstEntry < pull.firstEntry)

            // The platform revokes the phone (seq 3); the bank's next delta carries the removal.
            let revoke = RevokeRequest(
                reports: [RevokeRequest.Item(token: phone, keyID: try KeyID("th-2026-11"))], reason: .falsePositive)
            _ = try await hub.call(RevokeResponse.self, .post, "/v1/reports/revoke", as: "demo-platform", json: revoke)
            _ = try await hub.flagListChanges(after: bankDelta.cursor, as: "demo-bank")
            // A snapshot after the revocation does not deliver the phone.
            _ = try await hub.send(.get, "/v1/flaglist/snapshot", as: "demo-telco")

            let phoneRecipients = try await recipients(of: phone, hub)
            #expect(phoneRecipients.changes == 2)
            let byParticipant = Dictionary(grouping: phoneRecipients.recipients, by: \.participant.rawValue)
            #expect(Set(byParticipant.keys) == ["demo-bank", "demo-telco", "demo-police"])
            let bank = try #require(byParticipant["demo-bank"]?.first)
            let log = try await hub.call(AuditEventPage.self, .get, "/v1/audit/events", as: "demo-auditor").events
            #expect(bank.channel == "pull" && bank.deliveries == 2 && bank.sequences == [2, 3], "\(bank) \(log)")
            let telco = try #require(byParticipant["demo-telco"]?.first)
            #expect(telco.deliveries == 1 && telco.actions == ["feed.read"] && telco.sequences == [2])
            let policeSnapshot = try #require(byParticipant["demo-police"]?.first)
            #expect(policeSnapshot.actions == ["flaglist.snapshot"] && policeSnapshot.sequences == [2])
            #expect(phoneRecipients.undetermined.isEmpty)

            // Bad input: no token, or a plaintext where the token goes.
            let missing = try await hub.send(.get, "/v1/audit/recipients", as: "demo-auditor")
            #expect(missing.status == .unprocessableContent)
            let plaintext = try await hub.send(.get, "/v1/audit/recipients?token=0812345678", as: "demo-auditor")
            #expect(plaintext.status == .unprocessableContent)
            #expect(try problem(of: plaintext).detail?.contains("0812345678") == false)
        }
    }

    @Test("An export ends on a fresh signed checkpoint and verifies offline; it holds no token or secret")
    func exportVerifies() async throws {
        try await LiveHub.run(configure: { $0.auditCheckpointEvery = 3 }) { hub in
            let token = try liveToken("081 234 5678", .phone)
            for _ in 0..<4 {
                _ = try await hub.publish([try liveReport(token)], as: "demo-platform")
                _ = try await hub.lookup([token], as: "demo-bank")
            }
            _ = try await hub.send(.get, "/v1/feed", as: "demo-auditor")
            let published = try await hub.send(.get, "/v1/audit/public-key")
            #expect(published.status == .ok)
            let key = try AuditPublicKey(parsing: published.text)
            let export = try await hub.send(.get, "/v1/audit/export", as: "demo-auditor")
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "application/jsonl")
            let through = try #require(export.headers[HTTPField.Name("Scamhub-Audit-Through")!].flatMap { Int64($0) })
            let checkpoints = try await hub.call(
                AuditCheckpointList.self, .get, "/v1/audit/checkpoints", as: "demo-auditor"
            ).checkpoints
            #expect(checkpoints.contains { $0.size == through })
            #expect(checkpoints.count >= 2, "every 3 entries while the hub ran, and one for the export")

            let lines = export.text.split(separator: "\n")
            #expect(Int64(lines.count) == through)
            var verifier = AuditVerifier(publicKey: key, checkpoints: checkpoints.filter { $0.size <= through })
            for line in lines { verifier.consume(line: Array(line.utf8)) }
            let report = try verifier.finish().get()
            #expect(report.lastEntry == through && report.isAnchored)

            for secret in [token.hex] + hub.keys.values.map({ String($0.split(separator: "_")[2]) }) {
                #expect(!export.text.contains(secret))
            }
            // The export itself is audited: it follows, delivered count and all.
            let exports = try await hub.call(
                AuditEventPage.self, .get, "/v1/audit/events?action=audit.export", as: "demo-auditor")
            #expect(exports.events.first?.count == through)
        }
    }

    @Test("An audit retention shorter than the policy's longest report retention is raised to it")
    func retentionIsNeverShorterThanThePolicy() throws {
        let file = LiveHub.repositoryRoot.appending(path: "policies/national-anti-scam-centre.yaml")
        let (policy, _) = try loadPolicy(file)
        var configuration = HubConfiguration(
            host: "127.0.0.1", port: 0, dataDirectory: FileManager.default.temporaryDirectory, policyFile: file)
        configuration.auditRetention = .seconds(86_400)
        // The national policy keeps reports at most 365 days (its `retention.maximum`).
        #expect(
            configuration.auditSettings(policy: policy, logger: Logger(label: "test")).retention
                == .seconds(365 * 86_400))
        configuration.auditRetention = .seconds(400 * 86_400)
        #expect(
            configuration.auditSettings(policy: policy, logger: Logger(label: "test")).retention
                == .seconds(400 * 86_400))
        configuration.auditRetention = nil
        #expect(configuration.auditSettings(policy: policy, logger: Logger(label: "test")).retention == nil)
    }

    @Test("The hub will not start with a signing key other than the one its checkpoints name, or one others can read")
    func signingKeyIsGuarded() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appending(path: "data")
        let keyFile = data.appending(path: "audit-signing.key")
        // A first run signs checkpoints (one for the export) with the key it creates.
        try await LiveHub.run(in: directory) { hub in
            let export = try await hub.send(.get, "/v1/audit/export", as: "demo-auditor")
            #expect(export.status == .ok)
        }
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        var configuration = HubConfiguration(
            host: "127.0.0.1", port: 0, dataDirectory: data,
            policyFile: LiveHub.repositoryRoot.appending(path: "policies/national-anti-scam-centre.yaml"))

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile.path)
        await #expect(throws: AuditKeyFileError.self) {
            _ = try await buildHub(configuration: configuration, logger: Logger(label: "test"))
        }

        try FileManager.default.removeItem(at: keyFile)
        await #expect(throws: HubStartError.self) {
            _ = try await buildHub(configuration: configuration, logger: Logger(label: "test"))
        }
        configuration.acceptNewAuditKey = true
        _ = try await buildHub(configuration: configuration, logger: Logger(label: "test"))
    }

    private func recipients(of token: Token, _ hub: LiveHub) async throws -> AuditRecipients {
        try await hub.call(AuditRecipients.self, .get, "/v1/audit/recipients?token=\(token.hex)", as: "demo-auditor")
    }
}
