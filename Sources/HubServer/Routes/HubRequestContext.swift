package import Foundation
package import Hummingbird
import IndicatorModel

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
    package var responseEncoder: JSONEncoder { WireCoding.makeEncoder() }
}

/// What a handler tells the audit hook about its request beyond who called and how it ended.
package struct AuditNote: Sendable {
    /// The action, e.g. `reports.publish`; the hook falls back to the route.
    package var action: String?
    /// What was acted on, e.g. a participant id or `flag-list`.
    package var resource: String?
    /// For deliveries: the sequence numbers delivered.
    package var sequenceRange: ClosedRange<Int64>?
    /// For deliveries: the policy that decided what was delivered.
    package var policyVersion: String?

    /// The range from the lowest to the highest of `sequences`; nil when there are none.
    static func range(spanning sequences: [Int64]) -> ClosedRange<Int64>? {
        guard let first = sequences.min(), let last = sequences.max() else { return nil }
        return first...last
    }
}
