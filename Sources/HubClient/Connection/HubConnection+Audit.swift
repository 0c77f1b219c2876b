public import Foundation
public import IndicatorModel
import NIOCore

/// The auditor's routes (scope `audit`): the log, "who received X?", exports and signed checkpoints.
extension HubConnection {
    /// Entries matching the filters, oldest first (`GET /v1/audit/events`); page with `after`.
    public func auditEvents(_ filter: AuditEventFilter, after: Int64 = 0, limit: Int? = nil) async throws
        -> AuditEventPage
    {
        var query: [HubRequest.Parameter] = [HubRequest.Parameter(name: "after", value: String(after))]
        if let limit { query.append(HubRequest.Parameter(name: "limit", value: String(limit))) }
        for (name, value) in filter.parameters { query.append(HubRequest.Parameter(name: name, value: value)) }
        return try await send(.get("v1", "audit", "events", query: query))
    }

    /// Which participants received `token`, how and when (`GET /v1/audit/recipients`).
    public func auditRecipients(of token: Token, keyID: KeyID? = nil) async throws -> AuditRecipients {
        var query = [HubRequest.Parameter(name: "token", value: token.hex)]
        if let keyID { query.append(HubRequest.Parameter(name: "kid", value: keyID.rawValue)) }
        return try await send(.get("v1", "audit", "recipients", query: query))
    }

    /// Signed checkpoints larger than `after`, ascending (`GET /v1/audit/checkpoints`).
    public func auditCheckpoints(after: Int64 = -1, limit: Int? = nil) async throws -> AuditCheckpointList {
        var query = [HubRequest.Parameter(name: "after", value: String(after))]
        if let limit { query.append(HubRequest.Parameter(name: "limit", value: String(limit))) }
        return try await send(.get("v1", "audit", "checkpoints", query: query))
    }

    /// The hub's checkpoint signing key (`GET /v1/audit/public-key`).
    public func auditPublicKey() async throws -> AuditPublicKey.Published {
        try await send(.get("v1", "audit", "public-key"))
    }

    /// Streams the log as JSON Lines (docs/audit.md) after entry `after` to `consume`, chunk by chunk;
    /// returns the number of the last entry exported (the size of the checkpoint the hub signed first).
    ///
    /// Fails with `.unexpectedResponse` when the answer does not end with entry `through` on a whole
    /// line: an export cut short must not pass for a complete one.
    public func exportAudit(after: Int64 = 0, into consume: (Data) async throws -> Void) async throws -> Int64 {
        var request = HubRequest.get(
            "v1", "audit", "export", query: [HubRequest.Parameter(name: "after", value: String(after))])
        request.accept = "application/jsonl"
        var tail = LastLine()
        let headers = try await stream(request) { chunk in
            let data = Data(chunk.readableBytesView)
            tail.append(data)
            try await consume(data)
        }
        guard let through = headers["scamhub-audit-through"].flatMap({ Int64($0) }),
            let from = headers["scamhub-audit-from"].flatMap({ Int64($0) })
        else {
            throw HubClientError.unexpectedResponse(
                status: 200, detail: "the export has no Scamhub-Audit-Through header")
        }
        let last = tail.line.flatMap { try? AuditExportLine(parsing: $0).record.seq } ?? (from - 1)
        guard tail.isComplete, last == through else {
            throw HubClientError.unexpectedResponse(
                status: 200, detail: "the export stopped at entry \(last), before entry \(through); try again")
        }
        return through
    }
}

/// What `auditEvents` filters on; nil means any.
public struct AuditEventFilter: Hashable, Sendable {
    public var actor: String?
    public var action: String?
    public var outcome: AuditOutcome?
    /// RFC 3339 times or dates, as the hub reads them.
    public var since: String?
    public var until: String?

    public init(
        actor: String? = nil, action: String? = nil, outcome: AuditOutcome? = nil, since: String? = nil,
        until: String? = nil
    ) {
        self.actor = actor
        self.action = action
        self.outcome = outcome
        self.since = since
        self.until = until
    }

    var parameters: [(String, String)] {
        [("actor", actor), ("action", action), ("outcome", outcome?.rawValue), ("since", since), ("until", until)]
            .compactMap { name, value in value.map { (name, $0) } }
    }
}

/// The last whole line of a stream, and whether the stream ended with a newline.
private struct LastLine {
    private var pending: [UInt8] = []
    private(set) var line: [UInt8]?

    var isComplete: Bool { pending.isEmpty }

    mutating func append(_ data: Data) {
        guard let newline = data.lastIndex(of: UInt8(ascii: "\n")) else {
            pending.append(contentsOf: data)
            return
        }
        let before = data[data.startIndex..<newline]
        if let previous = before.lastIndex(of: UInt8(ascii: "\n")) {
            line = Array(before[(previous + 1)...])
        } else {
            line = pending + before
        }
        pending = Array(data[(newline + 1)...])
    }
}
