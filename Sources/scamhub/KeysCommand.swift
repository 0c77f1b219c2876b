import ArgumentParser
import Foundation
import HubClient
import IndicatorModel

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage community keys.",
        subcommands: [Generate.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new random community key to a file readable only by you (mode 0600).",
            discussion: """
                The key never leaves this machine through scamhub: share it with the community's \
                members over a channel you trust. An existing file is never overwritten.
                """
        )

        @Option(name: .shortAndLong, help: "Where to write the key.")
        var output = "community.key"

        func run() throws {
            do {
                try CommunityKeyFile.write(CommunityKey.generate(), to: URL(filePath: output))
            } catch {
                printError("scamhub: \(error)")
                throw ExitCode.cannotCreate
            }
            printError("Wrote a new community key to \(output) (mode 0600). Keep it secret.")
        }
    }
}
