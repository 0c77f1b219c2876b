import Foundation
public import IndicatorModel

/// Publishing, consuming and looking up: the routes every participant uses, within its key's scopes.
extension HubConnection {
    /// Who the hub takes the caller to be (`GET /v1/me`); any valid key may ask.
    public func caller() async throws -> Caller {
        try await send(.get("v1", "me"))
    }

    /// Publishes a batch of reports (`POST /v1/reports`, scope `publish`).
    ///
    /// - Parameter idempotencyKey: the same key on a retried batch makes the hub answer with the
    ///   first attempt's stored result (`isReplay`) instead of applying the batch again.
    public func publish(_ request: PublishRequest, idempotencyKey: String? = nil) async throws -> PublishResponse {
        var call = try HubRequest.post("v1", "reports", body: request)
        call.idempotencyKey = idempotencyKey
        return try await send(call)
    }

    /// Withdraws reports (`POST /v1/reports/revoke`, scope `publish`); they reach consumers as removals.
    public func revoke(_ request: RevokeRequest) async throws -> RevokeResponse {
        try await send(.post("v1", "reports", "revoke", body: request))
    }

    /// Tells reporters what the caller did about tokens (`POST /v1/feedback`, scope `consume`).
    public func sendFeedback(_ request: FeedbackRequest) async throws -> FeedbackResponse {
        try await send(.post("v1", "feedback", body: request))
    }

    /// The changes visible to the caller after sequence number `after` (`GET /v1/feed`, scope `consume`).
    ///
    /// Ask again from `next` at once while `hasMore` is true.
    public func feed(after: Int64, limit: Int? = nil) async throws -> FeedPage {
        try await send(.get("v1", "feed", query: cursorQuery(after: after, limit: limit)))
    }

    /// What to add to and remove from the caller's flag list since cursor `after`
    /// (`GET /v1/flaglist/changes`, scope `consume`).
    ///
    /// - Parameter policyVersion: the policy the caller's list was built under; when it is no longer
    ///   in force the hub answers with `resyncRequired` and the caller fetches a snapshot.
    public func flagListChanges(after: Int64, limit: Int? = nil, policyVersion: String? = nil) async throws
        -> FlagListDelta
    {
        var query = cursorQuery(after: after, limit: limit)
        if let policyVersion { query.append(HubRequest.Parameter(name: "policy_version", value: policyVersion)) }
        return try await send(.get("v1", "flaglist", "changes", query: query))
    }

    /// The caller's whole flag list as JSON (`GET /v1/flaglist/snapshot`, scope `consume`).
    public func flagListSnapshot() async throws -> FlagListSnapshot {
        var call = HubRequest.get("v1", "flaglist", "snapshot")
        call.responseLimit = HubRequest.snapshotResponseLimit
        return try await send(call)
    }

    /// The caller's whole flag list in the compact binary form (`application/vnd.scamhub.flaglist.v1`,
    /// docs/flaglist.md), scope `consume`: the form for lists too large for JSON.
    ///
    /// Every entry and the digest trailer are checked before it is returned; a snapshot that fails a
    /// check is an `.unexpectedResponse` naming the first failure.
    public func binaryFlagListSnapshot() async throws -> FlagListSnapshotContents {
        var call = HubRequest.get("v1", "flaglist", "snapshot")
        call.accept = Self.binarySnapshotMediaType
        call.responseLimit = HubRequest.snapshotResponseLimit
        let response = try await exchange(call)
        guard response.isSuccess else { throw response.failure }
        guard response.contentType?.lowercased().hasPrefix(Self.binarySnapshotMediaType) == true else {
            throw HubClientError.unexpectedResponse(
                status: response.status,
                detail: "asked for a binary snapshot, got \(response.contentType ?? "no content type")")
        }
        do {
            return try response.body.withUnsafeBytes { bytes in try FlagListSnapshotReader.decode(bytes) }
        } catch {
            throw HubClientError.unexpectedResponse(
                status: response.status, detail: "the snapshot is not valid: \(error)")
        }
    }

    /// The binary snapshot's media type (docs/flaglist.md).
    static let binarySnapshotMediaType = FlagListSnapshotWriter.mediaType

    /// Looks tokens up one request at a time (`POST /v1/lookup`, scope `lookup`).
    ///
    /// A rate-limited call fails with a `.problem` of status 429 whose `retryAfterSeconds` says
    /// when to try again.
    public func lookup(_ request: LookupRequest) async throws -> LookupResponse {
        try await send(.post("v1", "lookup", body: request))
    }

    private func cursorQuery(after: Int64, limit: Int?) -> [HubRequest.Parameter] {
        [HubRequest.Parameter(name: "after", value: String(after))]
            + (limit.map { [HubRequest.Parameter(name: "limit", value: String($0))] } ?? [])
    }
}
