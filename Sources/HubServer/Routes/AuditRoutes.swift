import Foundation
import HTTPTypes
import Hummingbird
import IndicatorModel
import NIOCore

/// The auditor's routes (scope `audit`): the log, "who received X?", the export and the signed
/// checkpoints. Auditors see the log, never indicators; their own queries are logged like any other.
extension Hub {
    func auditEvents(_ request: Request, _ call: inout Call) async throws -> Response {
        let query = AuditQuery(
            actor: request.text("actor"), action: request.text("action"), outcome: try request.outcome(),
            from: try request.time("since"), until: try request.time("until"),
            after: try request.integer("after", in: 0...Int64.max, default: 0),
            limit: Int(try request.integer("limit", in: 1...10_000, default: 1_000)))
        try await audit.flush()
        let events = try await audit.log.records(matching: query)
        call.note.count = events.count
        let next = events.last?.seq ?? query.after
        return try json(AuditEventPage(events: events, next: next, hasMore: events.count == query.limit))
    }

    func auditRecipients(_ request: Request, _ call: inout Call) async throws -> Response {
        guard let text = request.text("token") else {
            throw HubProblem.validation(
                "pass the token to trace as `token` (64 lowercase hex digits); hash a value locally first",
                errors: [Problem.FieldError(pointer: "?token", detail: "required")])
        }
        let token: Token
        do { token = try Token(hex: text) } catch {
            throw HubProblem.validation(
                "`token` is not a token: \(error)", errors: [Problem.FieldError(pointer: "?token", detail: "\(error)")])
        }
        var keyID: KeyID?
        if let kid = request.text("kid") {
            do { keyID = try KeyID(kid) } catch {
                throw HubProblem.validation(
                    "`kid` is not a key id: \(error)", errors: [Problem.FieldError(pointer: "?kid", detail: "\(error)")]
                )
            }
        }
        try await audit.flush()
        let finder = RecipientFinder(store: store, log: audit.log, roster: roster, policy: policy)
        let answer = try await finder.recipients(of: token, keyID: keyID)
        call.note.count = answer.recipients.count
        return try json(answer)
    }

    func auditExport(_ request: Request, _ call: inout Call) async throws -> Response {
        let after = try request.integer("after", in: 0...Int64.max, default: 0)
        // Signing first makes the export end on a checkpoint the auditor can keep.
        let checkpoint = try await audit.checkpoint()
        let size = checkpoint?.size ?? 0
        let through = min(try request.integer("through", in: 0...Int64.max, default: size), size)
        let start = max(after, (try await audit.log.firstKept() ?? 1) - 1)
        call.note.resource = "audit-log"
        call.note.count = Int(max(0, through - start))
        var headers: HTTPFields = [.contentType: "application/jsonl"]
        headers[HTTPField.Name("Scamhub-Audit-From")!] = "\(start + 1)"
        headers[HTTPField.Name("Scamhub-Audit-Through")!] = "\(through)"
        if let checkpoint {
            headers[HTTPField.Name("Scamhub-Audit-Head")!] = checkpoint.head
        }
        let log = audit.log
        let body = ResponseBody { output in
            var cursor = start
            while cursor < through {
                let lines = try await log.exportLines(after: cursor, through: through, limit: 5_000)
                // Pages are separate reads: if pruning removed what comes next, stop short (the client
                // sees an incomplete answer) rather than send a gap.
                guard let first = lines.first, first.record.seq == cursor + 1, let last = lines.last else {
                    throw ExportInterrupted()
                }
                var buffer = ByteBuffer()
                buffer.reserveCapacity(lines.count * 400)
                for line in lines {
                    buffer.writeBytes(line.record.exportLine(hash: line.hash, previous: line.previous))
                    buffer.writeInteger(UInt8(ascii: "\n"))
                }
                try await output.write(buffer)
                cursor = last.record.seq
            }
            try await output.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    func auditCheckpoints(_ request: Request, _ call: inout Call) async throws -> Response {
        let after = try request.integer("after", in: -1...Int64.max, default: -1)
        let limit = Int(try request.integer("limit", in: 1...10_000, default: 1_000))
        let checkpoints = try await audit.log.checkpoints(after: after, limit: limit)
        call.note.count = checkpoints.count
        return try json(AuditCheckpointList(checkpoints: checkpoints))
    }

    func auditPublicKey(_ request: Request, _ call: inout Call) async throws -> Response {
        try json(audit.signer.publicKey.published)
    }
}

/// An export whose next page no longer follows the last one sent.
private struct ExportInterrupted: Error {}

extension Request {
    /// A query parameter's text; nil when absent or empty.
    fileprivate func text(_ name: String) -> String? {
        uri.queryParameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }

    fileprivate func outcome() throws -> AuditOutcome? {
        guard let text = text("outcome") else { return nil }
        guard let outcome = AuditOutcome(rawValue: text) else {
            throw HubProblem.validation(
                "`outcome` must be success, refused or failed",
                errors: [Problem.FieldError(pointer: "?outcome", detail: "unknown outcome")])
        }
        return outcome
    }

    /// A time parameter: RFC 3339 with or without fractional seconds, or a date (midnight UTC).
    fileprivate func time(_ name: String) throws -> AuditTime? {
        guard let text = text(name) else { return nil }
        if let time = AuditTime(parsing: text) { return time }
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime], [.withFullDate],
        ] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return AuditTime(date) }
        }
        throw HubProblem.validation(
            "`\(name)` must be an RFC 3339 time such as 2026-11-26T08:00:00Z, or a date such as 2026-11-26",
            errors: [Problem.FieldError(pointer: "?\(name)", detail: "not a time")])
    }
}
