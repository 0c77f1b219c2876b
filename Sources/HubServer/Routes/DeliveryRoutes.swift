import Foundation
import HTTPTypes
import Hummingbird
import IndicatorModel
import SharingPolicy

/// The routes that deliver: the feed, the flag list and lookups. Every answer is shaped by the policy
/// for the caller and notes the sequence range and policy version for the audit log.
extension Hub {
    func feed(_ request: Request, _ call: inout Call) async throws -> Response {
        let caller = try call.caller.participant.participant
        let after = try request.integer("after", in: 0...Int64.max, default: 0)
        let limit = Int(try request.integer("limit", in: 1...10_000, default: 1_000))
        let recipient = policy.prepare(caller)
        var delivered: [FeedChange] = []
        var next = after
        var hasMore = false
        // Skip past changes the caller may not see, reading at most ten pages per request.
        for _ in 0..<10 where delivered.count < limit {
            let window = try await feedWindow(after: next, limit: limit)
            guard let last = window.changes.last else { break }
            for change in window.changes where delivered.count < limit {
                next = change.sequence
                if let item = feedChange(
                    change, live: window.live[change.report.indicator] ?? [], for: recipient,
                    participants: window.participants)
                {
                    delivered.append(item)
                }
            }
            hasMore = window.changes.count == limit || next < last.sequence
            if !hasMore { break }
        }
        if !hasMore { hasMore = next < committedSequence() }
        call.note.deliver(after: after, through: next, count: delivered.count)
        call.note.policyVersion = policyVersion
        return try json(FeedPage(changes: delivered, next: next, hasMore: hasMore, policyVersion: policyVersion))
    }

    func flagListChanges(_ request: Request, _ call: inout Call) async throws -> Response {
        let caller = try call.caller.participant.participant
        let after = try request.integer("after", in: 0...Int64.max, default: 0)
        let limit = Int(try request.integer("limit", in: 1...100_000, default: 10_000))
        call.note.policyVersion = policyVersion
        let wait = Int(configuration.minimumPollInterval.seconds)
        let state = try await flagLists.advance(caller, to: committedSequence())
        let resync: ResyncReason? =
            if let clientVersion = request.uri.queryParameters["policy_version"].map(String.init),
                clientVersion != policyVersion
            {
                .policyChanged
            } else if after > 0, after < policySince {
                // The list was built under an earlier policy; what it may hold has changed without a change.
                .policyChanged
            } else if after > state.cursor {
                .cursorAhead
            } else {
                nil
            }
        if let resync {
            return try json(
                FlagListDelta(
                    added: [], removed: [], cursor: state.cursor, hasMore: false, stateDigest: nil, entryCount: nil,
                    policyVersion: policyVersion, minimumWaitSeconds: 0, resyncRequired: resync))
        }
        let delta = try await flagLists.delta(caller, after: after, limit: limit, watermark: committedSequence())
        let cursor = delta.state.cursor
        call.note.deliver(after: after, through: cursor, count: delta.added.count + delta.removed.count)
        return try json(
            FlagListDelta(
                added: delta.added, removed: delta.removed, cursor: cursor, hasMore: delta.hasMore,
                stateDigest: delta.hasMore ? nil : delta.state.digest,
                entryCount: delta.hasMore ? nil : delta.state.count, policyVersion: policyVersion,
                minimumWaitSeconds: delta.hasMore ? 0 : wait))
    }

