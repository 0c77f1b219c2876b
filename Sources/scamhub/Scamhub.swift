import ArgumentParser

/// The one scamhub binary: `scamhub serve` will run the hub; every other command is the client.
@main
struct Scamhub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scamhub",
        abstract: "Share hashed anti-scam indicators under privacy-preserving sharing policies.",
        discussion: """
            Values are canonicalized and hashed on your machine; only keyed tokens ever leave it.

            Exit codes: 0 done (values that were themselves invalid are reported in the output), \
            64 usage error, 65 bad data (a malformed key file, a request the hub refused as invalid), \
            66 missing input file, 69 hub unreachable or failing, 73 cannot create output, 74 I/O error, \
            75 rate-limited, 76 an answer that is not the hub's API, 77 API key not accepted or lacking the scope.
            """,
        subcommands: [
            ServeCommand.self, CanonicalizeCommand.self, HashCommand.self, KeysCommand.self, PolicyCommand.self,
            AdminCommand.self, AuditCommand.self, SubscribeCommand.self, SubscriptionsCommand.self,
            PullCommand.self, CheckCommand.self, RevokeCommand.self, FeedbackCommand.self,
            PublishCommand.self, WhoamiCommand.self,
        ]
    )
}
