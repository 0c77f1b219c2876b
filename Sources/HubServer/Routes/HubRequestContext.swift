package import Foundation
package import Hummingbird
package import IndicatorModel
import Logging

/// What travels with one request: Hummingbird's core storage, the caller once authenticated, and
/// what the audit hook records about the outcome.
package struct HubRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The authenticated caller; nil before authentication or when it failed.
    package var principal: Principal?
    /// What the request did, filled by handlers for the audit hook.
    package var audit = AuditNote()

    package init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Bodies are limited by the hub's configuration before they are read; see `Hub.readBody`.
    package var maxUploadSize: Int { Int.max }

    package var requestDecoder: JSONDecoder { WireCoding.makeDecoder() }

    /// The request's id, as the logs and problem+json `instance` carry it.
    package var requestID: String? { logger[metadataKey: "hb.request.id"].map { "\($0)" } }
    package var responseEncoder: JSONEncoder { WireCoding.makeEncoder() }
}

/// What a handler tells the audit hook about its request beyond who called and how it ended.
package struct AuditNote: Sendable {
    /// The action, e.g. `reports.publish`; the hook falls back to the route.
    package var action: String?
    /// What was acted on, e.g. a participant id or `flag-list`.
    package var resource: String?
    /// For deliveries and writes: the sequence numbers delivered or written.
    package var delivered: SequenceSet?
    /// How many items were delivered or accepted.
    package var count: Int?
    /// For deliveries: the policy that decided what was delivered.
    package var policyVersion: String?

    /// Notes `sequences` as delivered or written, and how many items they carried.
    mutating func deliver(_ sequences: some Sequence<Int64>, count: Int) {
        let set = SequenceSet(sequences)
        delivered = set.isEmpty ? nil : set
        self.count = count
    }

    /// Notes the changes after `after` up to `through` as delivered.
    mutating func deliver(after: Int64, through: Int64, count: Int) {
        delivered = after < through ? SequenceSet((after + 1)...through) : nil
        self.count = count
    }
}
