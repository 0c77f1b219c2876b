import Foundation
import HTTPTypes
import Hummingbird
import IndicatorModel
import SharingPolicy

/// `GET /v1/stream`: the caller's changes as Server-Sent Events, from a subscription or an ad-hoc filter.
extension Hub {
    func stream(_ request: Request, _ call: inout Call) async throws -> Response {
        let principal = try call.caller
        let query = request.uri.queryParameters
        var filter = try streamFilter(request)
        var subscriptionID: String?
        if let id = query["subscription"].map(String.init) {
            guard filter == SubscriptionFilter() else {
                throw HubProblem.validation(
                    "give either `subscription` or filter parameters, not both",
                    errors: [.init(pointer: "?subscription", detail: "the subscription carries its own filter")])
            }
            guard Self.isSubscriptionID(id), let stored = try await subscriptions.subscription(id: id),
                stored.subscription.owner == principal.participant.id
            else {
                throw HubProblem.notFound("you have no subscription \(Self.isSubscriptionID(id) ? id : "with that id")")
            }
            guard stored.subscription.delivery == .sse else {
                throw HubProblem.conflict("subscription \(id) delivers by webhook to its URL; it cannot be streamed")
            }
            guard stored.subscription.state == .active else {
                throw HubProblem.conflict(
                    "subscription \(id) is \(stored.subscription.state.rawValue); resume it first")
            }
            filter = stored.subscription.filter
            subscriptionID = id
        }
        let head = committedSequence()
        let start = try streamStart(request, head: head)
        call.note.resource = subscriptionID
        call.note.policyVersion = policyVersion
        let session = StreamSession(
            hub: self,
            reader: PushReader(hub: self, recipient: policy.prepare(principal.participant.participant), filter: filter),
            start: start, keyID: principal.keyID, bearer: try bearerKey(of: request), requestID: call.context.requestID,
            subscriptionID: subscriptionID)
        var headers: HTTPFields = [:]
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        headers[HTTPField.Name("Scamhub-Cursor")!] = "\(start)"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in try await session.run(&writer) })
    }

    /// Where the stream starts: after `Last-Event-ID`, else after `?after=`, else at the latest change.
    private func streamStart(_ request: Request, head: Int64) throws -> Int64 {
        let start: Int64
        if let header = request.headers[HTTPField.Name("Last-Event-ID")!] {
            guard let value = Int64(header.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw HubProblem.validation(
                    "Last-Event-ID must be the sequence number of the last event received",
                    errors: [.init(pointer: "header:Last-Event-ID", detail: "a whole number ≥ 0")])
            }
            start = value
        } else {
            start = try request.integer("after", in: 0...Int64.max, default: head)
        }
        guard start <= head else {
            throw HubProblem(
                .conflict, "cursor-ahead", title: "Cursor ahead of the hub",
                detail:
                    "the stream cursor \(start) is ahead of the latest change \(head): it does not come from this hub")
        }
        return start
    }

    /// The ad-hoc filter of `?kinds=phone,url&categories=…&lists=flag&min_confidence=70&jurisdictions=TH&corroborated_only=true`.
    private func streamFilter(_ request: Request) throws -> SubscriptionFilter {
        let query = request.uri.queryParameters
        func list<Value>(_ name: String, _ make: (String) -> Value?) throws -> [Value]? {
            guard let text = query[Substring(name)].map(String.init) else { return nil }
            let items = text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            guard items.count <= SubscriptionFilter.listLimit else {
                throw HubProblem.validation(
                    "query parameter `\(name)` has \(items.count) values, at most \(SubscriptionFilter.listLimit)",
                    errors: [.init(pointer: "?\(name)", detail: "at most \(SubscriptionFilter.listLimit) values")])
            }
            let values = items.compactMap(make)
            guard !items.isEmpty, values.count == items.count else {
                let bad = items.first { make($0) == nil } ?? text
                throw HubProblem.validation(
                    "query parameter `\(name)` has an unknown value \"\(bad.prefix(40))\"",
                    errors: [.init(pointer: "?\(name)", detail: "a comma-separated list")])
            }
            return values
        }
        var filter = SubscriptionFilter(
            kinds: try list("kinds") { IndicatorKind(rawValue: $0) },
            categories: try list("categories") { Category(rawValue: $0) },
            lists: try list("lists") { Listing(rawValue: $0) },
            jurisdictions: try list("jurisdictions") { try? Jurisdiction($0) })
        if query["min_confidence"] != nil {
            filter.minimumConfidence = try Confidence(Int(request.integer("min_confidence", in: 0...100, default: 0)))
        }
        if let text = query["corroborated_only"] {
            guard text == "true" || text == "false" else {
                throw HubProblem.validation(
                    "query parameter `corroborated_only` must be true or false",
                    errors: [.init(pointer: "?corroborated_only", detail: "true or false")])
            }
            filter.corroboratedOnly = text == "true" ? true : nil
        }
        return filter
    }
}