    func flagListSnapshot(_ request: Request, _ call: inout Call) async throws -> Response {
        let caller = try call.caller.participant.participant
        let wantsBinary = request.headers[.accept]?.contains(FlagListFormat.mediaType) ?? false
        if !wantsBinary {
            let state = try await flagLists.advance(caller, to: committedSequence())
            guard state.count <= FlagListFormat.jsonLimit else { throw jsonTooLarge(state.count) }
        }
        let (entries, state) = try await flagLists.snapshot(caller, watermark: committedSequence())
        call.note.deliver(after: 0, through: state.cursor, count: entries.count)
        call.note.policyVersion = policyVersion
        call.note.resource = "flag-list"
        let wait = Int(configuration.minimumPollInterval.seconds)
        var headers: HTTPFields = [:]
        headers[HTTPField.Name("Scamhub-Cursor")!] = "\(state.cursor)"
        headers[HTTPField.Name("Scamhub-State-Digest")!] = state.digest
        headers[HTTPField.Name("Scamhub-Policy-Version")!] = policyVersion
        headers[HTTPField.Name("Scamhub-Minimum-Wait")!] = "\(wait)"
        if wantsBinary {
            headers[.contentType] = FlagListFormat.mediaType
            let start = try FlagListSnapshotWriter(
                cursor: state.cursor, policyVersion: policyVersion, keyIDs: Set(entries.map(\.keyID)),
                entryCount: entries.count)
            let body = ResponseBody(contentLength: start.totalSize) { [entries] output in
                // Streams the list in chunks of about 64 KiB as it encodes it.
                var writer = start
                for entry in entries {
                    if let chunk = try writer.append(entry) { try await output.write(ByteBuffer(bytes: chunk)) }
                }
                try await output.write(ByteBuffer(bytes: try writer.finish()))
                try await output.finish(nil)
            }
            return Response(status: .ok, headers: headers, body: body)
        }
        guard entries.count <= FlagListFormat.jsonLimit else { throw jsonTooLarge(entries.count) }
        return try json(
            FlagListSnapshot(
                entries: entries, cursor: state.cursor, stateDigest: state.digest, policyVersion: policyVersion,
                minimumWaitSeconds: wait), headers: headers)
    }

    private func jsonTooLarge(_ count: Int) -> HubProblem {
        HubProblem(
            .notAcceptable, "not-acceptable", title: "List too large for JSON",
            detail: "the list has \(count) entries; ask for `Accept: \(FlagListFormat.mediaType)` "
                + "(docs/flaglist.md) for lists over \(FlagListFormat.jsonLimit)")
    }

    func lookup(_ request: Request, _ call: inout Call) async throws -> Response {
        let caller = try call.caller.participant.participant
        guard let limit = policy.lookupLimit(for: caller.role) else {
            throw HubProblem.forbidden(
                "the policy gives the \(caller.role) role no lookups; pull the flag list instead")
        }
        let body = try await decode(LookupRequest.self, from: request)
        guard body.tokens.count <= LookupRequest.limit else {
            throw HubProblem.batchTooLarge("tokens", count: body.tokens.count, limit: LookupRequest.limit)
        }
        guard body.tokens.count <= limit.count else {
            throw HubProblem.batchTooLarge("tokens", count: body.tokens.count, limit: limit.count)
        }
        if let wait = await lookupLimiter.admit(caller.id, count: body.tokens.count, limit: limit) {
            throw HubProblem.rateLimited(retryAfter: wait, limit: limit.description)
        }
        let recipient = policy.prepare(caller)
        let indicators = body.tokens.map { IndicatorID(token: $0.token, keyID: $0.keyID) }
        let (reports, reviewed) = try await store.lookupState(on: indicators)
        let live = Dictionary(grouping: reports, by: \.indicator)
        let participants = try await roster.table(covering: reports)
        var results: [LookupResponse.Result] = []
        var sequences: [Int64] = []
        for indicator in indicators {
            let delivery = IndicatorDelivery(
                live: live[indicator] ?? [], policy: policy, recipient: recipient, participants: participants)
            sequences += delivery.reports.map(\.stored.lastSequence)
            let visible = delivery.deliveredReports
            results.append(
                LookupResponse.Result(
                    token: indicator.token, keyID: indicator.keyID, reports: visible,
                    isUnderReview: !visible.isEmpty && (reviewed[indicator] ?? 0) >= configuration.reviewThreshold))
        }
        call.note.deliver(sequences, count: sequences.count)
        call.note.policyVersion = policyVersion
        metrics.recordLookups(body.tokens.count, found: results.count(where: \.isFound))
        return try json(LookupResponse(results: results, policyVersion: policyVersion))
    }
}
