import AsyncAlgorithms
package import Logging
import ServiceLifecycle
import Synchronization

/// The one point every request's audit entry passes through: buffers entries and writes them to the
/// audit log in batches, so that recording costs a request a lock and an append rather than a commit.
///
/// Runs as a service: it flushes every `interval`, and once more when the hub shuts down gracefully.
/// An entry can be lost only if the process dies within one interval of the request.
package final class AuditRecorder: Service, Sendable {
    private let log: any AuditLog
    private let interval: Duration
    private let logger: Logger
    private let buffer = Mutex<[AuditEntry]>([])

    package init(log: any AuditLog, interval: Duration, logger: Logger) {
        self.log = log
        self.interval = interval
        self.logger = logger
    }

    /// Queues an entry; it reaches the log within one interval.
    package func record(_ entry: AuditEntry) {
        buffer.withLock { $0.append(entry) }
    }

    /// Writes every queued entry now.
    package func flush() async throws {
        let entries = buffer.withLock { buffer in
            let entries = buffer
            buffer.removeAll(keepingCapacity: true)
            return entries
        }
        do {
            try await log.append(contentsOf: entries)
        } catch {
            // Put them back in front so nothing is dropped; the next flush retries.
            buffer.withLock { $0.insert(contentsOf: entries, at: 0) }
            throw error
        }
    }

    package func run() async throws {
        let ticks = AsyncTimerSequence(interval: interval, clock: .continuous).cancelOnGracefulShutdown()
        for await _ in ticks {
            do { try await flush() } catch {
                logger.error("Audit entries could not be written", metadata: ["scamhub.error": "\(type(of: error))"])
            }
        }
        try await flush()
    }
}
