import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import IndicatorModel
import SharingPolicy

/// Publishing, revoking and feedback: the routes that write.
extension Hub {
    func publish(_ request: Request, _ call: inout Call) async throws -> Response {
        let caller = try call.caller
        let data = try await body(of: request)
        // A retry is recognised by the bytes the client sent, before the hub fills in expiry times.
        let idempotencyKey = try request.idempotencyKey(fingerprint: Data(SHA256.hash(data: data)))
        let batch = try decode(PublishBatch.self, from: data)
        guard batch.reports.count <= PublishRequest.batchLimit else {
            throw HubProblem.batchTooLarge("reports", count: batch.reports.count, limit: PublishRequest.batchLimit)
        }
        var rejected: [Int: Problem.FieldError] = [:]
        var accepted: [(index: Int, report: Report)] = []
        for (index, item) in batch.reports.enumerated() {
            do {
                accepted.append((index, try admit(item.report.get(), at: call.now)))
            } catch {
                rejected[index] = fieldError(error, at: index)
            }
        }
        if batch.allOrNothing, !rejected.isEmpty {
            throw HubProblem.validation(
                "\(rejected.count) of \(batch.reports.count) reports are invalid and all_or_nothing is set: nothing was stored",
                errors: rejected.sorted { $0.key < $1.key }.map(\.value))
        }
        let stored = try await store.publish(
            accepted.map(\.report), by: caller.participant.id, idempotencyKey: idempotencyKey,
            allOrNothing: batch.allOrNothing, at: call.now)
        var results = rejected.map { index, error in
            PublishItemResult(index: index, status: .rejected, error: error.detail, pointer: error.pointer)
        }
        // A replay answers with the expiry the reports were stored with, not one computed now.
        var storedExpiry: [IndicatorID: Date] = [:]
        if stored.isReplay {
            for report in try await store.liveReports(on: accepted.map { $0.report.indicator })
            where report.reporter == caller.participant.id {
                storedExpiry[report.indicator] = report.report.expiresAt
            }
        }
        for ((index, report), item) in zip(accepted, stored.items) {
            let expiry = stored.isReplay ? storedExpiry[report.indicator] : report.expiresAt
            results.append(PublishItemResult(item, index: index, expiresAt: expiry))
        }
        results.sort { $0.index < $1.index }
        let sequences = stored.assignedSequences
        noteCommitted(sequences.max())
        metrics.recordPublished(accepted: results.count { $0.status != .rejected }, rejected: rejected.count)
        call.note.deliver(sequences, count: results.count { $0.status != .rejected })
        return try json(PublishResponse(results: results, lastSequence: sequences.max(), isReplay: stored.isReplay))
    }

    /// A decoded report as the hub stores it: its expiry set by the policy's retention for its kind.
    private func admit(_ report: Report, at now: Date) throws -> Report {
        try report.validate()
        let requested = try report.expiresAt.map { expiry in
            let seconds = expiry.timeIntervalSince(now)
            guard seconds > 0 else { throw PublishRefusal.expiryInPast }
            return Duration.seconds(seconds)
        }
        let grant = policy.retention.retention(for: report.kind, category: report.category, requested: requested)
        var admitted = report
        admitted.expiresAt = now.addingTimeInterval(grant.period.seconds)
        return admitted
    }

    private func fieldError(_ error: any Error, at index: Int) -> Problem.FieldError {
        switch error {
        case let decoding as DecodingError:
            // The decoding path already runs from the body's root: /reports/<index>/<field>.
            let field = HubProblem.decoding(decoding).problem.errors?.first
            return Problem.FieldError(
                pointer: field?.pointer ?? "/reports/\(index)", detail: field?.detail ?? "not a report")
        case let wire as WireValueError:
            return Problem.FieldError(pointer: "/reports/\(index)", detail: wire.description)
        case let refusal as PublishRefusal:
            return Problem.FieldError(pointer: "/reports/\(index)/expires_at", detail: refusal.description)
        default:
            return Problem.FieldError(pointer: "/reports/\(index)", detail: "not a valid report")
        }
    }

    func revoke(_ request: Request, _ call: inout Call) async throws -> Response {
        let caller = try call.caller
        let body = try await decode(RevokeRequest.self, from: request)
        guard body.reports.count <= PublishRequest.batchLimit else {
            throw HubProblem.batchTooLarge("reports", count: body.reports.count, limit: PublishRequest.batchLimit)
        }
        let keys = body.reports.map { item in
            ReportKey(
                reporter: item.reporter ?? caller.participant.id,
                indicator: IndicatorID(token: item.token, keyID: item.keyID))
        }
        let role = caller.participant.participant.role
        let outcomes = try await store.revoke(
            keys, reason: body.reason, by: caller.participant.id,
            canRevokeAny: role == .lawEnforcement || role == .operator, at: call.now)
        let results = outcomes.enumerated().map { index, outcome in RevokeResponse.Result(outcome, index: index) }
        let sequences = results.compactMap(\.sequence)
        noteCommitted(sequences.max())
        call.note.deliver(sequences, count: sequences.count)
        return try json(RevokeResponse(results: results))
    }

