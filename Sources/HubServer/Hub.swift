package import Logging
package import SharingPolicy

/// The hub's parts, wired once by `buildHub` and shared by every request handler.
package struct Hub: Sendable {
    package let configuration: HubConfiguration
    package let store: any IndicatorStore
    package let directory: any ParticipantDirectory
    package let policy: Policy
    package let authenticator: Authenticator
    package let audit: AuditRecorder
    package let flagLists: FlagListViews
    package let lookupLimiter: LookupRateLimiter
    package let metrics: HubMetrics
    package let roster: Roster
    package let watermark: CommitWatermark
    package let subscriptions: any SubscriptionStore
    /// Shares each committed change among streams and webhooks.
    package let fanout: ChangeFanout
    package let webhooks: WebhookSignal
    let secretBox: SecretBox
    /// The sequence number the current policy has been in force since.
    package let policySince: Int64
    package let logger: Logger

    /// The policy version as it travels in responses and audit entries: `sha256:<hex>`.
    package var policyVersion: String { policy.version.description }

    /// The latest committed sequence number.
    func committedSequence() -> Int64 { watermark.current }

    /// Records that changes up to `sequence` committed, so readers advance to them.
    func noteCommitted(_ sequence: Int64?) {
        guard let sequence else { return }
        watermark.raise(to: sequence)
        fanout.committed(through: sequence)
    }
}
