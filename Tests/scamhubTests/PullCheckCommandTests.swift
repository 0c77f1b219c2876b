import Foundation
import GRDB
import HubClient
import IndicatorModel
import Testing

/// `scamhub pull` and `scamhub check` against a real hub process: a bank keeps its flag list locally
/// and checks payees offline.
@Suite("scamhub pull and check")
struct PullCheckCommandTests {
    /// Phone numbers the platform reports in these tests, as a bank's customers would type them.
    static let scamPhones = ["081 234 5678", "+66 89 999 0000", "02-123-4567"]

    /// A hub where the platform reported `scamPhones`, the bank's environment, and a scratch directory
    /// holding the community key the hub was given tokens under.
    private func withHub(_ body: (HubProcess, [String: String], URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-pull-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let hub = try HubProcess(in: directory, demo: true)
        defer { hub.stop() }
        let key = CommunityKey.generate()
        try CommunityKeyFile.write(key, to: directory.appending(path: "community.key"))
        try await publish(Self.scamPhones, key: key, hub: hub)
        let environment = [
            "PATH": "/usr/bin:/bin", "SCAMHUB_URL": hub.url.absoluteString,
            "SCAMHUB_API_KEY": try #require(try hub.demoKeys()["demo-bank"]),
            "SCAMHUB_CACHE": directory.appending(path: "flaglist.sqlite").path,
        ]
        try await body(hub, environment, directory)
    }

    private func publish(_ phones: [String], key: CommunityKey, hub: HubProcess) async throws {
        let reports = try phones.map { phone in
            Report(
                token: Token(for: try canonicalize(phone, as: .phone, region: "TH"), using: key),
                keyID: try KeyID("th-2026-11"), kind: .phone, category: .investmentScam, confidence: try Confidence(85),
                tlp: .green)
        }
        _ = try await hub.connection(as: "demo-platform").publish(PublishRequest(reports: reports))
    }

    /// What canonicalizing `value` as a Thai phone number fails with.
    private func errorText(_ value: String) throws -> String {
        do {
            _ = try canonicalize(value, as: .phone, region: "TH")
            return ""
        } catch {
            return error.description
        }
    }

    private func check(_ arguments: [String], _ environment: [String: String], in directory: URL) throws
        -> ScamhubProcess.Result
    {
        try ScamhubProcess.run(
            ["check", "--kind", "phone", "--region", "TH", "--key-file", "community.key"] + arguments, in: directory,
            environment: environment)
    }

    @Test("The first pull fetches the list; check finds the reported numbers however they are written, offline")
    func pullThenCheck() async throws {
        try await withHub { hub, environment, directory in
            let pulled = try ScamhubProcess.run(["pull"], in: directory, environment: environment)
            #expect(pulled.status == 0, "\(pulled.error)")
            #expect(
                pulled.output.contains("Fetched the whole list (there was no local copy): 3 entries"),
                "\(pulled.output)")

            // The same numbers in other written forms: canonicalized before hashing.
            let match = try check(["0812345678"], environment, in: directory)
            #expect(match.status == 1, "\(match.error)")
            #expect(match.output == "flag\t0812345678\tinvestment_scam\thigh\tth-2026-11\n")
            let clean = try check(["081 000 0000"], environment, in: directory)
            #expect(clean.status == 0 && clean.output.isEmpty)
            let garbage = try check(["not a phone"], environment, in: directory)
            #expect(garbage.status == 2 && garbage.error.contains("not a phone"), "\(garbage.error)")

            // A file of payees, with --json: one line per value, in order.
            try Data("+66812345678\n0890000000\n+66 2 123 4567\n".utf8).write(
                to: directory.appending(path: "payees.txt"))
            let file = try check(["--file", "payees.txt", "--json"], environment, in: directory)
            #expect(file.status == 1)
            let answers = try file.output.split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            #expect(answers.map { $0?["match"] as? Bool } == [true, false, true])

            // Offline: the hub stopped, check still answers.
            hub.stop()
            let offline = try check(["081-234-5678"], environment, in: directory)
            #expect(offline.status == 1, "\(offline.error)")
        }
    }

