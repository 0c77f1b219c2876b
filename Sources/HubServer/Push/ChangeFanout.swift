import Foundation
import IndicatorModel
import Logging
import ServiceLifecycle
import SharingPolicy
import Synchronization

/// Reads each committed change once for every push consumer and wakes the consumers waiting for it.
///
/// The database stays the source of truth: the fan-out keeps only the latest `capacity` changes in
/// memory, so that a thousand streams woken by one publication do not each query the database. A
/// consumer further behind than that reads its catch-up from the database itself (`.behind`).
package actor ChangeFanout: Service {
    /// One change, with what deciding it needs, and each recipient's shaped copy once someone asked.
    final class Entry: Sendable {
        let change: Change
        let live: [StoredReport]
        let participants: [ParticipantID: Participant]
        private let shapedCopies = Mutex<[ParticipantID: PushItem?]>([:])

        init(change: Change, live: [StoredReport], participants: [ParticipantID: Participant]) {
            self.change = change
            self.live = live
            self.participants = participants
        }

        var sequence: Int64 { change.sequence }

        /// The change as `recipient` may see it (nil when the policy withholds it), shaped once per recipient.
        func shaped(for recipient: PreparedRecipient, by hub: Hub) -> PushItem? {
            let id = recipient.participant.id
            if let known = shapedCopies.withLock({ $0[id] }) { return known }
            let item = hub.feedChange(change, live: live, for: recipient, participants: participants).map {
                PushItem(change: $0, jurisdictions: change.report.report.jurisdictions)
            }
            shapedCopies.withLock { $0[id] = .some(item) }
            return item
        }
    }

    /// What a consumer waiting after a cursor gets.
    enum Window {
        /// The changes after the cursor, oldest first.
        case entries([Entry])
        /// The cursor is older than what memory holds: read from the database.
        case behind
        /// Nothing new before the timeout.
        case timedOut
        /// The hub is shutting down.
        case stopped
    }

    private let read: @Sendable (Int64, Int) async throws -> FeedWindow
    private let logger: Logger
    private let capacity: Int
    private var entries: [Entry] = []
    /// The last sequence number read into `entries`.
    private var head: Int64
    /// The latest committed sequence number announced.
    private var target: Int64
    private var waiters: [Int: Waiter] = [:]
    private var nextWaiter = 0
    private var isStopped = false
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// A consumer suspended until changes after `after` arrive, or `deadline`.
    private struct Waiter {
        let after: Int64
        let limit: Int
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<Window, Never>
    }

    init(
        head: Int64, capacity: Int = 10_000, logger: Logger,
        read: @escaping @Sendable (Int64, Int) async throws -> FeedWindow
    ) {
        self.head = head
        self.target = head
        self.capacity = capacity
        self.logger = logger
        self.read = read
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Tells the fan-out that changes up to `sequence` committed.
    nonisolated func committed(through sequence: Int64) {
        Task { await self.raiseTarget(sequence) }
    }

    private func raiseTarget(_ sequence: Int64) {
        target = max(target, sequence)
        wake.yield()
    }

    package func run() async {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                // One clock for every wait's timeout, rather than a timer task per wait.
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .milliseconds(100))
                        await self.expireWaiters()
                    }
                }
                for await _ in wakeups where !isStopped {
                    await readCommitted()
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            Task { await self.stop(finishing: true) }
        }
    }

    /// Ends every wait with `.stopped`: streams say goodbye and close. Safe to call more than once; the
    /// server's shutdown calls it first (it waits for open streams), the fan-out's own shutdown then
    /// also ends its run (`finishing`).
    func stop(finishing: Bool = false) {
        if finishing { wake.finish() }
        guard !isStopped else { return }
        isStopped = true
        let stopped = waiters
        waiters = [:]
        for waiter in stopped.values { waiter.continuation.resume(returning: .stopped) }
    }

    /// The changes after `cursor` (at most `limit`), waiting up to `timeout` for some to commit.
    func window(after cursor: Int64, limit: Int, timeout: Duration) async -> Window {
        if let window = available(after: cursor, limit: limit) { return window }
        let id = nextWaiter
        nextWaiter += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: .timedOut)
                } else {
                    waiters[id] = Waiter(
                        after: cursor, limit: limit, deadline: .now + timeout, continuation: continuation)
                }
            }
        } onCancel: {
            Task { await self.release(id, with: .timedOut) }
        }
    }

    private func available(after cursor: Int64, limit: Int) -> Window? {
        if isStopped { return .stopped }
        guard cursor < head else { return nil }
        guard let first = entries.first?.sequence, cursor >= first - 1 else { return .behind }
        // Sequence numbers are gapless, so the entry after `cursor` sits at a known offset.
        let start = Int(cursor - (first - 1))
        return .entries(Array(entries[start..<min(entries.count, start + limit)]))
    }

    private func release(_ id: Int, with window: Window) {
        waiters.removeValue(forKey: id)?.continuation.resume(returning: window)
    }

    private func expireWaiters() {
        let now = ContinuousClock.now
        for (id, waiter) in waiters where waiter.deadline <= now { release(id, with: .timedOut) }
    }

    /// Reads the changes committed since the last read into memory, then wakes whoever waits for them.
    private func readCommitted() async {
        while head < target, !isStopped {
            do {
                let window = try await read(head, 1_000)
                guard let last = window.changes.last else { break }
                for change in window.changes {
                    entries.append(
                        Entry(
                            change: change, live: window.live[change.report.indicator] ?? [],
                            participants: window.participants))
                }
                if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
                head = last.sequence
                // Each waiter gets its window with the wake-up: no second trip through the actor.
                for (id, waiter) in waiters where waiter.after < head {
                    release(id, with: available(after: waiter.after, limit: waiter.limit) ?? .timedOut)
                }
            } catch {
                logger.error("Fan-out read failed; retrying", metadata: ["scamhub.error": "\(type(of: error))"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}

/// One change as a push recipient receives it, with the report's jurisdiction limits its filter needs
/// and the change as a Server-Sent Event, encoded once.
struct PushItem: Sendable {
    let change: FeedChange
    let jurisdictions: [Jurisdiction]
    /// The change as the API's JSON, encoded once for every stream and webhook of the recipient.
    let json: Data
    let event: [UInt8]

    init(change: FeedChange, jurisdictions: [Jurisdiction]) {
        self.change = change
        self.jurisdictions = jurisdictions
        json = (try? WireCoding.makeEncoder().encode(change)) ?? Data("{}".utf8)
        event = ServerSentEvent.encode(id: change.sequence, event: change.type.rawValue, data: json)
    }
}
