import AsyncHTTPClient
import Foundation
import IndicatorModel
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import SharingPolicy
import Synchronization

/// Tells the webhook service that subscriptions changed (created, paused, resumed, replayed, deleted).
package final class WebhookSignal: Sendable {
    /// Each element asks for a reconcile, restarting the named subscription's worker if any.
    let changes: AsyncStream<String?>
    private let continuation: AsyncStream<String?>.Continuation

    package init() {
        (changes, continuation) = AsyncStream.makeStream(of: String?.self)
    }

    /// Subscriptions were created or deleted; `restarting` changed (its worker starts over from the store).
    func reconcile(restarting id: String? = nil) { continuation.yield(id) }
}

/// Delivers webhook subscriptions: one worker per active subscription POSTs batches of its changes,
/// signed as Standard Webhooks define, and moves the subscription's cursor only when the receiver
/// acknowledges (at-least-once, from the database after a restart). Failures are retried with
/// exponential backoff and jitter until the give-up period, then the subscription is marked failing;
/// 410 Gone disables it.
struct WebhookService: Service {
    let hub: Hub

    func run() async throws {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        // A refused connection is a failed attempt, retried on the webhook's schedule, not at once by the pool.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(5), read: timeAmount(hub.configuration.webhookTimeout))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 4
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let workers = WebhookWorkers()
        await withGracefulShutdownHandler {
            await reconcile(workers, client: client, restarting: nil)
            for await id in hub.webhooks.changes.cancelOnGracefulShutdown() {
                await reconcile(workers, client: client, restarting: id)
            }
        } onGracefulShutdown: {
            workers.cancelAll()
        }
        workers.cancelAll()
        await workers.waitForAll()
        try? await client.shutdown()
    }

    /// Starts a worker for each active webhook without one, stops those of the others, and restarts the
    /// worker of `restarting` (so that it re-reads a changed subscription).
    private func reconcile(_ workers: WebhookWorkers, client: HTTPClient, restarting: String?) async {
        do {
            let active = try await hub.subscriptions.webhooks(in: .active)
            workers.reconcile(active: active.map(\.id), restarting: restarting) { id in
                WebhookWorker(hub: hub, id: id, client: client)
            }
        } catch {
            hub.logger.error("Webhook subscriptions unreadable", metadata: ["scamhub.error": "\(type(of: error))"])
        }
    }
}

/// The running workers by subscription id.
private final class WebhookWorkers: Sendable {
    private let tasks = Mutex<[String: Task<Void, Never>]>([:])

    func reconcile(active ids: [String], restarting: String?, make: @escaping @Sendable (String) -> WebhookWorker) {
        let stopped = tasks.withLock { tasks in
            var stopped: [Task<Void, Never>] = []
            let keep = Set(ids)
            for (id, task) in tasks where !keep.contains(id) || id == restarting {
                stopped.append(task)
                tasks[id] = nil
            }
            for id in ids where tasks[id] == nil { tasks[id] = Task { await make(id).run() } }
            return stopped
        }
        for task in stopped { task.cancel() }
    }

    func cancelAll() {
        for task in tasks.withLock({ $0.values }) { task.cancel() }
    }

    func waitForAll() async {
        for task in tasks.withLock({ Array($0.values) }) { await task.value }
    }
}

/// Delivers one subscription until it stops being active or the task is cancelled.
struct WebhookWorker: Sendable {
    let hub: Hub
    let id: String
    let client: HTTPClient

    /// A batch built once and sent, identically, until acknowledged.
    struct Batch {
        let after: Int64
        let through: Int64
        let count: Int
        let body: Data
        let messageID: String
    }