    @Test("A long file is checked in parallel batches and answered in input order, with each error's line number")
    func longFile() async throws {
        try await withHub { _, environment, directory in
            #expect(try ScamhubProcess.run(["pull"], in: directory, environment: environment).status == 0)
            // 70,000 numbers that no one reported, across two batches and both cores' halves, with the
            // reported numbers at chosen lines and one line that is not a phone number.
            var lines = (0..<70_000).map { String(format: "0861%06d", $0) }
            let planted = [0: "081 234 5678", 16_384: "+66 89 999 0000", 40_000: "02-123-4567", 69_999: "0812345678"]
            for (line, value) in planted { lines[line] = value }
            lines[50_000] = "not a phone"
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: directory.appending(path: "long.txt"))
            let result = try check(["--file", "long.txt"], environment, in: directory)
            #expect(result.status == 2, "the error wins")
            let found = result.output.split(separator: "\n").map { $0.split(separator: "\t")[1] }
            #expect(found == planted.sorted { $0.key < $1.key }.map { Substring($0.value) })
            #expect(result.error == "line 50001: not a phone: \(try errorText("not a phone"))\n", "\(result.error)")
        }
    }

    @Test("Later pulls apply deltas and verify the digest; a revoked number leaves the list")
    func deltasAndRevocation() async throws {
        try await withHub { hub, environment, directory in
            #expect(try ScamhubProcess.run(["pull"], in: directory, environment: environment).status == 0)
            let key = try CommunityKeyFile.read(from: directory.appending(path: "community.key"))
            try await publish(["091 111 2222"], key: key, hub: hub)
            let token = Token(for: try canonicalize("081 234 5678", as: .phone, region: "TH"), using: key)
            _ = try await hub.connection(as: "demo-platform").revoke(
                RevokeRequest(
                    reports: [RevokeRequest.Item(token: token, keyID: try KeyID("th-2026-11"))], reason: .resolved))

            let pulled = try ScamhubProcess.run(["pull"], in: directory, environment: environment)
            #expect(pulled.status == 0, "\(pulled.error)")
            #expect(pulled.output.contains("Up to date: +1 −1, 3 entries"), "\(pulled.output)")
            #expect(pulled.output.contains("state digest verified"))
            #expect(try check(["0911112222"], environment, in: directory).status == 1)
            #expect(try check(["0812345678"], environment, in: directory).status == 0)
        }
    }

    @Test("A damaged or tampered cache is refused by check and rebuilt whole by pull")
    func damagedCache() async throws {
        try await withHub { _, environment, directory in
            let cacheFile = directory.appending(path: "flaglist.sqlite")
            let missing = try check(["0812345678"], environment, in: directory)
            #expect(missing.status == 2 && missing.error.contains("run `scamhub pull` first"), "\(missing.error)")

            #expect(try ScamhubProcess.run(["pull"], in: directory, environment: environment).status == 0)
            // An entry removed behind the cache's back: the digest the file records no longer adds up.
            let queue = try DatabaseQueue(path: cacheFile.path)
            try await queue.write { db in
                try db.execute(sql: "DELETE FROM entries WHERE token = (SELECT token FROM entries LIMIT 1)")
            }
            try queue.close()
            let repaired = try ScamhubProcess.run(["pull"], in: directory, environment: environment)
            #expect(repaired.output.contains("state digest differs"), "\(repaired.output)")
            #expect(
                try check(["0812345678", "0899990000", "021234567"], environment, in: directory).output
                    .split(separator: "\n").count == 3)

            try Data("this is not a database".utf8).write(to: cacheFile)
            let damaged = try check(["0812345678"], environment, in: directory)
            #expect(damaged.status == 2 && damaged.error.contains("damaged"), "\(damaged.error)")
            let rebuilt = try ScamhubProcess.run(["pull"], in: directory, environment: environment)
            #expect(rebuilt.status == 0 && rebuilt.output.contains("the local copy is damaged"), "\(rebuilt.output)")
            #expect(try check(["0812345678"], environment, in: directory).status == 1)
        }
    }

    @Test("A wrong key, an unreachable hub: clear messages, exit codes, and the cache left as it was")
    func failuresLeaveTheCache() async throws {
        try await withHub { _, environment, directory in
            #expect(try ScamhubProcess.run(["pull"], in: directory, environment: environment).status == 0)
            var wrong = environment
            wrong["SCAMHUB_API_KEY"] = "shk_0000000000000000_" + String(repeating: "0", count: 64)
            let refused = try ScamhubProcess.run(["pull"], in: directory, environment: wrong)
            #expect(refused.status == 77, "\(refused.error)")
            var away = environment
            away["SCAMHUB_URL"] = "http://127.0.0.1:9"
            let unreachable = try ScamhubProcess.run(["pull"], in: directory, environment: away)
            #expect(unreachable.status == 69 && unreachable.error.contains("cannot reach"), "\(unreachable.error)")
            #expect(try check(["0812345678"], environment, in: directory).status == 1, "the cache still answers")
            let noKey = try ScamhubProcess.run(
                ["check", "--kind", "phone", "--key-file", "nope.key", "0812345678"], in: directory,
                environment: environment)
            #expect(noKey.status == 2, "\(noKey.error)")
        }
    }
}
