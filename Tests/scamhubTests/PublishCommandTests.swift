import Crypto
import Foundation
import HubClient
import IndicatorModel
import Testing

/// `scamhub publish FILE` against a real hub process.
@Suite("scamhub publish")
struct PublishCommandTests {
    private func withHub(
        _ body: (HubProcess, (([String]) throws -> ScamhubProcess.Result), URL, CommunityKey) async throws -> Void
    )
        async throws
    {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-publish-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let hub = try HubProcess(in: directory, demo: true)
        defer { hub.stop() }
        let key = CommunityKey.generate()
        try CommunityKeyFile.write(key, to: directory.appending(path: "community.key"))
        let environment = [
            "PATH": "/usr/bin:/bin", "SCAMHUB_URL": hub.url.absoluteString,
            "SCAMHUB_API_KEY": try hub.demoKeys()["demo-platform"] ?? "",
        ]
        let run = { (arguments: [String]) throws -> ScamhubProcess.Result in
            try ScamhubProcess.run(
                ["publish"] + arguments + ["--key-file", "community.key", "--kid", "th-2026-11"], in: directory,
                environment: environment)
        }
        try await body(hub, run, directory, key)
    }

    private func token(_ phone: String, _ key: CommunityKey) throws -> Token {
        Token(for: try canonicalize(phone, as: .phone, region: "TH"), using: key)
    }

    private func rejects(_ file: URL) throws -> [[String: Any]] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    static let csv = """
        value,category,confidence,narrative
        081 234 5678,investment_scam,90,"fake ""VIP"" trading group, on chat apps"
        +66 89 999 0000,romance_scam,70,
        "02-123-4567"x,phishing,80,broken quote
        not a phone,phishing,80,
        0812220000,phishing,80
        0823334444,loan_scam,60,"a narrative
        over two lines"

        """

    @Test("A CSV with broken rows: the good rows are published (hashed here), each bad one listed with its line")
    func publishesGoodRowsAndListsTheRest() async throws {
        try await withHub { hub, run, directory, key in
            try Data(Self.csv.utf8).write(to: directory.appending(path: "numbers.csv"))
            let result = try run(["numbers.csv", "--kind", "phone", "--region", "TH", "--tlp", "green"])
            #expect(result.status == 0, "\(result.error)")
            #expect(result.output.contains("3 accepted, 3 rejected"), "\(result.output)")
            let refused = try rejects(directory.appending(path: "numbers.csv.rejects.jsonl"))
            #expect(refused.map { $0["line"] as? Int } == [4, 5, 6])
            #expect((refused[0]["reason"] as? String)?.contains("closing quote") == true)
            #expect((refused[1]["reason"] as? String)?.contains("not a valid phone") == true)
            #expect((refused[2]["reason"] as? String)?.contains("3 fields where the header has 4") == true)
            #expect(
                !FileManager.default.fileExists(atPath: directory.appending(path: "numbers.csv.scamhub-progress").path))

            let feed = try await hub.connection(as: "demo-police").feed(after: 0).changes
            #expect(
                feed.map(\.report.token)
                    == [try token("0812345678", key), try token("0899990000", key), try token("0823334444", key)])
            #expect(feed.first?.report.narrative == "fake \"VIP\" trading group, on chat apps")
            #expect(feed.last?.report.narrative == "a narrative\nover two lines")
            #expect(feed.map { $0.report.category } == [.investmentScam, .romanceScam, .loanScam])
        }
    }

    @Test("An interrupted publication resumes after the last acknowledged batch, without duplicates")
    func resumes() async throws {
        try await withHub { hub, run, directory, key in
            let phones = (0..<6).map { "08100000\($0)\($0)" }
            let text = "value\n" + phones.joined(separator: "\n") + "\n"
            let file = directory.appending(path: "batch.csv")
            try Data(text.utf8).write(to: file)
            // What a run stopped after its second batch of two leaves behind.
            let digest = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
            let progress = #"{"file":"x","digest":"\#(digest)","rowsDone":4,"accepted":4,"rejected":0}"#
            try Data(progress.utf8).write(to: directory.appending(path: "batch.csv.scamhub-progress"))
            let result = try run([
                "batch.csv", "--kind", "phone", "--region", "TH", "--category", "scam_compound", "--confidence", "95",
                "--tlp", "green", "--batch", "2",
            ])
            #expect(result.status == 0, "\(result.error)")
            #expect(result.error.contains("resuming after row 4 of 6"), "\(result.error)")
            #expect(result.output.contains("6 accepted, 0 rejected"), "\(result.output)")
            let feed = try await hub.connection(as: "demo-police").feed(after: 0).changes
            #expect(feed.map(\.report.token) == [try token(phones[4], key), try token(phones[5], key)])
        }
    }

    @Test("JSON Lines; a bad header, a missing file, defaults missing: clear messages and exit codes")
    func badInput() async throws {
        try await withHub { hub, run, directory, key in
            let lines = """
                {"value": "0811112222", "kind": "phone", "category": "mule_account", "confidence": 80, "tlp": "green", "region": "TH"}
                {"value": "0813334444", "colour": "red"}
                not json
                """
            try Data(lines.utf8).write(to: directory.appending(path: "rows.jsonl"))
            let result = try run(["rows.jsonl"])
            #expect(
                result.status == 0 && result.output.contains("1 accepted, 2 rejected"),
                "\(result.output)\(result.error)")
            let refused = try rejects(directory.appending(path: "rows.jsonl.rejects.jsonl"))
            #expect(refused.map { $0["line"] as? Int } == [2, 3])
            let police = try await hub.connection(as: "demo-police").feed(after: 0).changes
            #expect(police.map(\.report.token) == [try token("0811112222", key)])

            try Data("number,kind\n0812345678,phone\n".utf8).write(to: directory.appending(path: "bad.csv"))
            let badHeader = try run(["bad.csv"])
            #expect(
                badHeader.status == 65 && badHeader.error.contains("unknown column \"number\""), "\(badHeader.error)")
            let missing = try run(["nope.csv"])
            #expect(missing.status == 66)
            try Data("value\n0812345678\n".utf8).write(to: directory.appending(path: "bare.csv"))
            let noDefaults = try run(["bare.csv"])
            #expect(noDefaults.status == 0 && noDefaults.output.contains("0 accepted, 1 rejected"))
            let reason = try rejects(directory.appending(path: "bare.csv.rejects.jsonl")).first?["reason"] as? String
            #expect(reason == "no kind (a `kind` column or --kind)")
        }
    }
}
