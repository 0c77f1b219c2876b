import Foundation
import HTTPTypes
import HubClient
import HummingbirdTesting
import IndicatorModel
import Synchronization
import Testing

@testable import HubServer

#if canImport(Glibc)
    import Glibc
#endif

/// `GET /v1/stream` against the real hub: what the policy allows, in order, resumable, and a stalled
/// reader cut off without slowing anyone.
@Suite("Event stream")
struct StreamTests {
    @Test("The stream carries exactly the changes the feed gives the caller, in order, and narrows by filter")
    func streamMatchesFeed() async throws {
        try await LiveHub.run { hub in
            let phone = try liveToken("081 234 5678", .phone)
            let url = try liveToken("https://scam.example/login", .url)
            let hidden = try liveToken("082 000 0001", .phone)
            let second = try liveToken("089 999 0000", .phone)
            _ = try await hub.publish([try liveReport(phone)], as: "demo-platform")
            _ = try await hub.publish([try liveReport(url, kind: .url)], as: "demo-platform")
            _ = try await hub.publish(
                [try liveReport(hidden, tlp: .red, recipients: ["demo-police"])], as: "demo-platform")
            _ = try await hub.publish([try liveReport(second, confidence: 30)], as: "demo-telco")
            let revoke = RevokeRequest(
                reports: [RevokeRequest.Item(token: phone, keyID: try KeyID("th-2026-11"))], reason: .falsePositive)
            _ = try await hub.send(.post, "/v1/reports/revoke", as: "demo-platform", json: revoke)
            let head = try await hub.feed(as: "demo-platform").next

            let feed = try await hub.feed(as: "demo-bank").changes
            let streamed = try await hub.collectStream(as: "demo-bank", after: 0) { $0.position >= head }
            #expect(streamed.changes == feed, "the stream and the feed decide alike")
            #expect(streamed.changes.map(\.sequence) == streamed.changes.map(\.sequence).sorted())
            #expect(!streamed.changes.contains { $0.report.token == hidden }, "TLP red for the police only")
            #expect(streamed.changes.map(\.type).contains(.revoked))

            let police = try await hub.collectStream(as: "demo-police", after: 0) { $0.position >= head }
            #expect(police.changes.contains { $0.report.token == hidden })

            // A filter narrows what the policy allows: phones at high confidence only.
            var filter = SubscriptionFilter(kinds: [.phone])
            filter.minimumConfidence = try Confidence(80)
            let narrowed = try await hub.collectStream(as: "demo-bank", .filter(filter), after: 0) {
                $0.position >= head
            }
            #expect(narrowed.changes == feed.filter { $0.report.kind == .phone && $0.report.confidenceBand == .high })
            #expect(!narrowed.changes.contains { $0.report.token == second })
        }
    }

    @Test("Reconnecting with Last-Event-ID resumes with no gap and no duplicate; new changes arrive live")
    func resumeAfterLastEventID() async throws {
        try await LiveHub.run { hub in
            let tokens = try (0..<6).map { try liveToken("08123400\($0)\($0)", .phone) }
            _ = try await hub.publish(try tokens[0..<3].map { try liveReport($0) }, as: "demo-platform")
            let first = try await hub.collectStream(as: "demo-bank", after: 0) { $0.changes.count >= 2 }
            let resumeAt = try #require(first.changes.dropFirst().first?.sequence)

            // Live: the stream is open before the changes commit.
            let collected = Task {
                try await hub.collectStream(as: "demo-bank", after: resumeAt) { $0.changes.count >= 4 }
            }
            try await Task.sleep(for: .milliseconds(300))
            _ = try await hub.publish(try tokens[3..<6].map { try liveReport($0) }, as: "demo-platform")
            let rest = try await collected.value
            let all = Array(first.changes.prefix(2)) + rest.changes
            #expect(all.map(\.report.token) == tokens, "every change once, in order")

            // A cursor ahead of the hub is not this hub's.
            let ahead = try await hub.send(
                .get, "/v1/stream", as: "demo-bank", headers: [HTTPField.Name("Last-Event-ID")!: "999"])
            #expect(ahead.status == .conflict)
            let garbage = try await hub.send(
                .get, "/v1/stream", as: "demo-bank", headers: [HTTPField.Name("Last-Event-ID")!: "abc"])
            #expect(garbage.status == .unprocessableContent)
            #expect(try problem(of: garbage).errors?.first?.pointer == "header:Last-Event-ID")
            let badKind = try await hub.send(.get, "/v1/stream?kinds=phone,nope", as: "demo-bank")
            #expect(try problem(of: badKind).errors?.first?.pointer == "?kinds")
            let noScope = try await hub.send(.get, "/v1/stream", as: "demo-auditor")
            #expect(noScope.status == .forbidden)
        }
    }

