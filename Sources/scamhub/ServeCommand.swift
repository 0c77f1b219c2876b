import ArgumentParser
import Foundation
import HubClient
import HubServer
import IndicatorModel
import Logging
import SharingPolicy

/// `scamhub serve`: runs the hub.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the hub: the HTTP API on an embedded SQLite database.",
        discussion: """
            Stops gracefully on SIGINT or SIGTERM. Every option can also come from the environment \
            (SCAMHUB_HOST, SCAMHUB_PORT, SCAMHUB_DATA_DIR, SCAMHUB_POLICY, SCAMHUB_LOG_LEVEL, \
            SCAMHUB_AUDIT_RETENTION_DAYS, SCAMHUB_WEBHOOK_ALLOW_HTTP=1, SCAMHUB_WEBHOOK_ALLOW_PRIVATE=1); a flag \
            wins. The audit log's signing key and the key that seals webhook secrets are created in the data \
            directory on first start (audit-signing.key, webhook-secrets.key, mode 0600): back them up with \
            the database.
            """
    )

    @Option(help: "Address to listen on.") var host = env("SCAMHUB_HOST") ?? "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free one.") var port = env("SCAMHUB_PORT").flatMap { Int($0) } ?? 8080
    @Option(help: "Directory holding the database.") var dataDir = env("SCAMHUB_DATA_DIR") ?? "scamhub-data"
    @Option(help: "The sharing policy to enforce.")
    var policy = env("SCAMHUB_POLICY") ?? "policies/national-anti-scam-centre.yaml"
    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = env("SCAMHUB_LOG_LEVEL") ?? "info"
    @Option(help: "PEM certificate chain, to serve HTTPS (with --tls-key).") var tlsCertificate: String?
    @Option(help: "PEM private key for --tls-certificate.") var tlsKey: String?
    @Option(help: "Seconds between expiry sweeps.") var expiryInterval = 60
    @Option(help: "Seconds clients are told to wait between flag-list polls.") var pollInterval = 60
    @Option(
        help: "Days audit entries are kept (default: for ever); never fewer than the policy's longest report retention."
    )
    var auditRetentionDays: Int?
    @Option(help: "Sign an audit checkpoint after this many new entries (or every minute with new ones).")
    var auditCheckpointEvery = 1_000
    @Flag(help: "Start even if audit-signing.key is not the key that signed the audit log's checkpoints.")
    var acceptNewAuditKey = false
    @Flag(help: "Allow webhook URLs with plain http:// (on-premise receivers, tests).")
    var webhookAllowHttp = false
    @Flag(help: "Allow webhook URLs that resolve to loopback, private or reserved addresses (SSRF guard off).")
    var webhookAllowPrivate = false
    @Option(help: "Hours failed webhook deliveries are retried before the subscription is marked failing.")
    var webhookGiveUpAfter = 72
    @Option(help: "Seconds a webhook receiver has to answer.") var webhookTimeout = 10
    @Flag(help: "Create a demo community (a bank, a platform, a telco, police, an auditor) and print its keys.")
    var demo = false
    @Option(help: "Where --demo writes the demo community key.") var demoDir = "scamhub-demo"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-certificate and --tls-key go together")
        }
        guard expiryInterval > 0, pollInterval >= 0 else {
            throw ValidationError("--expiry-interval must be positive and --poll-interval not negative")
        }
        guard webhookGiveUpAfter > 0, (1...300).contains(webhookTimeout) else {
            throw ValidationError("--webhook-give-up-after must be positive and --webhook-timeout 1 to 300 seconds")
        }
        guard auditRetention.map({ $0 > 0 }) ?? true, auditCheckpointEvery > 0 else {
            throw ValidationError("--audit-retention-days and --audit-checkpoint-every must be positive")
        }
    }

    /// Days audit entries are kept: the flag, else SCAMHUB_AUDIT_RETENTION_DAYS.
    private var auditRetention: Int? {
        auditRetentionDays ?? env("SCAMHUB_AUDIT_RETENTION_DAYS").flatMap { Int($0) }
    }

    func run() async throws {
        var logger = Logger(label: "scamhub")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        var configuration = HubConfiguration(
            host: host, port: port, dataDirectory: URL(filePath: dataDir), policyFile: URL(filePath: policy))
        configuration.logLevel = logger.logLevel
        configuration.expiryInterval = .seconds(expiryInterval)
        configuration.minimumPollInterval = .seconds(pollInterval)
        configuration.auditRetention = auditRetention.map { .seconds($0 * 86_400) }
        configuration.auditCheckpointEvery = auditCheckpointEvery
        configuration.acceptNewAuditKey = acceptNewAuditKey
        configuration.webhookRules = .init(
            allowHTTP: webhookAllowHttp || env("SCAMHUB_WEBHOOK_ALLOW_HTTP") == "1",
            allowPrivate: webhookAllowPrivate || env("SCAMHUB_WEBHOOK_ALLOW_PRIVATE") == "1")
        configuration.webhookGiveUpAfter = .seconds(webhookGiveUpAfter * 3_600)
        configuration.webhookTimeout = .seconds(webhookTimeout)
        if let tlsCertificate, let tlsKey {
            configuration.tls = .init(
                certificateChain: URL(filePath: tlsCertificate), privateKey: URL(filePath: tlsKey))
        }
        do {
            if demo { try await setUpDemo(configuration) }
            let scheme = configuration.tls == nil ? "http" : "https"
            try await runHub(configuration: configuration, logger: logger) { port in
                // Machine-readable, for scripts and tests that start the hub on port 0.
                writeLine("scamhub: listening on \(scheme)://\(host):\(port)")
            }
        } catch let error as any CustomStringConvertible & Error {
            printError("scamhub: \(error)")
            throw ExitCode(EX_CONFIG)
        }
    }

    private func setUpDemo(_ configuration: HubConfiguration) async throws {
        guard let text = try? String(contentsOf: configuration.policyFile, encoding: .utf8) else {
            throw HubStartError.policyUnreadable(configuration.policyFile.path)
        }
        let policy = try Policy(yaml: text, file: configuration.policyFile.path)
        let jurisdiction = try Jurisdiction("TH")
        let community = "th-exchange"
        let demo = try await DemoCommunity.setUp(
            dataDirectory: configuration.dataDirectory, jurisdiction: jurisdiction, community: community, at: Date())
        let keyFile = URL(filePath: demoDir).appending(path: "community.key")
        try FileManager.default.createDirectory(at: URL(filePath: demoDir), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: keyFile.path) {
            try CommunityKeyFile.write(CommunityKey.generate(), to: keyFile)
        }
        var lines = [
            "", "Demo community \(community) under policy \(policy.name) (\(policy.version.short)).",
            "API keys (shown once; run `serve --demo` again for fresh ones):",
        ]
        for member in demo.members {
            let name = member.participant.id.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
            let role = member.participant.role.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
            lines.append("  \(name) \(role) \(member.key.secretText)")
        }
        lines += [
            "Community key (members hash values with it; the hub never sees it): \(keyFile.path)",
            "Try it: see README.md, `scamhub --help`, and examples/.", "",
        ]
        writeLine(lines.joined(separator: "\n"))
    }
}

/// Writes a line to standard output at once, unbuffered, so a process reading the pipe sees it.
private func writeLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// An environment variable, for flag defaults only.
private func env(_ name: String) -> String? {
    ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
}
