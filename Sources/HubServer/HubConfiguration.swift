package import Foundation
package import Logging

/// Everything `scamhub serve` can be told. Defaults live in one place: the command's flags.
package struct HubConfiguration: Sendable {
    package var host: String
    /// 0 asks the system for a free port.
    package var port: Int
    /// Holds the database (`scamhub.sqlite`); created if missing.
    package var dataDirectory: URL
    /// The sharing policy the hub enforces.
    package var policyFile: URL
    package var logLevel: Logger.Level = .info
    /// PEM files for serving HTTPS directly; both or neither.
    package var tls: TLSFiles?
    /// How often the expiry task looks for reports past their retention.
    package var expiryInterval: Duration = .seconds(60)
    /// The shortest time clients are told to wait between flag-list polls.
    package var minimumPollInterval: Duration = .seconds(60)
    /// Distinct organisations whose `false_positive` feedback puts an indicator under review.
    package var reviewThreshold = 2
    /// The largest request body accepted, in bytes.
    package var maxRequestBytes = 32 * 1024 * 1024
    /// How long an authenticated key stays cached before the directory is asked again.
    package var keyCacheLifetime: Duration = .seconds(30)
    /// How often buffered audit entries are written to the log.
    package var auditFlushInterval: Duration = .milliseconds(100)
    /// A checkpoint is signed after this many new audit entries…
    package var auditCheckpointEvery = 1_000
    /// …or after this long when there are new entries.
    package var auditCheckpointInterval: Duration = .seconds(60)
    /// How long audit entries are kept; nil keeps them for ever. Never shorter than the policy's
    /// longest report retention.
    package var auditRetention: Duration?
    /// Start even though the audit signing key is not the one the latest checkpoint names (a lost key
    /// file): checkpoints from then on are signed with the new key.
    package var acceptNewAuditKey = false
    /// The most flag-list entries kept in memory across all participants' views.
    package var flagListMemoryBudget = 4_000_000
    /// How often an idle event stream gets a heartbeat comment (and its key and subscription are rechecked).
    package var streamHeartbeat: Duration = .seconds(15)
    /// How long a write to an event stream may wait for the reader before the hub closes the stream.
    package var streamStallTimeout: Duration = .seconds(30)
    /// What webhook URLs the operator allows beyond public https ones.
    package var webhookRules = WebhookTarget.Rules()
    /// How long a webhook receiver has to answer one delivery.
    package var webhookTimeout: Duration = .seconds(10)
    /// How long failed deliveries are retried before the subscription is marked failing.
    package var webhookGiveUpAfter: Duration = .seconds(3 * 86_400)
    /// Retry delays after failed deliveries.
    package var webhookBackoff = WebhookBackoff()
    /// The most changes one webhook delivery carries.
    package var webhookBatchSize = 500
    /// The most subscriptions one participant may hold.
    package var subscriptionLimit = 100

    package init(host: String, port: Int, dataDirectory: URL, policyFile: URL) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.policyFile = policyFile
    }

    /// The certificate chain and private key for TLS, as PEM files.
    package struct TLSFiles: Sendable {
        package var certificateChain: URL
        package var privateKey: URL

        package init(certificateChain: URL, privateKey: URL) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
        }
    }
}
