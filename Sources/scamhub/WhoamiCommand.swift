import ArgumentParser
import Foundation
import HubClient
import IndicatorModel

/// `scamhub whoami`: who the hub takes this API key for.
struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show who the hub takes your API key for: participant, role, jurisdiction, scopes, policy.",
        discussion: """
            The first thing to run with a new key: it checks the URL and the key, and shows what the key \
            may do. Exit codes: 0 done, 64 usage error, 69 hub unreachable, 77 key not accepted.
            """
    )

    @OptionGroup var hub: HubOptions

    func run() async throws {
        let caller = try await hub.call { try await $0.caller() }
        if hub.json { return try printJSON(caller) }
        var table = TextTable()
        table.rows = [
            ["participant", caller.participant.id.rawValue],
            ["role", caller.participant.role.rawValue],
            ["jurisdiction", caller.participant.jurisdiction.code],
            ["communities", caller.participant.communities.joined(separator: ", ")],
            ["key", caller.key.id],
            ["scopes", caller.key.scopes.map(\.rawValue).sorted().joined(separator: ", ")],
            ["policy", caller.policyVersion],
        ]
        table.print()
    }
}
