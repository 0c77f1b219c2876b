public import ArgumentParser
import Foundation
import HubClient
public import IndicatorModel

extension AuditOutcome: ExpressibleByArgument {}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Query, export and verify a hub's tamper-evident audit log.",
        discussion: """
            `events`, `recipients`, `export`, `checkpoints` and `public-key` call the hub with an API key that \
            has the audit scope (--api-key-file or SCAMHUB_API_KEY); `verify` works offline on files. \
            The log's format and how to verify it with other tools: docs/audit.md.

            A typical audit: save the hub's public key once (`scamhub audit public-key -o hub.pub`), then \
            `scamhub audit export -o log.jsonl --checkpoints cps.json` and \
            `scamhub audit verify --export log.jsonl --public-key hub.pub --checkpoint cps.json` — \
            keeping the checkpoints of earlier audits and passing them too, so that a rewrite since then \
            is caught.

            Exit codes: 0 done (verify: intact), 1 verify found tampering, 64 usage error, 65 invalid input \
            (a key or checkpoint file that is not one), 66 missing file, 69 hub unreachable or failing, \
            73 cannot create the output file, 74 I/O error, 77 key not accepted or lacks the audit scope.
            """,
        subcommands: [Events.self, Recipients.self, Export.self, Checkpoints.self, PublicKey.self, Verify.self]
    )
}

extension AuditCommand {
    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List audit entries: who did what, when, and how it ended.",
            discussion: """
                Example: scamhub audit events --actor demo-bank --since 2026-11-01 --action flaglist.changes
                """
        )

        @OptionGroup var hub: HubOptions

        @Option(help: "Only entries of this participant.")
        var actor: String?

        @Option(help: "Only this action, e.g. reports.publish, flaglist.changes, lookup, audit.export.")
        var action: String?

        @Option(help: "Only this outcome: success, refused or failed.")
        var outcome: AuditOutcome?

        @Option(help: "Entries at or after this time (RFC 3339, or a date).")
        var since: String?

        @Option(help: "Entries before this time (RFC 3339, or a date).")
        var until: String?

        @Option(help: "Entries numbered above this one (paging).")
        var after: Int64 = 0

        @Option(help: "At most this many entries (1–10000).")
        var limit = 100

        func run() async throws {
            let filter = AuditEventFilter(actor: actor, action: action, outcome: outcome, since: since, until: until)
            let page = try await hub.call { try await $0.auditEvents(filter, after: after, limit: limit) }
            if hub.json { return try printJSON(page) }
            var table = TextTable(header: [
                "SEQ", "AT", "ACTOR", "ACTION", "RESOURCE", "OUTCOME", "STATUS", "DELIVERED", "COUNT",
            ])
            for event in page.events {
                table.rows.append([
                    "\(event.seq)", event.at.description, event.actor ?? "-", event.action, event.resource ?? "-",
                    event.outcome.rawValue, event.status.map { "\($0)" } ?? "-", event.delivered?.description ?? "-",
                    event.count.map { "\($0)" } ?? "-",
                ])
            }
            table.print()
            if page.hasMore { printError("more entries follow: --after \(page.next)") }
        }
    }

    struct Recipients: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which participants received a token, through which channel, when and under which policy.",
            discussion: """
                Give the token (--token), or the value with its kind and the community key file: it is \
                canonicalized and hashed here, and only the token is sent.

                Example: scamhub audit recipients --value '+66 81 234 5678' --kind phone --key-file community.key
                """
        )

        @OptionGroup var hub: HubOptions

        @OptionGroup var target: TokenOptions

        @Option(help: "Only reports under this community key id (kid).")
        var kid: String?

        func run() async throws {
            let token = try target.resolve()
            var keyID: KeyID?
            if let kid {
                do { keyID = try KeyID(kid) } catch {
                    printError("scamhub: --kid \(kid): \(error)")
                    throw ExitCode.usage
                }
            }
            let answer = try await hub.call { try await $0.auditRecipients(of: token, keyID: keyID) }
            if hub.json { return try printJSON(answer) }
            print("token \(token.hex): \(answer.changes) change(s) on record")
            guard !answer.recipients.isEmpty || !answer.undetermined.isEmpty else {
                return print("no participant received it")
            }
            var table = TextTable(header: [
                "PARTICIPANT", "CHANNEL", "DELIVERIES", "FIRST", "LAST", "SEQUENCES", "POLICY",
            ])
            for recipient in answer.recipients {
                table.rows.append(row(recipient))
            }
            table.print()
            if !answer.undetermined.isEmpty {
                print("\nundetermined (the policy version's text was not kept; the hub cannot re-decide):")
                var other = TextTable(header: table.header)
                other.rows = answer.undetermined.map(row)
                other.print()
            }
        }

        private func row(_ recipient: AuditRecipient) -> [String] {
            [
                recipient.participant.rawValue, recipient.channel, "\(recipient.deliveries)", recipient.firstAt,
                recipient.lastAt, recipient.sequences.map(String.init).joined(separator: ","),
                recipient.policyVersions.map { String($0.prefix(19)) }.joined(separator: ","),
            ]
        }
    }
}
