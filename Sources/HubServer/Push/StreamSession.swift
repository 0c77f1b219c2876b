import Foundation
import Hummingbird
import IndicatorModel
import Logging
import NIOCore
import ServiceLifecycle
import SharingPolicy
import Synchronization

/// One Server-Sent Events connection: sends the changes after its cursor as they commit, heartbeats
/// while idle, and closes with a reason when the reader stops reading, its key or subscription ends,
/// or the hub shuts down.
///
/// Writes are bounded: a write that the client does not take within the stall timeout (its socket
/// and the hub's buffer for it are full) ends the connection, so a stalled reader holds no more than
/// one batch in memory and slows no one. Each range sent is an audit delivery.
struct StreamSession: Sendable {
    let hub: Hub
    let reader: PushReader
    let start: Int64
    let keyID: String
    let bearer: String
    let requestID: String?
    let subscriptionID: String?

    /// The most changes examined per batch.
    static let batchLimit = 500
    /// A stream's deliveries are recorded at most this often, each covering the range sent since the last.
    static let auditInterval: Duration = .seconds(1)

    func run(_ writer: inout any ResponseBodyWriter) async throws {
        let box = WriterBox(writer)
        let progress = WriteProgress()
        hub.metrics.recordStreams(1)
        defer { hub.metrics.recordStreams(-1) }
        let sent = SentState(Sent(cursor: start, audited: start))
        defer { audit(sent.withLock { $0.takeUnaudited() }) }
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.send(to: box, progress: progress, sent: sent) }
                group.addTask { try await self.watch(progress) }
                defer { group.cancelAll() }
                try await group.next()
            }
        } onGracefulShutdown: { [fanout = hub.fanout] in
            // The server waits for open requests: every stream says goodbye and ends.
            Task { await fanout.stop() }
        }
        writer = box.writer
        try await writer.finish(nil)
    }

    /// The sending loop; returns after a goodbye event, throws when a write fails or is cancelled.
    private func send(to box: WriterBox, progress: WriteProgress, sent: SentState) async throws {
        // The opening cursor event tells the reader where the stream starts, so that a reconnect before
        // the first change resumes from there rather than from a later "now".
        try await write(Array("retry: 2000\n\n".utf8) + ServerSentEvent.cursor(start), to: box, progress: progress)
        var lastAudit = ContinuousClock.now
        var lastCheck = ContinuousClock.now
        let heartbeat = hub.configuration.streamHeartbeat
        while true {
            let (cursor, unaudited) = sent.withLock { ($0.cursor, $0.cursor > $0.audited) }
            // While a range waits for its audit record, wake within a second to write it.
            let wait = unaudited ? min(heartbeat, Self.auditInterval) : heartbeat
            switch try await reader.next(after: cursor, limit: Self.batchLimit, timeout: wait) {
            case .stopped:
                try? await goodbye(.shutdown, cursor: cursor, box: box, progress: progress)
                return
            case .idle:
                if ContinuousClock.now - lastCheck >= heartbeat || !unaudited {
                    try await write(ServerSentEvent.heartbeat, to: box, progress: progress)
                }
            case .changes(let items, let through):
                var bytes: [UInt8] = []
                for item in items { bytes += item.event }
                // Every batch ends with a cursor event: it closes the batch for clients that hand batches on,
                // and moves the reader's Last-Event-ID past changes it may not see.
                bytes += ServerSentEvent.cursor(through)
                try await write(bytes, to: box, progress: progress)
                sent.withLock { $0.advance(to: through, count: items.count) }
                hub.metrics.recordPushed(items.count, channel: .stream)
            }
            if ContinuousClock.now - lastAudit >= Self.auditInterval {
                audit(sent.withLock { $0.takeUnaudited() })
                lastAudit = .now
            }
            // Busy or idle, the key and the subscription are rechecked once per heartbeat interval.
            if ContinuousClock.now - lastCheck >= heartbeat {
                lastCheck = .now
                if let reason = await endReason() {
                    try await goodbye(reason, cursor: sent.withLock { $0.cursor }, box: box, progress: progress)
                    return
                }
            }
        }
    }

    /// Throws `StreamStalled` when a write has waited longer than the stall timeout.
    private func watch(_ progress: WriteProgress) async throws {
        let limit = hub.configuration.streamStallTimeout
        while true {
            try await Task.sleep(for: min(limit / 4, .seconds(1)))
            if let since = progress.pendingSince, ContinuousClock.now - since > limit {
                hub.metrics.recordStreamClosed(reason: StreamDisconnect.Reason.slowConsumer.rawValue)
                hub.logger.notice(
                    "Stream closed: the reader stopped reading",
                    metadata: ["scamhub.request": "\(requestID ?? "-")", "scamhub.key": "\(keyID)"])
                throw StreamStalled()
            }
        }
    }

    private func write(_ bytes: [UInt8], to box: WriterBox, progress: WriteProgress) async throws {
        progress.begin()
        try await box.writer.write(ByteBuffer(bytes: bytes))
        progress.end()
    }

    private func goodbye(
        _ reason: StreamDisconnect.Reason, cursor: Int64, box: WriterBox, progress: WriteProgress
    ) async throws {
        hub.metrics.recordStreamClosed(reason: reason.rawValue)
        let data =
            (try? WireCoding.makeEncoder().encode(StreamDisconnect(reason: reason, resumeAfter: cursor))) ?? Data()
        try await write(ServerSentEvent.encode(id: nil, event: "disconnect", data: data), to: box, progress: progress)
    }

    /// Why the stream must end now: the key revoked (or its participant disabled), or the subscription
    /// paused or deleted. A storage failure ends nothing: the next check asks again.
    private func endReason() async -> StreamDisconnect.Reason? {
        do {
            _ = try await hub.authenticator.authenticate(bearer: bearer)
        } catch is AuthenticationError {
            return .keyRevoked
        } catch {
            return nil
        }
        guard let subscriptionID else { return nil }
        do {
            guard let stored = try await hub.subscriptions.subscription(id: subscriptionID) else {
                return .subscriptionDeleted
            }
            return stored.subscription.state == .active ? nil : .subscriptionPaused
        } catch {
            return nil
        }
    }

    /// Records the range sent since the last record as one delivery.
    private func audit(_ range: (after: Int64, through: Int64, count: Int)?) {
        guard let range else { return }
        hub.audit.record(
            AuditEntry(
                at: Date(), actor: reader.recipient.participant.id, keyID: keyID, action: Self.auditAction,
                resource: subscriptionID, outcome: .success, status: 200, requestID: requestID,
                delivered: SequenceSet((range.after + 1)...range.through), count: range.count,
                policyVersion: hub.policyVersion))
    }

    /// The audit action of a range sent on a stream.
    static let auditAction = "stream.deliver"
}