    func feedback(_ request: Request, _ call: inout Call) async throws -> Response {
        let caller = try call.caller
        let body = try await decode(FeedbackRequest.self, from: request)
        guard body.feedback.count <= LookupRequest.limit else {
            throw HubProblem.batchTooLarge("feedback", count: body.feedback.count, limit: LookupRequest.limit)
        }
        // Feedback counts only on what the caller may see: otherwise its answer would reveal hidden
        // reports, and organisations that never received a token could put it under review.
        let recipient = policy.prepare(caller.participant.participant)
        let reports = try await store.liveReports(
            on: body.feedback.map { IndicatorID(token: $0.token, keyID: $0.keyID) })
        let participants = try await roster.table(covering: reports)
        let live = Dictionary(grouping: reports, by: \.indicator)
        var results: [FeedbackResponse.Result] = []
        var sequences: [Int64] = []
        for (index, item) in body.feedback.enumerated() {
            let indicator = IndicatorID(token: item.token, keyID: item.keyID)
            let delivery = IndicatorDelivery(
                live: live[indicator] ?? [], policy: policy, recipient: recipient, participants: participants)
            guard !delivery.reports.isEmpty else {
                results.append(
                    FeedbackResponse.Result(
                        index: index, reportersNotified: 0, falsePositiveOrganisations: 0, isUnderReview: false))
                continue
            }
            let recorded = try await store.recordFeedback(
                item.disposition, on: indicator, by: caller.participant.id, at: call.now)
            sequences += recorded.sequences
            results.append(
                FeedbackResponse.Result(
                    index: index, reportersNotified: recorded.sequences.count,
                    falsePositiveOrganisations: recorded.falsePositiveOrganisations,
                    isUnderReview: recorded.falsePositiveOrganisations >= configuration.reviewThreshold))
        }
        noteCommitted(sequences.max())
        call.note.deliver(sequences, count: results.count)
        return try json(FeedbackResponse(results: results))
    }
}

/// A publish body whose reports are decoded one by one, so that one bad report does not sink the batch.
private struct PublishBatch: Decodable {
    var reports: [LenientReport]
    var allOrNothing: Bool

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reports = try container.decode([LenientReport].self, forKey: .reports)
        allOrNothing = try container.decodeIfPresent(Bool.self, forKey: .allOrNothing) ?? false
    }

    enum CodingKeys: String, CodingKey {
        case reports
        case allOrNothing = "all_or_nothing"
    }
}

/// One report of a batch, or why it does not decode.
private struct LenientReport: Decodable {
    var report: Result<Report, any Error>

    init(from decoder: any Decoder) {
        report = Result { try Report(from: decoder) }
    }
}

/// Why the hub refuses a report that decodes.
private enum PublishRefusal: Error, CustomStringConvertible {
    case expiryInPast

    var description: String {
        switch self {
        case .expiryInPast: "expires_at is in the past; omit it to get the policy's default retention"
        }
    }
}

extension PublishItemResult {
    init(_ item: PublishResult.Item, index: Int, expiresAt: Date?) {
        switch item {
        case .created(let sequence): self.init(index: index, status: .created, sequence: sequence, expiresAt: expiresAt)
        case .updated(let sequence): self.init(index: index, status: .updated, sequence: sequence, expiresAt: expiresAt)
        case .unchanged(let sequence):
            self.init(index: index, status: .unchanged, sequence: sequence, expiresAt: expiresAt)
        case .rejected(let reason):
            self.init(index: index, status: .rejected, error: reason, pointer: "/reports/\(index)")
        }
    }
}

extension RevokeResponse.Result {
    init(_ outcome: RevocationOutcome, index: Int) {
        switch outcome {
        case .revoked(let sequence): self.init(index: index, status: .revoked, sequence: sequence)
        case .notFound: self.init(index: index, status: .notFound)
        case .alreadyRemoved: self.init(index: index, status: .alreadyRemoved)
        case .notPermitted: self.init(index: index, status: .notPermitted)
        }
    }
}

extension Request {
    /// The `Idempotency-Key` header: 1 to 255 printable ASCII characters, or nil when absent.
    func idempotencyKey(fingerprint: Data) throws -> IdempotencyKey? {
        guard let name = HTTPField.Name("Idempotency-Key"), let value = headers[name] else { return nil }
        guard (1...255).contains(value.utf8.count), value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw HubProblem.validation(
                "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces, e.g. a UUID",
                errors: [.init(pointer: "header:Idempotency-Key", detail: "1 to 255 printable ASCII characters")])
        }
        return IdempotencyKey(value, fingerprint: fingerprint)
    }
}

extension Duration {
    /// The duration in seconds, fractions included.
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
