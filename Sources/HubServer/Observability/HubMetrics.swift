package import Prometheus

/// The hub's Prometheus metrics, in a registry of its own (no process-wide state), served at `/metrics`.
package struct HubMetrics: Sendable {
    package let registry: PrometheusCollectorRegistry
    private let published: Counter
    private let rejected: Counter
    private let lookups: Counter
    private let lookupHits: Counter
    private let expired: Counter
    private let latestSequence: Gauge
    private let streamsOpen: Gauge
    private let pushedByStream: Counter
    private let pushedByWebhook: Counter

    package init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        published = registry.makeCounter(
            descriptor: .scamhub("reports_accepted", unit: "total", help: "Reports created, updated or confirmed."))
        rejected = registry.makeCounter(
            descriptor: .scamhub("reports_rejected", unit: "total", help: "Reports refused as invalid."))
        lookups = registry.makeCounter(descriptor: .scamhub("lookups", unit: "total", help: "Tokens looked up."))
        lookupHits = registry.makeCounter(
            descriptor: .scamhub("lookup_hits", unit: "total", help: "Looked-up tokens the caller may see."))
        expired = registry.makeCounter(
            descriptor: .scamhub(
                "reports_expired", unit: "total", help: "Reports removed at the end of their retention."))
        latestSequence = registry.makeGauge(
            descriptor: .scamhub("latest_sequence", unit: "number", help: "The latest committed change."))
        streamsOpen = registry.makeGauge(
            descriptor: .scamhub("streams_open", unit: "number", help: "Open event streams."))
        let pushed = MetricNameDescriptor.scamhub(
            "push_events", unit: "total", help: "Changes pushed to subscribers, by channel.")
        pushedByStream = registry.makeCounter(descriptor: pushed, labels: [("channel", "stream")])
        pushedByWebhook = registry.makeCounter(descriptor: pushed, labels: [("channel", "webhook")])
    }

    func recordRequest(route: HubRoute, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: .scamhub("http_requests", unit: "total", help: "HTTP requests by route and status."),
            labels: [("route", route.action), ("status", "\(status)")]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .scamhub("http_request_duration", unit: "seconds", help: "Time to answer, by route."),
            labels: [("route", route.action)], buckets: requestBuckets
        ).record(duration)
    }

    func recordPublished(accepted: Int, rejected count: Int) {
        published.increment(by: Int64(accepted))
        rejected.increment(by: Int64(count))
    }

    func recordLookups(_ count: Int, found: Int) {
        lookups.increment(by: Int64(count))
        lookupHits.increment(by: Int64(found))
    }

    func recordExpired(_ count: Int) {
        expired.increment(by: Int64(count))
    }

    func recordLatestSequence(_ sequence: Int64) {
        latestSequence.set(Double(sequence))
    }

    /// A stream opened (+1) or closed (-1).
    func recordStreams(_ change: Int) {
        streamsOpen.increment(by: Double(change))
    }

    /// Changes pushed, by channel.
    func recordPushed(_ count: Int, channel: PushChannel) {
        (channel == .stream ? pushedByStream : pushedByWebhook).increment(by: Int64(count))
    }

    /// A stream the hub closed, by reason (`slow-consumer`, `key-revoked`, …).
    func recordStreamClosed(reason: String) {
        registry.makeCounter(
            descriptor: .scamhub("stream_disconnects", unit: "total", help: "Streams the hub closed, by reason."),
            labels: [("reason", reason)]
        ).increment()
    }

    /// One webhook attempt, by outcome (`delivered`, `failed`, `gone`).
    func recordWebhookAttempt(outcome: String) {
        registry.makeCounter(
            descriptor: .scamhub("webhook_attempts", unit: "total", help: "Webhook deliveries attempted, by outcome."),
            labels: [("outcome", outcome)]
        ).increment()
    }

    /// The push channels counted apart.
    enum PushChannel {
        case stream, webhook
    }
}

private let requestBuckets: [Duration] = [
    .microseconds(250), .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100),
    .milliseconds(500), .seconds(2), .seconds(10),
]

extension MetricNameDescriptor {
    static func scamhub(_ name: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "scamhub", metricName: name, unitName: unit, helpText: help)
    }
}
