import Foundation
import HTTPTypes
import HubClient
import HummingbirdTesting
import IndicatorModel
import Testing

@testable import HubServer

/// Webhook subscriptions against the real hub and a real receiver on a loopback port.
@Suite("Webhooks")
struct WebhookTests {
    /// Loopback receivers need the operator's permission; retries are fast in tests.
    static func testRules(_ configuration: inout HubConfiguration) {
        configuration.webhookRules = .init(allowHTTP: true, allowPrivate: true)
        configuration.webhookTimeout = .seconds(2)
        configuration.webhookBackoff = WebhookBackoff(base: .milliseconds(50), cap: .milliseconds(200))
    }

    @Test("Batches arrive signed per Standard Webhooks, carrying what the feed gives the owner; audited")
    func signedBatches() async throws {
        let receiver = WebhookReceiver()
        try await receiver.run { url in
            try await LiveHub.run(configure: Self.testRules) { hub in
                let created = try await hub.subscribe(
                    SubscriptionRequest(
                        name: "fraud", filter: SubscriptionFilter(kinds: [.phone]), delivery: .webhook, url: url),
                    as: "demo-bank")
                let secret = try WebhookSecret(try #require(created.secret))
                #expect(created.subscription.state == .active && created.subscription.cursor == 0)
                let phones = try (0..<3).map { try liveToken("08155500\($0)\($0)", .phone) }
                _ = try await hub.publish(try phones.map { try liveReport($0) }, as: "demo-platform")
                _ = try await hub.publish(
                    [try liveReport(try liveToken("https://phish.example/", .url), kind: .url)], as: "demo-platform")
                let head = try await hub.feed(as: "demo-platform").next
                try await eventually("the batches") {
                    try await hub.subscription(created.subscription.id, as: "demo-bank").cursor == head
                }

                for delivery in receiver.deliveries {
                    let id = try #require(delivery.headers["webhook-id"])
                    try WebhookSignature.verify(
                        id: id, timestamp: try #require(delivery.headers["webhook-timestamp"]),
                        signatures: try #require(delivery.headers["webhook-signature"]), body: delivery.body,
                        secrets: [secret])
                    #expect(delivery.headers["content-type"] == "application/json")
                    #expect(id.hasPrefix("msg_\(created.subscription.id)_"))
                }
                let delivered = try receiver.acknowledged().flatMap(\.data.changes)
                let feed = try await hub.feed(as: "demo-bank").changes.filter { $0.report.kind == .phone }
                #expect(delivered == feed)
                #expect(delivered.map(\.report.token) == phones)

                let after = try await hub.subscription(created.subscription.id, as: "demo-bank")
                #expect(after.cursor == head && after.webhook?.attempts == 0 && after.webhook?.lastStatus == 204)
                try await eventually("the delivery in the audit log") {
                    let page = try await hub.call(
                        AuditEventPage.self, .get, "/v1/audit/events?action=webhook.deliver", as: "demo-auditor")
                    return page.events.contains { $0.outcome == .success && $0.delivered?.contains(1) == true }
                }
                let recipients = try await hub.call(
                    AuditRecipients.self, .get, "/v1/audit/recipients?token=\(phones[0].hex)", as: "demo-auditor")
                #expect(
                    recipients.recipients.contains { $0.participant.rawValue == "demo-bank" && $0.channel == "webhook" }
                )
            }
        }
    }

