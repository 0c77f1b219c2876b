import ArgumentParser
import HubClient
import IndicatorModel

extension AdminCommand {
    struct Participants: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "participants",
            abstract: "Register, list, show and disable participants (organisations).",
            subcommands: [Create.self, List.self, Show.self, Disable.self]
        )
    }
}

extension AdminCommand.Participants {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an organisation.",
            discussion: "Example: scamhub admin participants create --id bank-a --role bank --jurisdiction TH"
        )

        @OptionGroup var hub: HubOptions

        @Option(help: "Its id: 2 to 64 lowercase letters, digits and inner hyphens.", transform: ParticipantID.init)
        var id: ParticipantID

        @Option(help: "What kind of organisation it is: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: Role

        @Option(help: "Its ISO 3166-1 alpha-2 jurisdiction, e.g. TH.", transform: Jurisdiction.init)
        var jurisdiction: Jurisdiction

        @Option(name: .customLong("community"), help: "A sharing community it belongs to; repeat for several.")
        var communities: [String] = []

        func run() async throws {
            let request = NewParticipant(id: id, role: role, jurisdiction: jurisdiction, communities: communities)
            let record = try await hub.call { try await $0.createParticipant(request) }
            if hub.json { try printJSON(record) } else { printDetails(of: record) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every participant, disabled ones included.")

        @OptionGroup var hub: HubOptions

        func run() async throws {
            let list = try await hub.call { try await $0.participants() }
            if hub.json { return try printJSON(list) }
            TextTable(
                header: ["ID", "ROLE", "JURISDICTION", "COMMUNITIES", "CREATED", "STATUS"],
                rows: list.participants.map { record in
                    [
                        record.id.rawValue, record.role.rawValue, record.jurisdiction.code,
                        record.communities.isEmpty ? "-" : record.communities.joined(separator: ","),
                        formatted(record.createdAt), status(of: record),
                    ]
                }
            ).print()
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one participant.")

        @OptionGroup var hub: HubOptions

        @Argument(help: "The participant's id.", transform: ParticipantID.init)
        var id: ParticipantID

        func run() async throws {
            let record = try await hub.call { try await $0.participant(id) }
            if hub.json { try printJSON(record) } else { printDetails(of: record) }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a participant: its keys stop working at once; its reports stay."
        )

        @OptionGroup var hub: HubOptions

        @Argument(help: "The participant's id.", transform: ParticipantID.init)
        var id: ParticipantID

        func run() async throws {
            let record = try await hub.call { try await $0.disableParticipant(id) }
            if hub.json { try printJSON(record) } else { printDetails(of: record) }
        }
    }
}

private func printDetails(of record: ParticipantRecord) {
    TextTable(rows: [
        ["id", record.id.rawValue],
        ["role", record.role.rawValue],
        ["jurisdiction", record.jurisdiction.code],
        ["communities", record.communities.isEmpty ? "-" : record.communities.joined(separator: ", ")],
        ["created", formatted(record.createdAt)],
        ["status", status(of: record)],
    ]).print()
}

private func status(of record: ParticipantRecord) -> String {
    record.disabledAt.map { "disabled \(formatted($0))" } ?? "enabled"
}
