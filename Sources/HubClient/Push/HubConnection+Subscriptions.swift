import Foundation
public import IndicatorModel
import NIOCore

/// Subscriptions and the event stream (scope `subscribe`).
extension HubConnection {
    /// Creates a subscription; a webhook's secret is in the answer, this once.
    public func createSubscription(_ request: SubscriptionRequest) async throws -> SubscriptionCreated {
        try await send(try .post("v1", "subscriptions", body: request))
    }

    /// The caller's subscriptions, oldest first.
    public func subscriptions() async throws -> [Subscription] {
        try await send(.get("v1", "subscriptions"), as: SubscriptionList.self).subscriptions
    }

    public func subscription(_ id: String) async throws -> Subscription {
        try await send(.get("v1", "subscriptions", id))
    }

    public func pauseSubscription(_ id: String) async throws -> Subscription {
        try await send(try .post("v1", "subscriptions", id, "pause"))
    }

    public func resumeSubscription(_ id: String) async throws -> Subscription {
        try await send(try .post("v1", "subscriptions", id, "resume"))
    }

    /// Moves a webhook subscription's cursor back to `from`: the changes after it are delivered again.
    public func replaySubscription(_ id: String, from: Int64) async throws -> Subscription {
        var request = try HubRequest.post("v1", "subscriptions", id, "replay")
        request.query = [HubRequest.Parameter(name: "from", value: String(from))]
        return try await send(request)
    }

    /// A new webhook secret (in the answer, this once); the old ones keep signing for `overlap`.
    public func rotateSubscriptionSecret(_ id: String, overlap: Duration = .seconds(86_400)) async throws
        -> SubscriptionCreated
    {
        var request = try HubRequest.post("v1", "subscriptions", id, "rotate-secret")
        request.query = [HubRequest.Parameter(name: "overlap", value: String(overlap.components.seconds))]
        return try await send(request)
    }

    public func deleteSubscription(_ id: String) async throws {
        let response = try await exchange(HubRequest(method: .delete, path: ["v1", "subscriptions", id]))
        guard response.isSuccess else { throw response.failure }
    }

    /// Opens `GET /v1/stream` after `after` (nil: from now) and hands the events to `receive` as they
    /// arrive, those of one network read together (the hub writes each batch at once); returns when the
    /// hub ends the stream, throws when the connection fails. Reconnecting after the last event's
    /// sequence misses nothing and repeats nothing.
    public func stream(
        _ source: StreamSource, after: Int64?, receive: ([StreamEvent]) async throws -> Void
    ) async throws {
        var request = HubRequest.get("v1", "stream", query: source.parameters)
        request.accept = "text/event-stream"
        if let after { request.headers = [HubRequest.Parameter(name: "Last-Event-ID", value: String(after))] }
        var parser = ServerSentEventParser()
        _ = try await stream(request) { chunk in
            let events = try parser.feed(chunk.readableBytesView).compactMap { try StreamEvent($0) }
            try await receive(events)
        }
    }
}

/// What a stream carries: a subscription's changes, or those of an ad-hoc filter.
public enum StreamSource: Sendable, Hashable {
    case subscription(String)
    case filter(SubscriptionFilter)

    var parameters: [HubRequest.Parameter] {
        switch self {
        case .subscription(let id): return [HubRequest.Parameter(name: "subscription", value: id)]
        case .filter(let filter):
            var query: [HubRequest.Parameter] = []
            func add(_ name: String, _ values: [String]?) {
                if let values, !values.isEmpty {
                    query.append(HubRequest.Parameter(name: name, value: values.joined(separator: ",")))
                }
            }
            add("kinds", filter.kinds?.map(\.rawValue))
            add("categories", filter.categories?.map(\.rawValue))
            add("lists", filter.lists?.map(\.rawValue))
            add("jurisdictions", filter.jurisdictions?.map(\.code))
            if let minimum = filter.minimumConfidence {
                query.append(HubRequest.Parameter(name: "min_confidence", value: String(minimum.value)))
            }
            if filter.corroboratedOnly == true {
                query.append(HubRequest.Parameter(name: "corroborated_only", value: "true"))
            }
            return query
        }
    }
}

/// One event of the hub's stream.
public enum StreamEvent: Sendable, Hashable {
    /// A change the caller may see.
    case change(FeedChange)
    /// The hub examined changes up to this sequence that the caller does not see.
    case cursor(Int64)
    /// The hub is closing the stream: why, and where to resume.
    case disconnect(StreamDisconnect)

    /// The stream position after this event, if it moves it.
    public var sequence: Int64? {
        switch self {
        case .change(let change): change.sequence
        case .cursor(let next): next
        case .disconnect: nil
        }
    }

    /// Decodes a message; nil for event types this client does not know (newer hubs may add some).
    init?(_ message: ServerSentEventMessage) throws {
        let decoder = WireCoding.makeDecoder()
        let data = Data(message.data.utf8)
        func decoded<Value: Decodable>(_ type: Value.Type) throws -> Value {
            do { return try decoder.decode(Value.self, from: data) } catch {
                throw HubClientError.unexpectedResponse(
                    status: 200, detail: "the stream sent a \(message.event) event that is not valid: \(error)")
            }
        }
        switch message.event {
        case "cursor": self = .cursor(try decoded(StreamCursor.self).next)
        case "disconnect": self = .disconnect(try decoded(StreamDisconnect.self))
        case _ where FeedChange.ChangeType(rawValue: message.event) != nil:
            self = .change(try decoded(FeedChange.self))
        default: return nil
        }
    }
}
