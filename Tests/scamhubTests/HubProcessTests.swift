import Foundation
import HubClient
import IndicatorModel
import Testing

/// The hub as a user runs it: `scamhub serve` in its own process.
@Suite("scamhub serve as a process", .serialized)
struct HubProcessTests {
    @Test("Every acknowledged report survives kill -9 of the hub")
    func acknowledgedWritesSurviveACrash() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let hub = try HubProcess(in: directory, demo: true)
        let platform = try hub.connection(as: "demo-platform")
        let kid = try KeyID("th-2026-11")
        var acknowledged: Set<Token> = []
        for batch in 0..<20 {
            let reports = try (0..<50).map { index in
                Report(
                    token: randomToken(), keyID: kid, kind: .phone, category: .investmentScam,
                    confidence: try Confidence(70), tlp: .green, narrative: "batch \(batch) item \(index)")
            }
            let answer = try await platform.publish(PublishRequest(reports: reports))
            #expect(answer.accepted == 50)
            acknowledged.formUnion(reports.map(\.token))
        }
        hub.kill()

        let restarted = try HubProcess(in: directory, demo: true)
        defer { restarted.stop() }
        let reader = try restarted.connection(as: "demo-platform")
        var stored: Set<Token> = []
        var cursor: Int64 = 0
        while true {
            let page = try await reader.feed(after: cursor, limit: 1_000)
            stored.formUnion(page.changes.map(\.report.token))
            cursor = page.next
            if !page.hasMore { break }
        }
        #expect(stored.isSuperset(of: acknowledged))
        #expect(stored.count == acknowledged.count)
    }

    @Test("The hub's data directory and log never hold a published value, only its token")
    func noPlaintextOnTheHub() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-plain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let hub = try HubProcess(in: directory, demo: true, logLevel: "trace")
        let key = try CommunityKeyFile.read(from: directory.appending(path: "scamhub-demo/community.key"))
        let values: [(String, IndicatorKind, String?)] = [
            ("+66 81 234 5678", .phone, "TH"), ("victim.support@example.com", .email, nil),
            ("http://secure-login.example-bank-verify.com/th/account", .url, nil),
            ("TH:004:9876543210", .bankAccount, nil), ("0x52908400098527886E0F7030069857D2E4169EE7", .wallet, nil),
            ("line:scam_recruiter_88", .platformAccount, nil),
        ]
        let kid = try KeyID("th-2026-11")
        var reports: [Report] = []
        var secrets: [String] = [key.hexEncoded]
        for (value, kind, region) in values {
            let canonical = try canonicalize(value, as: kind, region: region)
            secrets += [value, canonical.value]
            reports.append(
                Report(
                    token: Token(for: canonical, using: key), keyID: kid, kind: kind, category: .phishing,
                    confidence: try Confidence(90), tlp: .green))
        }
        let answer = try await hub.connection(as: "demo-platform").publish(PublishRequest(reports: reports))
        #expect(answer.accepted == values.count)
        _ = try await hub.connection(as: "demo-bank").flagListChanges(after: 0)
        #expect(hub.stop() == 0)

        var haystacks = [("log", Data(try hub.log().utf8))]
        let files = FileManager.default.enumerator(
            at: directory.appending(path: "scamhub-data"), includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            haystacks.append((file.lastPathComponent, try Data(contentsOf: file)))
        }
        #expect(haystacks.count >= 2)
        for secret in secrets {
            for form in Set([secret, secret.lowercased(), secret.uppercased()]) {
                for (name, data) in haystacks {
                    #expect(data.range(of: Data(form.utf8)) == nil, "\(name) holds a published value or the key")
                }
            }
        }
        // The tokens themselves are there: the test can see what the hub stores.
        let database =
            try Data(contentsOf: directory.appending(path: "scamhub-data/scamhub.sqlite"))
            + ((try? Data(contentsOf: directory.appending(path: "scamhub-data/scamhub.sqlite-wal"))) ?? Data())
        #expect(database.range(of: withUnsafeBytes(of: reports[0].token.bytes) { Data($0) }) != nil)
    }

    @Test("serve refuses a missing policy with a clear message and exit 78")
    func missingPolicy() throws {
        for demo in [[], ["--demo"]] {
            let result = try ScamhubProcess.run(["serve", "--port", "0", "--policy", "no-such-policy.yaml"] + demo)
            #expect(result.status == 78)
            #expect(result.error.contains("cannot read the policy file"), "\(result.error)")
            #expect(result.error.contains("no-such-policy.yaml"))
        }
    }

    @Test(
        "serve rejects bad flags before starting",
        arguments: [
            (["serve", "--port", "70000"], "--port must be 0 to 65535"),
            (["serve", "--log-level", "loud"], "--log-level must be one of"),
            (["serve", "--tls-certificate", "cert.pem"], "--tls-certificate and --tls-key go together"),
        ])
    func badFlags(arguments: [String], message: String) throws {
        let result = try ScamhubProcess.run(arguments)
        #expect(result.status == 64)
        #expect(result.error.contains(message))
    }
}

private func randomToken() -> Token {
    var bytes = SIMD32<UInt8>()
    for index in 0..<32 { bytes[index] = UInt8.random(in: 0...255) }
    return Token(bytes: bytes)
}
