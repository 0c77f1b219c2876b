import Foundation
import HubClient
import IndicatorModel
import Testing

/// `scamhub subscribe` and `scamhub subscriptions` against a real hub process.
@Suite("scamhub subscribe")
struct SubscribeCommandTests {
    /// A hub with five phone reports the bank may see and one URL report it may not.
    private func withHistory(_ body: (HubProcess, [String: String], URL, [FeedChange]) async throws -> Void)
        async throws
    {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-sub-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let hub = try HubProcess(in: directory, demo: true)
        defer { hub.stop() }
        let kid = try KeyID("th-2026-11")
        let platform = try hub.connection(as: "demo-platform")
        for round in 0..<6 {
            let token = try Token(hex: String(repeating: String(format: "%02x", round + 1), count: 32))
            _ = try await platform.publish(
                PublishRequest(reports: [
                    Report(
                        token: token, keyID: kid, kind: round == 2 ? .url : .phone, category: .investmentScam,
                        confidence: try Confidence(80), tlp: .green)
                ]))
        }
        let feed = try await hub.connection(as: "demo-bank").feed(after: 0).changes
        let environment = [
            "PATH": "/usr/bin:/bin", "SCAMHUB_URL": hub.url.absoluteString,
            "SCAMHUB_API_KEY": try #require(try hub.demoKeys()["demo-bank"]),
        ]
        try await body(hub, environment, directory, feed)
    }

    private func changes(in output: String) throws -> [FeedChange] {
        try output.split(separator: "\n").map {
            try WireCoding.makeDecoder().decode(FeedChange.self, from: Data($0.utf8))
        }
    }

    @Test("Runs resumed from the cursor file print every change once, in order, as the feed has them")
    func resumesWithoutGapOrDuplicate() async throws {
        try await withHistory { _, environment, directory, feed in
            #expect(feed.count == 5, "the bank does not receive the URL report")
            let first = try ScamhubProcess.run(
                ["subscribe", "--after", "0", "--count", "2", "--cursor-file", "feed.cursor"], in: directory,
                environment: environment)
            #expect(first.status == 0, "\(first.error)")
            let second = try ScamhubProcess.run(
                ["subscribe", "--count", "3", "--cursor-file", "feed.cursor"], in: directory, environment: environment)
            #expect(second.status == 0, "\(second.error)")
            let printed = try changes(in: first.output) + changes(in: second.output)
            #expect(printed == feed)
            let cursor = try String(contentsOf: directory.appending(path: "feed.cursor"), encoding: .utf8)
            #expect(cursor == "\(feed.last?.sequence ?? -1)\n")
        }
    }

    @Test("--exec gets each batch on its input; a failing command leaves the cursor before the batch")
    func execBatches() async throws {
        try await withHistory { _, environment, directory, feed in
            let failed = try ScamhubProcess.run(
                ["subscribe", "--after", "0", "--cursor-file", "c", "--exec", "cat > got.jsonl; exit 3"],
                in: directory, environment: environment)
            #expect(failed.status == 75, "\(failed.error)")
            #expect(failed.error.contains("--exec exited with status 3"), "\(failed.error)")
            #expect(!FileManager.default.fileExists(atPath: directory.appending(path: "c").path))
            let handed = try String(contentsOf: directory.appending(path: "got.jsonl"), encoding: .utf8)
            #expect(try changes(in: handed) == feed, "one batch: everything after 0")

            let again = try ScamhubProcess.run(
                ["subscribe", "--after", "0", "--count", "5", "--cursor-file", "c", "--exec", "cat >> all.jsonl"],
                in: directory, environment: environment)
            #expect(again.status == 0, "\(again.error)")
            let all = try String(contentsOf: directory.appending(path: "all.jsonl"), encoding: .utf8)
            #expect(try changes(in: all) == feed)
        }
    }

    @Test("Bad input: a garbage cursor file, a key without the scope, an unknown subscription, a bad filter")
    func badInput() async throws {
        try await withHistory { hub, environment, directory, _ in
            try Data("yesterday\n".utf8).write(to: directory.appending(path: "bad.cursor"))
            let garbage = try ScamhubProcess.run(
                ["subscribe", "--cursor-file", "bad.cursor"], in: directory, environment: environment)
            #expect(garbage.status == 65 && garbage.error.contains("does not hold a sequence number"))

            var auditor = environment
            auditor["SCAMHUB_API_KEY"] = try hub.demoKeys()["demo-auditor"]
            let noScope = try ScamhubProcess.run(["subscribe"], in: directory, environment: auditor)
            #expect(noScope.status == 77, "\(noScope.error)")

            let unknown = try ScamhubProcess.run(
                ["subscribe", "--subscription", "sub_00000000000000000000"], in: directory, environment: environment)
            #expect(unknown.status == 65 && unknown.error.contains("no subscription"), "\(unknown.error)")
            let confidence = try ScamhubProcess.run(
                ["subscribe", "--min-confidence", "101"], in: directory, environment: environment)
            #expect(confidence.status == 64 && confidence.error.contains("--min-confidence"), "\(confidence.error)")
            let ahead = try ScamhubProcess.run(
                ["subscribe", "--after", "9999"], in: directory, environment: environment)
            #expect(ahead.status == 65 && ahead.error.contains("ahead"), "\(ahead.error)")
        }
    }

    @Test("subscriptions create/list/pause/delete; a webhook's secret is printed once; a private URL is refused")
    func manageSubscriptions() async throws {
        try await withHistory { _, environment, directory, _ in
            let created = try ScamhubProcess.run(
                ["subscriptions", "create", "--name", "mules", "--kind", "bank_account", "--json"], in: directory,
                environment: environment)
            #expect(created.status == 0, "\(created.error)")
            let answer = try WireCoding.makeDecoder().decode(SubscriptionCreated.self, from: Data(created.output.utf8))
            #expect(answer.subscription.filter.kinds == [.bankAccount] && answer.secret == nil)
            let id = answer.subscription.id

            let list = try ScamhubProcess.run(["subscriptions", "list"], in: directory, environment: environment)
            #expect(list.output.contains(id) && list.output.contains("mules"))
            let paused = try ScamhubProcess.run(
                ["subscriptions", "pause", id], in: directory, environment: environment)
            #expect(paused.status == 0 && paused.output.contains("paused"))
            let streamPaused = try ScamhubProcess.run(
                ["subscribe", "--subscription", id], in: directory, environment: environment)
            #expect(streamPaused.status == 65 && streamPaused.error.contains("paused"), "\(streamPaused.error)")
            let deleted = try ScamhubProcess.run(
                ["subscriptions", "delete", id], in: directory, environment: environment)
            #expect(deleted.status == 0 && deleted.output.contains("Deleted"))

            let refused = try ScamhubProcess.run(
                ["subscriptions", "create", "--url", "https://169.254.169.254/latest"], in: directory,
                environment: environment)
            #expect(refused.status == 65 && refused.error.contains("Webhook URL refused"), "\(refused.error)")
        }
    }
}