    @Test("Ranges sent on a stream are audit deliveries: recipients by stream")
    func streamIsAudited() async throws {
        try await LiveHub.run { hub in
            let token = try liveToken("081 555 0101", .phone)
            _ = try await hub.publish([try liveReport(token)], as: "demo-platform")
            _ = try await hub.collectStream(as: "demo-bank", after: 0) { $0.changes.count >= 1 }
            try await eventually("the stream's delivery in the audit log") {
                let page = try await hub.call(
                    AuditEventPage.self, .get, "/v1/audit/events?action=stream.deliver", as: "demo-auditor")
                return page.events.contains { $0.actor == "demo-bank" && $0.delivered?.contains(1) == true }
            }
            let recipients = try await hub.call(
                AuditRecipients.self, .get, "/v1/audit/recipients?token=\(token.hex)", as: "demo-auditor")
            #expect(recipients.recipients.contains { $0.participant.rawValue == "demo-bank" && $0.channel == "stream" })
        }
    }

    @Test("Shutting down, the hub ends every open stream with a `shutdown` goodbye and a complete response")
    func shutdownEndsStreams() async throws {
        let reading = try await LiveHub.run { hub in
            let task = Task {
                try await hub.collectStream(as: "demo-bank", after: nil, timeout: .seconds(20)) { events in
                    events.contains { if case .disconnect = $0 { true } else { false } }
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            return task
        }
        let events = try await reading.value
        #expect(events.first == .cursor(0), "the stream opens with where it starts")
        #expect(events.last == .disconnect(StreamDisconnect(reason: .shutdown, resumeAfter: 0)))
    }

    @Test("A paused subscription ends its stream with a goodbye; the response completes")
    func pausedSubscriptionEndsStream() async throws {
        try await LiveHub.run(configure: { $0.streamHeartbeat = .milliseconds(200) }) { hub in
            let created = try await hub.subscribe(SubscriptionRequest(delivery: .sse), as: "demo-police")
            let id = created.subscription.id
            let reading = Task {
                try await hub.collectStream(as: "demo-police", .subscription(id), after: nil) { _ in false }
            }
            try await Task.sleep(for: .milliseconds(300))
            _ = try await hub.call(Subscription.self, .post, "/v1/subscriptions/\(id)/pause", as: "demo-police")
            // The stream ends by itself (collectStream returns when the response completes).
            let events = try await reading.value
            #expect(events.last == .disconnect(StreamDisconnect(reason: .subscriptionPaused, resumeAfter: 0)))
        }
    }

    @Test("A reader that stops reading is cut off; other readers and publishers carry on")
    func stalledReaderIsDisconnected() async throws {
        try await LiveHub.run(configure: { $0.streamStallTimeout = .seconds(1) }) { hub in
            let port = try #require(hub.client.port)
            // The police receive narratives: large events, so that the stalled reader's buffers fill.
            let key = try #require(hub.keys["demo-police"])
            // A reader with a tiny receive window that never reads.
            let stalled = try StalledSocket(
                port: port, request: "GET /v1/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(key)\r\n\r\n")
            defer { stalled.close() }
            let healthy = Task {
                try await hub.collectStream(as: "demo-police", after: nil, timeout: .seconds(90)) {
                    $0.changes.count >= 1_000
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            let narrative = String(repeating: "A long case narrative that fills buffers. ", count: 90)
            let started = ContinuousClock.now
            for batch in 0..<10 {
                let reports = try (0..<100).map { index in
                    try liveReport(
                        try liveToken("08\(batch)\(String(format: "%07d", index))", .phone), narrative: narrative)
                }
                _ = try await hub.publish(reports, as: "demo-platform")
            }
            let publishing = ContinuousClock.now - started
            let received = try await healthy.value
            #expect(received.changes.count == 1_000, "the healthy reader got every change")
            #expect(received.changes.allSatisfy { $0.report.narrative == narrative })
            #expect(publishing < .seconds(20), "publishers were not held up (\(publishing))")
            try await eventually("the stalled reader's disconnection") {
                let metrics = try await hub.send(.get, "/metrics").text
                return metrics.contains("scamhub_stream_disconnects_total{reason=\"slow-consumer\"} 1")
            }
        }
    }
}

/// A TCP connection that sends a request and never reads the answer, with a small receive buffer.
private struct StalledSocket {
    let descriptor: Int32

    init(port: Int, request: String) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var size: Int32 = 4_096
        setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        let bytes = Array(request.utf8)
        try #require(send(descriptor, bytes, bytes.count, 0) == bytes.count)
    }

    func close() { _ = Glibc.close(descriptor) }
}
