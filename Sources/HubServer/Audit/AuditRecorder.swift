import AsyncAlgorithms
package import Foundation
package import IndicatorModel
package import Logging
import ServiceLifecycle
import Synchronization

/// The one point every request's audit entry passes through: buffers entries and writes them to the
/// hash-chained audit log in batches, so that recording costs a request a lock and an append rather
/// than a commit; signs checkpoints; prunes entries older than the retention.
///
/// Runs as a service: it flushes every `interval`, signs a checkpoint once `checkpointEvery`
/// entries or `checkpointInterval` have passed with new entries, and flushes and signs once more
/// when the hub shuts down gracefully. An entry can be lost only if the process dies within one
/// interval of the request.
package final class AuditRecorder: Service, Sendable {
    package let log: any AuditLog
    package let signer: AuditSigner
    private let settings: Settings
    private let logger: Logger
    private let buffer = Mutex<[AuditEntry]>([])
    private let gate = SerialGate()
    /// Entries written since the last checkpoint, and when that checkpoint was signed.
    private let sinceCheckpoint = Mutex<(entries: Int, at: ContinuousClock.Instant)>((0, .now))

    package struct Settings: Sendable {
        package var flushInterval: Duration
        package var checkpointEvery: Int
        package var checkpointInterval: Duration
        /// How long entries are kept; nil keeps them for ever.
        package var retention: Duration?

        package init(
            flushInterval: Duration, checkpointEvery: Int, checkpointInterval: Duration, retention: Duration?
        ) {
            self.flushInterval = flushInterval
            self.checkpointEvery = checkpointEvery
            self.checkpointInterval = checkpointInterval
            self.retention = retention
        }
    }

    package init(log: any AuditLog, signer: AuditSigner, settings: Settings, logger: Logger) {
        self.log = log
        self.signer = signer
        self.settings = settings
        self.logger = logger
    }

    /// Queues an entry; it reaches the log within one interval.
    package func record(_ entry: AuditEntry) {
        buffer.withLock { $0.append(entry) }
    }

    /// Entries waiting beyond which the hub refuses requests: when the log cannot be written, the hub
    /// stops serving rather than serve what it cannot account for.
    package static let backlogLimit = 100_000

    /// Whether the log keeps up; false once `backlogLimit` entries wait (writes are failing).
    package var isWritable: Bool { buffer.withLock { $0.count } < Self.backlogLimit }

    /// Writes every queued entry now. Flushes run one at a time, so when this returns every entry
    /// recorded before the call is in the log, even those another flush had already taken.
    package func flush() async throws {
        try await exclusively { try await flushHoldingGate() }
    }

    /// Writes every queued entry and signs a checkpoint of the log as it then stands.
    @discardableResult
    package func checkpoint() async throws -> AuditCheckpoint? {
        try await exclusively {
            try await flushHoldingGate()
            let signer = signer
            let checkpoint = try await log.checkpoint { try signer.checkpoint(size: $0, head: $1) }
            sinceCheckpoint.withLock { $0 = (0, .now) }
            return checkpoint
        }
    }

    private func exclusively<Value>(_ body: () async throws -> Value) async throws -> Value {
        await gate.acquire()
        do {
            let value = try await body()
            await gate.release()
            return value
        } catch {
            await gate.release()
            throw error
        }
    }

    private func flushHoldingGate() async throws {
        let entries = buffer.withLock { buffer in
            let entries = buffer
            buffer.removeAll(keepingCapacity: true)
            return entries
        }
        do {
            try await log.append(contentsOf: entries)
            sinceCheckpoint.withLock { $0.entries += entries.count }
        } catch {
            // Put them back in front so nothing is dropped; the next flush retries.
            buffer.withLock { $0.insert(contentsOf: entries, at: 0) }
            throw error
        }
    }

    /// Removes entries older than the retention, behind a signed checkpoint at the cut.
    @discardableResult
    package func prune(now: Date = Date()) async throws -> Int {
        guard let retention = settings.retention else { return 0 }
        let signer = signer
        let cut = AuditTime(now.addingTimeInterval(-retention.seconds))
        let removed = try await log.prune(before: cut) { try signer.checkpoint(size: $0, head: $1) }
        if removed > 0 {
            logger.info("Audit entries pruned", metadata: ["scamhub.audit.removed": "\(removed)"])
        }
        return removed
    }

    package func run() async throws {
        let ticks = AsyncTimerSequence(interval: settings.flushInterval, clock: .continuous)
            .cancelOnGracefulShutdown()
        var lastPrune = ContinuousClock.now - .seconds(3600)
        for await _ in ticks {
            do {
                try await flush()
                let (entries, since) = sinceCheckpoint.withLock { $0 }
                if entries >= settings.checkpointEvery
                    || (entries > 0 && since.duration(to: .now) >= settings.checkpointInterval)
                {
                    try await checkpoint()
                }
                if settings.retention != nil, lastPrune.duration(to: .now) >= .seconds(3600) {
                    lastPrune = .now
                    try await prune()
                }
            } catch {
                logger.error("Audit entries could not be written", metadata: ["scamhub.error": "\(type(of: error))"])
            }
        }
        try await checkpoint()
    }
}

/// An asynchronous lock: one holder at a time, the others wait in order without blocking a thread.
private actor SerialGate {
    private var isHeld = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard isHeld else {
            isHeld = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { isHeld = false } else { waiters.removeFirst().resume() }
    }
}
