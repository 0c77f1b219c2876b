import ArgumentParser
import Foundation
import HubServer
import IndicatorModel

extension AdminCommand {
    struct Bootstrap: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new hub's operator and its first admin key, straight in the hub's database.",
            discussion: """
                Run it once, on the hub's machine, before or after the first `scamhub serve`: it opens the \
                database in --data-dir and refuses when an admin key already exists. Every later participant \
                and key is made through the hub with this key (`scamhub admin participants …`, `admin keys …`).

                Example: scamhub admin bootstrap --data-dir scamhub-data --id hub-operator --jurisdiction TH \
                --output admin.key
                """
        )

        @Option(help: "The hub's data directory (what `scamhub serve` is given).")
        var dataDir: String

        @Option(help: "The operator's participant id.", transform: ParticipantID.init)
        var id: ParticipantID

        @Option(help: "The operator's ISO 3166-1 alpha-2 jurisdiction, e.g. TH.", transform: Jurisdiction.init)
        var jurisdiction: Jurisdiction

        @Option(name: .shortAndLong, help: "A new file to write the key to (mode 0600); never overwritten.")
        var output: String?

        @Flag(help: "Print the key as the hub's JSON.")
        var json = false

        func run() async throws {
            try refuseExistingOutput(output)
            let issued: IssuedKey
            do {
                issued = try await bootstrapAdministrator(
                    dataDirectory: URL(filePath: dataDir), id: id, jurisdiction: jurisdiction, at: .now)
            } catch let error as BootstrapError {
                printError("scamhub: \(error)")
                throw ExitCode.dataError
            } catch {
                printError("scamhub: cannot open the hub's database in \(dataDir): \(error)")
                throw ExitCode.ioError
            }
            try deliver(IssuedKeyRecord(key: KeyRecord(issued.key), secret: issued.secretText), to: output, json: json)
        }
    }
}
