public import ArgumentParser
import Foundation
import HubClient
public import IndicatorModel

extension Category: ExpressibleByArgument {}
extension Listing: ExpressibleByArgument {}

/// What to push, as flags: the filter of `subscribe` and `subscriptions create`.
struct FilterOptions: ParsableArguments {
    @Option(
        name: .customLong("kind"),
        help: "Only this kind (repeatable): \(IndicatorKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kinds: [IndicatorKind] = []

    @Option(name: .customLong("category"), help: "Only this category (repeatable), e.g. mule_account.")
    var categories: [IndicatorModel.Category] = []

    @Option(name: .customLong("list"), help: "Only this list: flag or allow.")
    var lists: [Listing] = []

    @Option(help: "Only reports at least this confident (0–100).")
    var minConfidence: Int?

    @Option(name: .customLong("jurisdiction"), help: "Only reports limited to this jurisdiction (repeatable), e.g. TH.")
    var jurisdictions: [String] = []

    @Flag(help: "Only tokens that at least two organisations reported.")
    var corroboratedOnly = false

    /// The filter, or a usage error naming the bad flag.
    func filter() throws -> SubscriptionFilter {
        var filter = SubscriptionFilter()
        if !kinds.isEmpty { filter.kinds = kinds }
        if !categories.isEmpty { filter.categories = categories }
        if !lists.isEmpty { filter.lists = lists }
        if let minConfidence {
            guard let confidence = try? Confidence(minConfidence) else {
                throw ValidationError("--min-confidence must be 0 to 100")
            }
            filter.minimumConfidence = confidence
        }
        if !jurisdictions.isEmpty {
            filter.jurisdictions = try jurisdictions.map { code in
                guard let jurisdiction = try? Jurisdiction(code) else {
                    throw ValidationError("--jurisdiction \(code) is not a two-letter country code such as TH")
                }
                return jurisdiction
            }
        }
        if corroboratedOnly { filter.corroboratedOnly = true }
        return filter
    }
}

struct SubscriptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscriptions",
        abstract: "Create and manage push subscriptions: Server-Sent Events or signed webhooks.",
        discussion: """
            Needs an API key with the subscribe scope. A webhook subscription's secret is printed once, \
            at creation and at rotation: keep it to verify deliveries (docs/webhooks.md). Read an sse \
            subscription with `scamhub subscribe --subscription ID`.

            Exit codes: 0 done, 64 usage error, 65 refused as invalid (e.g. a private webhook URL), \
            69 hub unreachable, 77 key not accepted or lacks the subscribe scope.
            """,
        subcommands: [
            Create.self, List.self, Show.self, Pause.self, Resume.self, Delete.self, RotateSecret.self, Replay.self,
        ]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a subscription: a webhook with --url, else one to read with `scamhub subscribe`.",
            discussion:
                "Example: scamhub subscriptions create --name fraud-engine --kind bank_account --url https://hooks.example/scamhub"
        )
        @OptionGroup var hub: HubOptions
        @OptionGroup var filter: FilterOptions
        @Option(help: "A name to recognise it by.") var name: String?
        @Option(help: "Deliver by webhook to this https URL.") var url: String?

        func validate() throws {
            _ = try filter.filter()
        }

        func run() async throws {
            let request = SubscriptionRequest(
                name: name, filter: try filter.filter(), delivery: url == nil ? .sse : .webhook, url: url)
            let created = try await hub.call { try await $0.createSubscription(request) }
            if hub.json { return try printJSON(created) }
            printSubscriptions([created.subscription])
            if let secret = created.secret {
                print("\nWebhook secret (shown once; verify deliveries with it, docs/webhooks.md):\n  \(secret)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List your subscriptions.")
        @OptionGroup var hub: HubOptions

        func run() async throws {
            let subscriptions = try await hub.call { try await $0.subscriptions() }
            if hub.json { return try printJSON(SubscriptionList(subscriptions: subscriptions)) }
            printSubscriptions(subscriptions)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one subscription, with its webhook delivery status (last status, last error, attempts).")
        @OptionGroup var hub: HubOptions
        @Argument(help: "The subscription id (sub_…).") var id: String

        func run() async throws {
            let subscription = try await hub.call { try await $0.subscription(id) }
            if hub.json { return try printJSON(subscription) }
            printSubscriptions([subscription])
            if let webhook = subscription.webhook {
                var table = TextTable()
                table.rows = [
                    ["failed attempts", "\(webhook.attempts)"],
                    ["last attempt", webhook.lastAttemptAt.map(formatted) ?? "-"],
                    ["last success", webhook.lastSuccessAt.map(formatted) ?? "-"],
                    ["last status", webhook.lastStatus.map { "\($0)" } ?? "-"],
                    ["last error", webhook.lastError ?? "-"],
                    ["failing since", webhook.failingSince.map(formatted) ?? "-"],
                    ["next attempt", webhook.nextAttemptAt.map(formatted) ?? "-"],
                ]
                print("")
                table.print()
            }
        }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pause deliveries; changes wait at the cursor.")
        @OptionGroup var hub: HubOptions
        @Argument(help: "The subscription id (sub_…).") var id: String

        func run() async throws {
            let subscription = try await hub.call { try await $0.pauseSubscription(id) }
            if hub.json { return try printJSON(subscription) }
            printSubscriptions([subscription])
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resume a paused, failing or disabled subscription; a webhook is tried again at once.")
        @OptionGroup var hub: HubOptions
        @Argument(help: "The subscription id (sub_…).") var id: String

        func run() async throws {
            let subscription = try await hub.call { try await $0.resumeSubscription(id) }
            if hub.json { return try printJSON(subscription) }
            printSubscriptions([subscription])
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a subscription.")
        @OptionGroup var hub: HubOptions
        @Argument(help: "The subscription id (sub_…).") var id: String

        func run() async throws {
            try await hub.call { try await $0.deleteSubscription(id) }
            if !hub.json { print("Deleted \(id).") }
        }
    }

    struct RotateSecret: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-secret",
            abstract: "Make a new webhook secret; the old one keeps signing alongside it during the overlap.")
        @OptionGroup var hub: HubOptions
        @Argument(help: "The subscription id (sub_…).") var id: String
        @Option(help: "Hours the old secret stays valid (0: retire it now).") var overlapHours = 24

        func validate() throws {
            guard (0...720).contains(overlapHours) else { throw ValidationError("--overlap-hours must be 0 to 720") }
        }

        func run() async throws {
            let rotated = try await hub.call {
                try await $0.rotateSubscriptionSecret(id, overlap: .seconds(overlapHours * 3_600))
            }
            if hub.json { return try printJSON(rotated) }
            print("New webhook secret (shown once):\n  \(rotated.secret ?? "-")")
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver a webhook subscription's changes after SEQ again.")
        @OptionGroup var hub: HubOptions
        @Argument(help: "The subscription id (sub_…).") var id: String
        @Option(help: "Replay the changes after this sequence number.") var from: Int64

        func run() async throws {
            let subscription = try await hub.call { try await $0.replaySubscription(id, from: from) }
            if hub.json { return try printJSON(subscription) }
            printSubscriptions([subscription])
        }
    }
}

private func printSubscriptions(_ subscriptions: [Subscription]) {
    var table = TextTable(header: ["ID", "NAME", "DELIVERY", "STATE", "CURSOR", "URL"])
    for subscription in subscriptions {
        table.rows.append([
            subscription.id, subscription.name ?? "-", subscription.delivery.rawValue, subscription.state.rawValue,
            subscription.delivery == .webhook ? "\(subscription.cursor)" : "-", subscription.url ?? "-",
        ])
    }
    table.print()
}
