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
            64 usage error, 65 bad data (a malformed key file), 66 missing input file, \
            73 cannot create output, 74 I/O error.
            """,
        subcommands: [CanonicalizeCommand.self, HashCommand.self, KeysCommand.self, PolicyCommand.self]
    )
}
