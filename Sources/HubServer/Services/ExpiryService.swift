import AsyncAlgorithms
import Foundation
import Logging
import ServiceLifecycle

/// Removes reports past their retention on a timer; each removal is a change every consumer receives.
struct ExpiryService: Service {
    let hub: Hub
    let interval: Duration

    func run() async throws {
        await expireDueLoggingFailure()
        let ticks = AsyncTimerSequence(interval: interval, clock: .continuous).cancelOnGracefulShutdown()
        for await _ in ticks { await expireDueLoggingFailure() }
    }

    /// One sweep; a failure is logged and the next tick tries again.
    private func expireDueLoggingFailure() async {
        do { try await expireDue() } catch {
            hub.logger.error("Expiry failed", metadata: ["scamhub.error": "\(type(of: error))"])
        }
    }

    func expireDue() async throws {
        let removed = try await hub.store.expireReports(asOf: Date())
        guard let last = removed.last?.sequence else { return }
        hub.noteCommitted(last)
        hub.metrics.recordExpired(removed.count)
        hub.logger.info(
            "Reports expired",
            metadata: ["scamhub.reports.expired": "\(removed.count)", "scamhub.seq.last": "\(last)"])
    }
}
