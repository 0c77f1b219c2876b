import ArgumentParser
import Foundation
import HubClient
import IndicatorModel

struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print the canonical form and keyed token of values, one JSON object per value.",
        discussion: """
            The token is HMAC-SHA256 under the community key (docs/tokens.md): the only form of a \
            value that is ever sent to the hub.

            Example: scamhub hash --kind phone --key-file community.key +66812345678
            """
    )

    @OptionGroup var options: ValueOptions

    @Option(help: "File holding the community key as 64 hexadecimal characters.")
    var keyFile: String

    func run() throws {
        let key = try readCommunityKey(keyFile)
        try runBatch(ValueBatch(kind: options.kind, region: options.region, key: key), values: options.values)
    }
}

/// The community key in `path`; a failure is printed and becomes the exit code.
func readCommunityKey(_ path: String) throws -> CommunityKey {
    do {
        return try CommunityKeyFile.read(from: URL(filePath: path))
    } catch {
        printError("scamhub: \(error)")
        switch error {
        case .missing: throw ExitCode.noInput
        case .malformed: throw ExitCode.dataError
        default: throw ExitCode.ioError
        }
    }
}