/// How far a stream has sent, and how much of that the audit log has.
private struct Sent {
    var cursor: Int64
    var audited: Int64
    var count = 0

    mutating func advance(to through: Int64, count: Int) {
        cursor = through
        self.count += count
    }

    mutating func takeUnaudited() -> (after: Int64, through: Int64, count: Int)? {
        guard cursor > audited else { return nil }
        defer {
            audited = cursor
            count = 0
        }
        return (audited, cursor, count)
    }
}

/// `Sent`, shared by the sending task and the handler that audits what it sent.
private final class SentState: Sendable {
    private let value: Mutex<Sent>

    init(_ sent: Sent) {
        value = Mutex(sent)
    }

    func withLock<Result>(_ body: (inout Sent) -> Result) -> Result {
        value.withLock { body(&$0) }
    }
}

/// When the write in progress began, if one is.
private final class WriteProgress: Sendable {
    private let started = Mutex<ContinuousClock.Instant?>(nil)

    func begin() { started.withLock { $0 = .now } }
    func end() { started.withLock { $0 = nil } }
    var pendingSince: ContinuousClock.Instant? { started.withLock { $0 } }
}

/// The response writer, handed to the one task that writes; the handler takes it back when that task ends.
private final class WriterBox: @unchecked Sendable {
    var writer: any ResponseBodyWriter

    init(_ writer: any ResponseBodyWriter) {
        self.writer = writer
    }
}

/// The reader did not take a write within the stall timeout.
struct StreamStalled: Error {}