    func run() async {
        var pending: Batch?
        while !Task.isCancelled {
            do {
                guard let stored = try await hub.subscriptions.subscription(id: id),
                    stored.subscription.state == .active, stored.subscription.delivery == .webhook
                else { return }
                if let wait = stored.subscription.webhook?.nextAttemptAt?.timeIntervalSinceNow, wait > 0 {
                    try await Task.sleep(for: .milliseconds(Int(wait * 1_000) + 1))
                    continue
                }
                if pending?.after != stored.subscription.cursor { pending = nil }
                if pending == nil {
                    guard let next = try await nextBatch(stored.subscription) else { continue }
                    pending = next
                }
                if let batch = pending, try await deliver(batch, stored) { pending = nil }
            } catch is CancellationError {
                return
            } catch {
                hub.logger.error(
                    "Webhook worker failed; retrying",
                    metadata: ["scamhub.subscription": "\(id)", "scamhub.error": "\(type(of: error))"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// The next changes to send; nil when there were none to send (the cursor moved past hidden ones).
    private func nextBatch(_ subscription: Subscription) async throws -> Batch? {
        // A disabled participant receives nothing, by webhook as by any other channel.
        guard let owner = try await hub.directory.participant(subscription.owner), !owner.isDisabled else {
            throw CancellationError()
        }
        let reader = PushReader(
            hub: hub, recipient: hub.policy.prepare(owner.participant), filter: subscription.filter)
        switch try await reader.next(
            after: subscription.cursor, limit: hub.configuration.webhookBatchSize, timeout: .seconds(30))
        {
        case .stopped: throw CancellationError()
        case .idle: return nil
        case .changes(let items, let through):
            guard !items.isEmpty else {
                try await advance(from: subscription.cursor, to: through, status: nil)
                return nil
            }
            return Batch(
                after: subscription.cursor, through: through, count: items.count,
                body: payload(items, through: through, at: Date()),
                messageID: "msg_\(id)_\(subscription.cursor + 1)_\(through)")
        }
    }

    /// The body: a `WebhookPayload` as WireCoding writes it (members sorted), assembled from the changes'
    /// JSON already encoded for the recipient.
    private func payload(_ items: [PushItem], through: Int64, at timestamp: Date) -> Data {
        var body = Data(#"{"data":{"changes":["#.utf8)
        for (index, item) in items.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(item.json)
        }
        // Subscription ids are `sub_` and hex digits: nothing to escape.
        body.append(contentsOf: Array(#"],"next":\#(through),"subscription":"\#(id)"},"#.utf8))
        body.append(
            contentsOf: Array(
                #""timestamp":"\#(timestamp.formatted(.iso8601))","type":"\#(WebhookPayload.changesType)"}"#.utf8))
        return body
    }

    /// Sends `batch` once; true when acknowledged. Records the attempt on the subscription and in the audit log.
    private func deliver(_ batch: Batch, _ stored: StoredSubscription) async throws -> Bool {
        let now = Date()
        let outcome = await attempt(batch, stored, at: now)
        // Stopped mid-attempt (a change to the subscription, shutdown): not the receiver's failure.
        if Task.isCancelled { throw CancellationError() }
        hub.metrics.recordWebhookAttempt(outcome: outcome.label)
        switch outcome {
        case .delivered(let status):
            try await advance(from: batch.after, to: batch.through, status: status)
            audit(batch, stored, status: status, success: true)
            hub.metrics.recordPushed(batch.count, channel: .webhook)
            return true
        case .gone:
            audit(batch, stored, status: 410, success: false)
            try await hub.subscriptions.update(id: id) { stored in
                stored.subscription.state = .disabled
                var webhook = stored.subscription.webhook ?? WebhookStatus()
                webhook.lastAttemptAt = now
                webhook.lastStatus = 410
                webhook.lastError = "the receiver answered 410 Gone: the subscription is disabled until resumed"
                webhook.nextAttemptAt = nil
                stored.subscription.webhook = webhook
                stored.subscription.updatedAt = now
            }
            throw CancellationError()
        case .failed(let status, let reason):
            audit(batch, stored, status: status, success: false)
            let giveUp = hub.configuration.webhookGiveUpAfter
            let backoff = hub.configuration.webhookBackoff
            let updated = try await hub.subscriptions.update(id: id) { stored in
                var webhook = stored.subscription.webhook ?? WebhookStatus()
                webhook.attempts += 1
                webhook.lastAttemptAt = now
                webhook.lastStatus = status
                webhook.lastError = reason
                let since = webhook.failingSince ?? now
                webhook.failingSince = since
                if now.timeIntervalSince(since) >= giveUp.timeInterval {
                    stored.subscription.state = .failing
                    webhook.nextAttemptAt = nil
                } else {
                    webhook.nextAttemptAt = now.addingTimeInterval(backoff.delay(afterFailures: webhook.attempts))
                }
                stored.subscription.webhook = webhook
                stored.subscription.updatedAt = now
            }
            if updated?.subscription.state == .failing {
                hub.logger.warning(
                    "Webhook subscription failing: retries gave up", metadata: ["scamhub.subscription": "\(id)"])
            }
            return false
        }
    }

    private enum Outcome {
        case delivered(Int)
        case gone
        case failed(Int?, String)

        var label: String {
            switch self {
            case .delivered: "delivered"
            case .gone: "gone"
            case .failed: "failed"
            }
        }
    }

    private func attempt(_ batch: Batch, _ stored: StoredSubscription, at now: Date) async -> Outcome {
        guard let url = stored.subscription.url else { return .failed(nil, "the subscription has no URL") }
        let target: WebhookTarget
        do { target = try await WebhookTarget.check(url, rules: hub.configuration.webhookRules) } catch {
            return .failed(nil, error.description)
        }
        let secrets = stored.secrets.filter { ($0.expiresAt ?? .distantFuture) > now }.compactMap {
            try? hub.secretBox.open($0.sealed, id: $0.id)
        }
        guard !secrets.isEmpty else {
            return .failed(nil, "no signing secret can be opened (webhook-secrets.key replaced?); rotate the secret")
        }
        let timestamp = Int64(now.timeIntervalSince1970)
        var request = HTTPClientRequest(url: target.url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "scamhub-webhooks/1")
        request.headers.add(name: "webhook-id", value: batch.messageID)
        request.headers.add(name: "webhook-timestamp", value: "\(timestamp)")
        request.headers.add(
            name: "webhook-signature",
            value: WebhookSignature.header(
                id: batch.messageID, timestamp: timestamp, body: batch.body, secrets: secrets))
        request.body = .bytes(ByteBuffer(bytes: batch.body))
        do {
            let response = try await client.execute(request, timeout: timeAmount(hub.configuration.webhookTimeout))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return .delivered(status) }
            if status == 410 { return .gone }
            return .failed(status, "the receiver answered \(status)")
        } catch {
            return .failed(nil, describe(error))
        }
    }

    /// Moves the cursor from `after` to `through` unless the owner moved it meanwhile (a replay).
    private func advance(from after: Int64, to through: Int64, status: Int?) async throws {
        let now = Date()
        try await hub.subscriptions.update(id: id) { stored in
            guard stored.subscription.cursor == after else { return }
            stored.subscription.cursor = through
            guard let status else { return }
            var webhook = stored.subscription.webhook ?? WebhookStatus()
            webhook.attempts = 0
            webhook.lastAttemptAt = now
            webhook.lastSuccessAt = now
            webhook.lastStatus = status
            webhook.lastError = nil
            webhook.failingSince = nil
            webhook.nextAttemptAt = nil
            stored.subscription.webhook = webhook
        }
    }

    private func audit(_ batch: Batch, _ stored: StoredSubscription, status: Int?, success: Bool) {
        hub.audit.record(
            AuditEntry(
                at: Date(), actor: stored.subscription.owner, keyID: nil, action: Self.auditAction, resource: id,
                outcome: success ? .success : .failed, status: status, requestID: batch.messageID,
                delivered: success ? SequenceSet((batch.after + 1)...batch.through) : nil,
                count: success ? batch.count : nil, policyVersion: hub.policyVersion))
    }

    /// The audit action of an acknowledged (or failed) webhook batch.
    static let auditAction = "webhook.deliver"
}

/// Retry delays: `base` doubling per failure up to `cap`, each with up to half of it as random jitter.
package struct WebhookBackoff: Sendable {
    package var base: Duration = .seconds(1)
    package var cap: Duration = .seconds(3_600)

    package init(base: Duration = .seconds(1), cap: Duration = .seconds(3_600)) {
        self.base = base
        self.cap = cap
    }

    /// The delay before the next attempt, in seconds, after `failures` failures in a row.
    func delay(afterFailures failures: Int) -> TimeInterval {
        let exponential = base.timeInterval * pow(2, Double(max(0, min(failures - 1, 30))))
        let full = min(cap.timeInterval, exponential)
        return full / 2 + Double.random(in: 0...(full / 2))
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}

private func timeAmount(_ duration: Duration) -> TimeAmount {
    .nanoseconds(Int64(duration.timeInterval * 1e9))
}

/// A short reason for a failed delivery, without the receiver's response body.
private func describe(_ error: any Error) -> String {
    if let error = error as? HTTPClientError {
        switch error {
        case .connectTimeout: return "connecting timed out"
        case .deadlineExceeded, .readTimeout: return "no answer in time"
        case .remoteConnectionClosed: return "the receiver closed the connection"
        default: break
        }
    }
    if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
    let text = "\(error)"
    if text.contains("NIOSSL") { return "TLS failed: " + String(text.prefix(200)) }
    if text.lowercased().contains("connection refused") { return "connection refused" }
    return String(text.prefix(200))
}
