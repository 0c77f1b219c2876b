import ArgumentParser
import Foundation
import HubClient
import IndicatorModel

extension AdminCommand {
    struct Keys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keys",
            abstract: "Issue, list and revoke participants' API keys.",
            subcommands: [Issue.self, List.self, Revoke.self]
        )
    }
}

extension AdminCommand.Keys {
    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a new API key; its secret is shown this once only.",
            discussion: """
                With --output the key goes to a new file readable only by you (mode 0600) and only its id \
                is printed; without it, the key is printed to standard output. Give the key to its holder \
                over a channel you trust.

                Example: scamhub admin keys issue --participant bank-a --scope consume --scope lookup \
                --output bank-a.key
                """
        )

        @OptionGroup var hub: HubOptions

        @Option(help: "The participant the key is for.", transform: ParticipantID.init)
        var participant: ParticipantID

        @Option(
            name: .customLong("scope"),
            help: "What the key allows: \(Scope.allCases.map(\.rawValue).joined(separator: ", ")); repeat for several.")
        var scopes: [Scope] = []

        @Option(name: .shortAndLong, help: "A new file to write the key to (mode 0600); never overwritten.")
        var output: String?

        func validate() throws {
            guard !scopes.isEmpty else {
                throw ValidationError(
                    "give the key at least one --scope (\(Scope.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }

        func run() async throws {
            try refuseExistingOutput(output)
            let issued = try await hub.call { try await $0.issueKey(KeyRequest(scopes: scopes), for: participant) }
            try deliver(issued, to: output, json: hub.json)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a participant's keys, revoked ones included.")

        @OptionGroup var hub: HubOptions

        @Option(help: "The participant whose keys to list.", transform: ParticipantID.init)
        var participant: ParticipantID

        func run() async throws {
            let list = try await hub.call { try await $0.keys(of: participant) }
            if hub.json { return try printJSON(list) }
            TextTable(
                header: ["KEY ID", "PARTICIPANT", "SCOPES", "CREATED", "STATUS"],
                rows: list.keys.map { keyRow($0) }
            ).print()
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key: it stops working at once.")

        @OptionGroup var hub: HubOptions

        @Argument(help: "The key's id (the part after shk_, as `keys list` shows it).")
        var keyID: String

        func run() async throws {
            let record = try await hub.call { try await $0.revokeKey(keyID) }
            if hub.json { return try printJSON(record) }
            TextTable(header: ["KEY ID", "PARTICIPANT", "SCOPES", "CREATED", "STATUS"], rows: [keyRow(record)]).print()
        }
    }
}

private func keyRow(_ key: KeyRecord) -> [String] {
    [
        key.id, key.participant.rawValue, key.scopes.sorted().map(\.rawValue).joined(separator: ","),
        formatted(key.createdAt), key.revokedAt.map { "revoked \(formatted($0))" } ?? "active",
    ]
}

/// Stops before a key is issued whose secret could not be stored where asked.
func refuseExistingOutput(_ output: String?) throws {
    guard let output, FileManager.default.fileExists(atPath: output) else { return }
    let error = APIKeyFileError.exists(path: output)
    printError("scamhub: \(error)")
    throw ExitCode(error)
}

/// Hands a newly issued key to the operator: into a new 0600 file, or printed once with a warning.
func deliver(_ issued: IssuedKeyRecord, to output: String?, json: Bool) throws {
    guard let output else {
        try json ? printJSON(issued) : print(issued.secret)
        printError(
            "warning: this is the only time key \(issued.key.id)'s secret is shown; store it now "
                + "(--output FILE writes it to a file readable only by you)")
        return
    }
    do {
        try APIKeyFile.write(try APIKey(issued.secret), to: URL(filePath: output))
    } catch {
        printError("scamhub: \(error)")
        printError(
            "scamhub: key \(issued.key.id) was issued but not stored; "
                + "revoke it with `scamhub admin keys revoke \(issued.key.id)`")
        throw ExitCode.cannotCreate
    }
    try json ? printJSON(issued.key) : print(issued.key.id)
    printError("Wrote API key \(issued.key.id) to \(output) (mode 0600). Keep it secret.")
}
