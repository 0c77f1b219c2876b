import Foundation
package import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import IndicatorModel
package import Logging
import NIOSSL
import ServiceLifecycle
import SharingPolicy

/// Builds the hub: opens the database, loads the policy, wires storage, policy, audit and fan-out
/// behind the routes of `HubRoute.all`, and returns the application ready to run.
///
/// The one place things are wired; the executable and the integration tests both call it.
package func buildHub(
    configuration: HubConfiguration, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let hub = try await Hub(configuration: configuration, logger: logger)
    let router = Router(context: HubRequestContext.self)
    router.add(middleware: UnknownRouteMiddleware(hub: hub))
    for route in HubRoute.all {
        let handler = hub.handler(for: route)
        router.on(RouterPath(route.routerPath), method: route.method) { request, context in
            await hub.respond(to: request, context: context, on: route, with: handler)
        }
    }
    var serverConfiguration = ApplicationConfiguration(
        address: .hostname(configuration.host, port: configuration.port), serverName: "scamhub")
    serverConfiguration.backlog = 1_024
    let server: HTTPServerBuilder =
        if let tls = configuration.tls {
            try .tls(.http1(), tlsConfiguration: try makeTLSConfiguration(tls))
        } else {
            .http1()
        }
    return Application(
        router: router, server: server, configuration: serverConfiguration,
        services: [
            hub.audit, hub.fanout, WebhookService(hub: hub),
            ExpiryService(hub: hub, interval: configuration.expiryInterval),
        ],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// Builds the hub and runs it until SIGINT or SIGTERM, then shuts it down gracefully.
package func runHub(
    configuration: HubConfiguration, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws {
    try await buildHub(configuration: configuration, logger: logger, onServerRunning: onServerRunning).runService()
}

extension Hub {
    init(configuration: HubConfiguration, logger: Logger) async throws {
        let (policy, policyText) = try loadPolicy(configuration.policyFile)
        let storage = try SQLiteStorage(file: SQLiteStorage.file(in: configuration.dataDirectory))
        let store = storage.indicators
        let directory = storage.directory
        let roster = Roster(directory: directory)
        let latest = try await store.latestSequence()
        self.init(
            configuration: configuration, store: store, directory: directory, policy: policy,
            authenticator: Authenticator(directory: directory, lifetime: configuration.keyCacheLifetime),
            audit: AuditRecorder(
                log: storage.auditLog, signer: try await auditSigner(configuration, log: storage.auditLog),
                settings: configuration.auditSettings(policy: policy, logger: logger), logger: logger),
            flagLists: FlagListViews(
                store: store, policy: policy, roster: roster, budget: configuration.flagListMemoryBudget),
            lookupLimiter: LookupRateLimiter(), metrics: HubMetrics(), roster: roster,
            watermark: CommitWatermark(latest), subscriptions: storage.subscriptions,
            fanout: ChangeFanout(head: latest, logger: logger) { cursor, limit in
                try await HubServer.feedWindow(store: store, roster: roster, after: cursor, limit: limit)
            },
            webhooks: WebhookSignal(), secretBox: try SecretBox(in: configuration.dataDirectory),
            policySince: try await store.activatePolicy(policy.version.description, document: policyText, at: Date()),
            logger: logger)
        logger.info(
            "Hub opened",
            metadata: [
                "scamhub.policy": "\(policy.name)", "scamhub.policy.version": "\(policy.version.short)",
                "scamhub.data": "\(configuration.dataDirectory.path)",
            ])
    }

    /// The handler behind a route.
    func handler(for route: HubRoute) -> @Sendable (Request, inout Call) async throws -> Response {
        switch route {
        case .healthz: healthz
        case .readyz: readyz
        case .metrics: metricsText
        case .openAPI: openAPIDocument
        case .me: me
        case .createParticipant: createParticipant
        case .listParticipants: listParticipants
        case .showParticipant: showParticipant
        case .disableParticipant: disableParticipant
        case .issueKey: issueKey
        case .listKeys: listKeys
        case .revokeKey: revokeKey
        case .publish: publish
        case .revoke: revoke
        case .feedback: feedback
        case .feed: feed
        case .flagListChanges: flagListChanges
        case .flagListSnapshot: flagListSnapshot
        case .lookup: lookup
        case .auditEvents: auditEvents
        case .auditRecipients: auditRecipients
        case .auditExport: auditExport
        case .auditCheckpoints: auditCheckpoints
        case .auditPublicKey: auditPublicKey
        case .createSubscription: createSubscription
        case .listSubscriptions: listSubscriptions
        case .showSubscription: showSubscription
        case .deleteSubscription: deleteSubscription
        case .pauseSubscription: pauseSubscription
        case .resumeSubscription: resumeSubscription
        case .replaySubscription: replaySubscription
        case .rotateSubscriptionSecret: rotateSubscriptionSecret
        case .stream: stream
        default: { _, _ in throw HubProblem.notFound("no handler for \(route.path)") }
        }
    }
}

/// The audit signing key, refused when it is not the key the latest checkpoint names: a key file
/// lost or swapped would otherwise make every honest export fail verification.
private func auditSigner(_ configuration: HubConfiguration, log: any AuditLog) async throws -> AuditSigner {
    let latest = try await log.latestCheckpoint()
    let file = configuration.dataDirectory.appending(path: AuditSigner.fileName)
    if let latest, !configuration.acceptNewAuditKey, !FileManager.default.fileExists(atPath: file.path) {
        // Checked before a new key is made, so that restoring the old file needs nothing removed.
        throw HubStartError.auditKeyChanged(signed: latest.keyID, current: nil)
    }
    let signer = try AuditSigner(in: configuration.dataDirectory)
    if let latest, latest.keyID != signer.publicKey.keyID, !configuration.acceptNewAuditKey {
        throw HubStartError.auditKeyChanged(signed: latest.keyID, current: signer.publicKey.keyID)
    }
    return signer
}

/// Reads and compiles the policy the hub enforces; its errors name the file and line.
func loadPolicy(_ file: URL) throws -> (Policy, String) {
    let text: String
    do { text = try String(contentsOf: file, encoding: .utf8) } catch {
        throw HubStartError.policyUnreadable(file.path)
    }
    return (try Policy(yaml: text, file: file.path), text)
}

extension HubConfiguration {
    /// The audit recorder's settings; a retention shorter than the policy's longest report retention is
    /// raised to it, so that "who received X?" stays answerable while X can still be delivered.
    func auditSettings(policy: Policy, logger: Logger) -> AuditRecorder.Settings {
        var retention = auditRetention
        if let asked = retention, asked < policy.retention.longest {
            logger.warning(
                "Audit retention raised to the policy's longest report retention",
                metadata: ["scamhub.audit.retention.days": "\(Int(policy.retention.longest.seconds / 86_400))"])
            retention = policy.retention.longest
        }
        return AuditRecorder.Settings(
            flushInterval: auditFlushInterval, checkpointEvery: auditCheckpointEvery,
            checkpointInterval: auditCheckpointInterval, retention: retention)
    }
}

private func makeTLSConfiguration(_ files: HubConfiguration.TLSFiles) throws -> TLSConfiguration {
    let chain = try NIOSSLCertificate.fromPEMFile(files.certificateChain.path).map {
        NIOSSLCertificateSource.certificate($0)
    }
    let key = try NIOSSLPrivateKey(file: files.privateKey.path, format: .pem)
    return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
}

/// Why the hub could not start.
package enum HubStartError: Error, Equatable, CustomStringConvertible {
    case policyUnreadable(String)
    case auditKeyChanged(signed: String, current: String?)

    package var description: String {
        switch self {
        case .policyUnreadable(let path): "cannot read the policy file \(path); pass --policy FILE"
        case .auditKeyChanged(let signed, let current):
            "the audit log's checkpoints are signed with key \(signed), but audit-signing.key in the data directory "
                + (current.map { "holds key \($0)" } ?? "is missing")
                + ": restore the original key file from backup, or start with "
                + "--accept-new-audit-key to sign from now on with the new one (auditors then need both public keys)"
        }
    }
}

/// Answers requests for routes the hub does not have with problem+json, and audits them.
struct UnknownRouteMiddleware: RouterMiddleware {
    let hub: Hub

    func handle(
        _ request: Request, context: HubRequestContext, next: (Request, HubRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            // Unauthenticated and unknown, but still a request: the audit log keeps it (without the path,
            // which a caller could fill with anything).
            let problem = HubProblem.notFound("no route \(request.method) \(request.uri.path); see /openapi.yaml")
            let response = hub.problemResponse(for: problem, request: request, context: context)
            hub.audit.record(
                AuditEntry(
                    at: Date(), actor: nil, keyID: nil, action: "route.unknown", outcome: .refused,
                    status: response.status.code, requestID: context.requestID))
            return response
        }
    }
}
