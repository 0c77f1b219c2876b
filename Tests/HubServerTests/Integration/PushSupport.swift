import Foundation
import HTTPTypes
import HubClient
import Hummingbird
import HummingbirdTesting
import IndicatorModel
import NIOCore
import Synchronization
import Testing

@testable import HubServer

extension LiveHub {
    /// The hub's base URL on its ephemeral port.
    var baseURL: URL {
        get throws { URL(string: "http://127.0.0.1:\(try #require(client.port))")! }
    }

    /// A client connection as `participant`, over the shared HTTP client.
    func connection(as participant: String) throws -> HubConnection {
        let key = try APIKey(fileContents: try #require(keys[participant]))
        return try HubConnection(hub: try baseURL, apiKey: key, timeout: .seconds(20))
    }

    /// Streams as `participant` after `after` and collects events until `isDone` says so; fails after `timeout`.
    func collectStream(
        as participant: String, _ source: StreamSource = .filter(SubscriptionFilter()), after: Int64?,
        timeout: Duration = .seconds(20), until isDone: @escaping @Sendable ([StreamEvent]) -> Bool
    ) async throws -> [StreamEvent] {
        let connection = try connection(as: participant)
        let collected = Collected()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await connection.stream(source, after: after) { events in
                        let all = collected.events.withLock {
                            $0 += events
                            return $0
                        }
                        if isDone(all) { throw StreamCollected() }
                    }
                } catch is StreamCollected {}
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw StreamTimedOut(events: collected.events.withLock { $0 }.count)
            }
            defer { group.cancelAll() }
            try await group.next()
        }
        return collected.events.withLock { $0 }
    }

    /// Creates a subscription as `participant`.
    func subscribe(_ request: SubscriptionRequest, as participant: String) async throws -> SubscriptionCreated {
        try await call(SubscriptionCreated.self, .post, "/v1/subscriptions", as: participant, json: request)
    }

    func subscription(_ id: String, as participant: String) async throws -> Subscription {
        try await call(Subscription.self, .get, "/v1/subscriptions/\(id)", as: participant)
    }
}

private struct StreamCollected: Error {}

/// Events gathered by a stream's task.
private final class Collected: Sendable {
    let events = Mutex<[StreamEvent]>([])
}

struct StreamTimedOut: Error, CustomStringConvertible {
    let events: Int
    var description: String { "the stream did not deliver what was expected in time (\(events) events)" }
}

extension [StreamEvent] {
    /// The changes among the events.
    var changes: [FeedChange] {
        compactMap {
            if case .change(let change) = $0 { return change }
            return nil
        }
    }

    /// The furthest sequence the events moved the stream to.
    var position: Int64 { compactMap(\.sequence).max() ?? 0 }
}

/// Waits until `condition` holds, polling; fails the test after `timeout`.
func eventually(
    _ what: String, timeout: Duration = .seconds(20), _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("timed out waiting for \(what)")
    throw StreamTimedOut(events: 0)
}

/// A webhook receiver on a loopback port: records every delivery and answers as scripted.
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        let headers: [String: String]
        let body: Data
    }

    enum Reply: Sendable {
        case status(Int)
        /// Answers 204 only after this long: longer than the hub's timeout, it is a timeout.
        case stall(Duration)
    }

    private let state = Mutex<(deliveries: [Delivery], script: [Reply], otherwise: Reply)>(([], [], .status(204)))

    /// Replies with `script` in order, then with `otherwise`.
    func answer(_ script: [Reply], otherwise: Reply = .status(204)) {
        state.withLock {
            $0.script = script
            $0.otherwise = otherwise
        }
    }

    var deliveries: [Delivery] { state.withLock { $0.deliveries } }

    /// The deliveries it acknowledged with 2xx, decoded.
    func acknowledged() throws -> [WebhookPayload] {
        try deliveries.filter { $0.headers["x-test-reply"] == "204" }.map {
            try WireCoding.makeDecoder().decode(WebhookPayload.self, from: $0.body)
        }
    }

    /// Runs the receiver on 127.0.0.1 and an ephemeral port while `body` runs, with the hook URL.
    func run<Value: Sendable>(_ body: @Sendable (String) async throws -> Value) async throws -> Value {
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 64 << 20)
            let reply = self.state.withLock { state in
                state.script.isEmpty ? state.otherwise : state.script.removeFirst()
            }
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            headers["x-test-reply"] = reply.label
            let delivery = Delivery(headers: headers, body: Data(bytes.readableBytesView))
            self.state.withLock { $0.deliveries.append(delivery) }
            let code: Int
            switch reply {
            case .status(let status): code = status
            case .stall(let duration):
                try await Task.sleep(for: duration)
                code = 204
            }
            return Response(status: HTTPResponse.Status(code: code))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(try #require(client.port))/hook")
        }
    }
}

extension WebhookReceiver.Reply {
    /// How the delivery is recorded: the status answered, or `timeout`.
    var label: String {
        switch self {
        case .status(let code): "\(code)"
        case .stall: "timeout"
        }
    }
}
