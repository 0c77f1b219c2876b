import Foundation
import HTTPTypes
import HummingbirdTesting
import IndicatorModel
import Testing

@testable import HubServer

@Suite("Publishing over HTTP")
struct PublishHTTPTests {
    @Test("One bad report is rejected with a pointer; the rest are stored")
    func partialBatch() async throws {
        try await LiveHub.run { hub in
            let good = try liveReport(try liveToken("081 234 5678", .phone))
            var body =
                try JSONSerialization.jsonObject(
                    with: WireCoding.makeEncoder().encode(PublishRequest(reports: [good, good])))
                as! [String: Any]
            var reports = body["reports"] as! [[String: Any]]
            reports[1]["confidence"] = 150
            body["reports"] = reports
            let response = try await hub.send(
                .post, "/v1/reports", as: "demo-platform", body: try JSONSerialization.data(withJSONObject: body))
            #expect(response.status == .ok)
            let answer = try WireCoding.makeDecoder().decode(PublishResponse.self, from: response.data)
            #expect(answer.accepted == 1 && answer.rejected == 1)
            #expect(answer.results[0].status == .created)
            #expect(answer.results[1].status == .rejected)
            #expect(answer.results[1].pointer == "/reports/1/confidence")
            #expect(answer.results[1].error == "confidence must be 0 to 100, got 150")
            #expect(try await hub.feed(as: "demo-platform").changes.count == 1)
        }
    }

    @Test("All-or-nothing with a bad report stores nothing and answers 422 naming every bad report")
    func allOrNothing() async throws {
        try await LiveHub.run { hub in
            let good = try liveReport(try liveToken("081 234 5678", .phone))
            var body =
                try JSONSerialization.jsonObject(
                    with: WireCoding.makeEncoder().encode(
                        PublishRequest(reports: [good, good, good], allOrNothing: true)))
                as! [String: Any]
            var reports = body["reports"] as! [[String: Any]]
            reports[0]["kind"] = "fax"
            reports[2]["tlp"] = "red"
            body["reports"] = reports
            let response = try await hub.send(
                .post, "/v1/reports", as: "demo-platform", body: try JSONSerialization.data(withJSONObject: body))
            #expect(response.status == .unprocessableContent)
            let details = try problem(of: response)
            #expect(details.errors?.map(\.pointer) == ["/reports/0/kind", "/reports/2"])
            #expect(try await hub.feed(as: "demo-platform").changes.isEmpty)
        }
    }

    @Test("A plaintext value in the token field is refused without echoing it")
    func plaintextToken() async throws {
        try await LiveHub.run { hub in
            let json = """
                {"reports":[{"token":"+66 81 234 5678","kid":"th-2026-11","kind":"phone","category":"phishing",
                "confidence":80,"tlp":"green"},{"token":"victim@example.com","kid":"th-2026-11","kind":"email",
                "category":"phishing","confidence":80,"tlp":"green"}]}
                """
            let response = try await hub.send(.post, "/v1/reports", as: "demo-platform", body: Data(json.utf8))
            let answer = try WireCoding.makeDecoder().decode(PublishResponse.self, from: response.data)
            #expect(answer.results.map(\.status) == [.rejected, .rejected])
            #expect(answer.results[0].error?.hasPrefix("token looks like a phone or account number") == true)
            #expect(answer.results[1].error?.hasPrefix("token looks like an email address") == true)
            let text = response.text
            #expect(!text.contains("5678") && !text.contains("victim"))
        }
    }

