import Foundation
import HubClient
import IndicatorModel
import Testing

/// `scamhub revoke` and `scamhub feedback` against a real hub process, with values hashed locally.
@Suite("scamhub revoke and feedback")
struct RevokeFeedbackCommandTests {
    @Test("The reporter revokes by value; the bank's feedback reaches the reporter; bad input is refused")
    func revokeAndFeedback() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-rev-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let hub = try HubProcess(in: directory, demo: true)
        defer { hub.stop() }
        let key = CommunityKey.generate()
        try CommunityKeyFile.write(key, to: directory.appending(path: "community.key"))
        let kid = try KeyID("th-2026-11")
        let token = Token(for: try canonicalize("081 234 5678", as: .phone, region: "TH"), using: key)
        _ = try await hub.connection(as: "demo-platform").publish(
            PublishRequest(reports: [
                Report(
                    token: token, keyID: kid, kind: .phone, category: .investmentScam, confidence: try Confidence(90),
                    tlp: .green)
            ]))
        let keys = try hub.demoKeys()
        func run(_ arguments: [String], as participant: String) throws -> ScamhubProcess.Result {
            try ScamhubProcess.run(
                arguments, in: directory,
                environment: [
                    "PATH": "/usr/bin:/bin", "SCAMHUB_URL": hub.url.absoluteString,
                    "SCAMHUB_API_KEY": keys[participant] ?? "",
                ])
        }
        let byValue = ["--value", "0812345678", "--kind", "phone", "--region", "TH", "--key-file", "community.key"]

        // The bank's feedback: the platform, the reporter, is told.
        let feedback = try run(
            ["feedback"] + byValue + ["--kid", "th-2026-11", "--disposition", "account_frozen"], as: "demo-bank")
        #expect(feedback.status == 0, "\(feedback.error)")
        #expect(feedback.output.hasPrefix("Recorded: 1 reporter(s) told"), "\(feedback.output)")
        let feed = try await hub.connection(as: "demo-platform").feed(after: 0).changes
        #expect(feed.contains { $0.type == .feedback && $0.disposition == .accountFrozen && $0.report.token == token })

        // Only the reporter's own report can be revoked by the bank's key: it has none.
        let notTheirs = try run(
            ["revoke"] + byValue + ["--kid", "th-2026-11", "--reason", "resolved"], as: "demo-bank")
        #expect(notTheirs.status == 65 && notTheirs.error.contains("no live report"), "\(notTheirs.error)")
        let revoked = try run(
            ["revoke", "--token", token.hex, "--kid", "th-2026-11", "--reason", "false_positive"], as: "demo-platform")
        #expect(revoked.status == 0 && revoked.output.hasPrefix("Revoked (change"), "\(revoked.output)\(revoked.error)")
        let again = try run(
            ["revoke", "--token", token.hex, "--kid", "th-2026-11", "--reason", "false_positive"], as: "demo-platform")
        #expect(again.status == 0 && again.output.contains("Already revoked"))
        #expect(try await hub.connection(as: "demo-bank").flagListChanges(after: 0).added.isEmpty)

        // Garbage: a plaintext number as --token, no --kid, a value that is not a phone number.
        let plaintext = try run(
            ["revoke", "--token", "0812345678", "--kid", "th-2026-11", "--reason", "resolved"], as: "demo-platform")
        #expect(plaintext.status == 65 && plaintext.error.contains("never a value"), "\(plaintext.error)")
        let noKid = try run(["revoke", "--token", token.hex, "--reason", "resolved"], as: "demo-platform")
        #expect(noKid.status == 64)
        let notPhone = try run(
            [
                "feedback", "--value", "hello", "--kind", "phone", "--key-file", "community.key", "--kid", "th-2026-11",
                "--disposition", "blocked",
            ], as: "demo-bank")
        #expect(notPhone.status == 65 && notPhone.error.contains("not a valid phone"), "\(notPhone.error)")
    }
}