    @Test("500s and timeouts are retried with the same message until acknowledged; replay sends again")
    func retriesUntilAcknowledged() async throws {
        let receiver = WebhookReceiver()
        receiver.answer([.status(500), .stall(.seconds(3)), .status(503)])
        try await receiver.run { url in
            try await LiveHub.run(configure: Self.testRules) { hub in
                let created = try await hub.subscribe(
                    SubscriptionRequest(delivery: .webhook, url: url), as: "demo-bank")
                let token = try liveToken("081 777 0000", .phone)
                _ = try await hub.publish([try liveReport(token)], as: "demo-platform")
                try await eventually("the acknowledged batch") { try !receiver.acknowledged().isEmpty }
                let attempts = receiver.deliveries
                #expect(attempts.count >= 4)
                #expect(Set(attempts.compactMap { $0.headers["webhook-id"] }).count == 1, "one message, retried")
                #expect(Set(attempts.map(\.body)).count == 1, "the same body each time")
                #expect(
                    attempts.map { $0.headers["x-test-reply"] ?? "" }.prefix(4) == ["500", "timeout", "503", "204"])
                let status = try await hub.subscription(created.subscription.id, as: "demo-bank")
                #expect(status.state == .active && status.cursor == 1 && status.webhook?.attempts == 0)
                #expect(status.webhook?.lastSuccessAt != nil && status.webhook?.failingSince == nil)

                let replay = try await hub.send(
                    .post, "/v1/subscriptions/\(created.subscription.id)/replay?from=0", as: "demo-bank")
                #expect(replay.status == .ok)
                try await eventually("the replayed batch") { try receiver.acknowledged().count == 2 }
                #expect(try receiver.acknowledged().map { $0.data.changes.map(\.report.token) } == [[token], [token]])
                let ahead = try await hub.send(
                    .post, "/v1/subscriptions/\(created.subscription.id)/replay?from=50", as: "demo-bank")
                #expect(ahead.status == .unprocessableContent)
            }
        }
    }

    @Test("Retries give up after the configured period: failing, with the last status and error; 410 disables")
    func givesUpAndDisables() async throws {
        let receiver = WebhookReceiver()
        receiver.answer([], otherwise: .status(500))
        try await receiver.run { url in
            try await LiveHub.run(configure: {
                Self.testRules(&$0)
                $0.webhookGiveUpAfter = .milliseconds(600)
            }) { hub in
                let created = try await hub.subscribe(
                    SubscriptionRequest(delivery: .webhook, url: url), as: "demo-bank")
                let id = created.subscription.id
                _ = try await hub.publish([try liveReport(try liveToken("081 777 1111", .phone))], as: "demo-platform")
                try await eventually("the subscription failing") {
                    try await hub.subscription(id, as: "demo-bank").state == .failing
                }
                let failing = try await hub.subscription(id, as: "demo-bank")
                #expect(failing.cursor == 0, "nothing acknowledged, nothing skipped")
                #expect(failing.webhook?.lastStatus == 500 && failing.webhook?.lastError == "the receiver answered 500")
                #expect((failing.webhook?.attempts ?? 0) >= 2 && failing.webhook?.failingSince != nil)
                let count = receiver.deliveries.count
                try await Task.sleep(for: .milliseconds(500))
                #expect(receiver.deliveries.count == count, "a failing subscription is not retried")

                // Resumed, the receiver now says it is gone: the subscription is disabled.
                receiver.answer([], otherwise: .status(410))
                _ = try await hub.send(.post, "/v1/subscriptions/\(id)/resume", as: "demo-bank")
                try await eventually("the subscription disabled") {
                    try await hub.subscription(id, as: "demo-bank").state == .disabled
                }
                #expect(try await hub.subscription(id, as: "demo-bank").webhook?.lastStatus == 410)

                // Resumed against a healthy receiver, the waiting change arrives.
                receiver.answer([], otherwise: .status(204))
                _ = try await hub.send(.post, "/v1/subscriptions/\(id)/resume", as: "demo-bank")
                try await eventually("the delivery after resuming") { try receiver.acknowledged().count == 1 }
            }
        }
    }

    @Test("After a restart the hub resumes from the persisted cursor: no gap, no duplicate")
    func resumesAfterRestart() async throws {
        let receiver = WebhookReceiver()
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-webhook-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokens = try (0..<4).map { try liveToken("0816660\($0)\($0)\($0)", .phone) }
        try await receiver.run { url in
            let (id, before) = try await LiveHub.run(in: directory, configure: Self.testRules) { hub in
                let created = try await hub.subscribe(
                    SubscriptionRequest(delivery: .webhook, url: url), as: "demo-bank")
                let id = created.subscription.id
                _ = try await hub.publish([try liveReport(tokens[0])], as: "demo-platform")
                try await eventually("the first batch") { try await hub.subscription(id, as: "demo-bank").cursor == 1 }
                receiver.answer([], otherwise: .status(500))
                _ = try await hub.publish(try tokens[1...].map { try liveReport($0) }, as: "demo-platform")
                try await eventually("a failed attempt") {
                    receiver.deliveries.contains { $0.headers["x-test-reply"] == "500" }
                }
                #expect(try await hub.subscription(id, as: "demo-bank").cursor == 1, "nothing acknowledged since")
                return (id, try receiver.acknowledged().count)
            }
            receiver.answer([], otherwise: .status(204))
            try await LiveHub.run(in: directory, configure: Self.testRules) { hub in
                try await eventually("the batches after the restart") {
                    try await hub.subscription(id, as: "demo-bank").cursor == 4
                }
                // Delivered after the restart: from the persisted cursor on, each change once, in order.
                let resumed = try receiver.acknowledged().dropFirst(before).flatMap(\.data.changes)
                #expect(resumed.map(\.sequence) == [2, 3, 4])
                #expect(resumed.map(\.report.token) == Array(tokens[1...]))
            }
        }
    }

    @Test("A rotated secret signs alongside the old one during the overlap")
    func secretRotation() async throws {
        let receiver = WebhookReceiver()
        try await receiver.run { url in
            try await LiveHub.run(configure: Self.testRules) { hub in
                let created = try await hub.subscribe(
                    SubscriptionRequest(delivery: .webhook, url: url), as: "demo-bank")
                let old = try WebhookSecret(try #require(created.secret))
                let rotated = try await hub.call(
                    SubscriptionCreated.self, .post, "/v1/subscriptions/\(created.subscription.id)/rotate-secret",
                    as: "demo-bank")
                let new = try WebhookSecret(try #require(rotated.secret))
                #expect(new != old && rotated.subscription.secrets?.count == 2)
                #expect(rotated.subscription.secrets?.first?.expiresAt != nil)
                _ = try await hub.publish([try liveReport(try liveToken("081 888 0000", .phone))], as: "demo-platform")
                try await eventually("the delivery") { try receiver.acknowledged().count == 1 }
                let delivery = try #require(receiver.deliveries.last)
                let signatures = try #require(delivery.headers["webhook-signature"])
                #expect(signatures.split(separator: " ").count == 2)
                for secret in [old, new] {
                    try WebhookSignature.verify(
                        id: try #require(delivery.headers["webhook-id"]),
                        timestamp: try #require(delivery.headers["webhook-timestamp"]), signatures: signatures,
                        body: delivery.body, secrets: [secret])
                }
                let retire = try await hub.call(
                    SubscriptionCreated.self, .post,
                    "/v1/subscriptions/\(created.subscription.id)/rotate-secret?overlap=0", as: "demo-bank")
                #expect(retire.subscription.secrets?.count == 1)
            }
        }
    }

    @Test("Webhook URLs to loopback, private and metadata addresses are refused unless the operator allows them")
    func ssrfGuard() async throws {
        try await LiveHub.run { hub in
            for url in [
                "http://127.0.0.1:9/hook", "https://127.0.0.1/hook", "https://10.0.0.7/x", "https://[::1]/x",
                "https://169.254.169.254/latest/meta-data", "https://localhost/x",
            ] {
                let response = try await hub.send(
                    .post, "/v1/subscriptions", as: "demo-bank", json: SubscriptionRequest(delivery: .webhook, url: url)
                )
                #expect(response.status == .unprocessableContent, "\(url)")
                #expect(try problem(of: response).type.hasSuffix("/invalid-webhook-url"), "\(url)")
            }
            let missing = try await hub.send(
                .post, "/v1/subscriptions", as: "demo-bank", json: SubscriptionRequest(delivery: .webhook))
            #expect(try problem(of: missing).errors?.first?.pointer == "/url")
        }
        try await LiveHub.run(configure: { $0.webhookRules = .init(allowHTTP: true, allowPrivate: false) }) { hub in
            let response = try await hub.send(
                .post, "/v1/subscriptions", as: "demo-bank",
                json: SubscriptionRequest(delivery: .webhook, url: "http://127.0.0.1:9/hook"))
            #expect(response.status == .unprocessableContent, "http allowed does not allow loopback")
        }
    }

    @Test("Subscriptions are their owner's: listed, paused, deleted; another participant's are not found")
    func ownership() async throws {
        try await LiveHub.run { hub in
            let created = try await hub.subscribe(
                SubscriptionRequest(name: "alerts", filter: SubscriptionFilter(kinds: [.bankAccount]), delivery: .sse),
                as: "demo-police")
            let id = created.subscription.id
            #expect(created.secret == nil && created.subscription.owner.rawValue == "demo-police")
            let list = try await hub.call(SubscriptionList.self, .get, "/v1/subscriptions", as: "demo-police")
            #expect(list.subscriptions.map(\.id) == [id])
            let others = try await hub.call(SubscriptionList.self, .get, "/v1/subscriptions", as: "demo-bank")
            #expect(others.subscriptions.isEmpty)
            #expect(try await hub.send(.get, "/v1/subscriptions/\(id)", as: "demo-bank").status == .notFound)
            #expect(try await hub.send(.delete, "/v1/subscriptions/\(id)", as: "demo-bank").status == .notFound)
            #expect(try await hub.send(.get, "/v1/stream?subscription=\(id)", as: "demo-bank").status == .notFound)
            #expect(try await hub.send(.get, "/v1/subscriptions", as: "demo-auditor").status == .forbidden)

            let paused = try await hub.call(
                Subscription.self, .post, "/v1/subscriptions/\(id)/pause", as: "demo-police")
            #expect(paused.state == .paused)
            #expect(try await hub.send(.get, "/v1/stream?subscription=\(id)", as: "demo-police").status == .conflict)
            let both = try await hub.send(.get, "/v1/stream?subscription=\(id)&kinds=phone", as: "demo-police")
            #expect(both.status == .unprocessableContent)
            #expect(try await hub.send(.delete, "/v1/subscriptions/\(id)", as: "demo-police").status == .noContent)
            #expect(try await hub.send(.get, "/v1/subscriptions/\(id)", as: "demo-police").status == .notFound)

            let badName = try await hub.send(
                .post, "/v1/subscriptions", as: "demo-police",
                json: SubscriptionRequest(name: String(repeating: "n", count: 101), delivery: .sse))
            #expect(try problem(of: badName).errors?.first?.pointer == "/name")
            let sseWithURL = try await hub.send(
                .post, "/v1/subscriptions", as: "demo-police",
                json: SubscriptionRequest(delivery: .sse, url: "https://hooks.example/x"))
            #expect(try problem(of: sseWithURL).errors?.first?.pointer == "/url")
        }
    }
}