    @Test("Re-sending a batch never duplicates: identical reports are unchanged, an Idempotency-Key replays")
    func idempotentRepublish() async throws {
        try await LiveHub.run { hub in
            let report = try liveReport(
                try liveToken("081 234 5678", .phone), expiresAt: Date().addingTimeInterval(86_400).rounded())
            let first = try await hub.publish([report], as: "demo-platform")
            let again = try await hub.publish([report], as: "demo-platform")
            #expect(first.results[0].status == .created)
            #expect(again.results[0].status == .unchanged)
            #expect(again.results[0].sequence == first.results[0].sequence)

            let body = try WireCoding.makeEncoder().encode(
                PublishRequest(reports: [try liveReport(try liveToken("082 345 6789", .phone))]))
            let headers: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "batch-7f3c"]
            let original = try await hub.send(.post, "/v1/reports", as: "demo-platform", body: body, headers: headers)
            let replay = try await hub.send(.post, "/v1/reports", as: "demo-platform", body: body, headers: headers)
            let decoder = WireCoding.makeDecoder()
            let originalAnswer = try decoder.decode(PublishResponse.self, from: original.data)
            let replayAnswer = try decoder.decode(PublishResponse.self, from: replay.data)
            #expect(!originalAnswer.isReplay && replayAnswer.isReplay)
            #expect(replayAnswer.results == originalAnswer.results)
            #expect(try await hub.feed(as: "demo-platform").changes.count == 2)

            let other = try WireCoding.makeEncoder().encode(PublishRequest(reports: [report]))
            let conflict = try await hub.send(.post, "/v1/reports", as: "demo-platform", body: other, headers: headers)
            #expect(conflict.status == .conflict)
            #expect(try problem(of: conflict).type == "https://scamhub.dev/problems/idempotency-conflict")
        }
    }

    @Test("Malformed JSON, wrong types, 10,001 reports and oversized bodies are refused and store nothing")
    func badBodies() async throws {
        try await LiveHub.run(configure: { $0.maxRequestBytes = 4 * 1024 * 1024 }) { hub in
            let malformed = try await hub.send(
                .post, "/v1/reports", as: "demo-platform", body: Data("{\"reports\": [".utf8))
            #expect(malformed.status == .badRequest)
            #expect(try problem(of: malformed).type == "https://scamhub.dev/problems/malformed-request")

            let wrongType = try await hub.send(
                .post, "/v1/reports", as: "demo-platform", body: Data("{\"reports\": 5}".utf8))
            #expect(wrongType.status == .unprocessableContent)
            #expect(try problem(of: wrongType).errors?.first?.pointer == "/reports")

            let report = try liveReport(try liveToken("081 234 5678", .phone))
            let tooMany = try await hub.send(
                .post, "/v1/reports", as: "demo-platform",
                json: PublishRequest(reports: Array(repeating: report, count: 10_001)))
            #expect(tooMany.status == .contentTooLarge)
            #expect(try problem(of: tooMany).type == "https://scamhub.dev/problems/batch-too-large")

            let huge = Data(("{\"reports\": [\"" + String(repeating: "x", count: 5 * 1024 * 1024) + "\"]}").utf8)
            let oversized = try await hub.send(.post, "/v1/reports", as: "demo-platform", body: huge)
            #expect(oversized.status == .contentTooLarge)
            #expect(try problem(of: oversized).type == "https://scamhub.dev/problems/body-too-large")

            #expect(try await hub.feed(as: "demo-platform").changes.isEmpty)
        }
    }

    @Test("Retention: a requested expiry beyond the policy's maximum is clamped; no expiry gets the default")
    func retentionClamping() async throws {
        try await LiveHub.run { hub in
            let now = Date()
            let far = try liveReport(
                try liveToken("081 234 5678", .phone), expiresAt: now.addingTimeInterval(400 * 86_400))
            let none = try liveReport(try liveToken("082 345 6789", .phone))
            let answer = try await hub.publish([far, none], as: "demo-platform")
            // policies/national-anti-scam-centre.yaml: phones default 30d, maximum 180d.
            let clamped = try #require(answer.results[0].expiresAt).timeIntervalSince(now)
            let standard = try #require(answer.results[1].expiresAt).timeIntervalSince(now)
            #expect(abs(clamped - 180 * 86_400) < 60)
            #expect(abs(standard - 30 * 86_400) < 60)
        }
    }
}

extension Date {
    /// The date without its fraction of a second, as it survives a JSON round trip.
    func rounded() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
