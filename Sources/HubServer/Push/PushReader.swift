import Foundation
import IndicatorModel
import SharingPolicy

/// Reads the changes one push consumer (a stream, a webhook) is to receive: what the policy lets the
/// recipient see, narrowed by its filter, from the fan-out's memory or, when it is behind, the database.
struct PushReader: Sendable {
    let hub: Hub
    let recipient: PreparedRecipient
    let filter: SubscriptionFilter

    /// What one read found.
    enum Batch {
        /// The items to deliver (possibly none) and the last sequence number examined.
        case changes([PushItem], through: Int64)
        /// Nothing committed before the timeout.
        case idle
        /// The hub is shutting down.
        case stopped
    }

    /// The next changes after `cursor`, at most `limit` examined, waiting up to `timeout` for some.
    func next(after cursor: Int64, limit: Int, timeout: Duration) async throws -> Batch {
        switch await hub.fanout.window(after: cursor, limit: limit, timeout: timeout) {
        case .stopped: return .stopped
        case .timedOut: return .idle
        case .entries(let entries):
            return select(entries, after: cursor)
        case .behind:
            let window = try await hub.feedWindow(after: cursor, limit: limit)
            let entries = window.changes.map {
                ChangeFanout.Entry(
                    change: $0, live: window.live[$0.report.indicator] ?? [], participants: window.participants)
            }
            return select(entries, after: cursor)
        }
    }

    private func select(_ entries: [ChangeFanout.Entry], after cursor: Int64) -> Batch {
        let items = entries.compactMap { entry in
            entry.shaped(for: recipient, by: hub).flatMap {
                filter.matches($0.change, reportJurisdictions: $0.jurisdictions) ? $0 : nil
            }
        }
        return .changes(items, through: entries.last?.sequence ?? cursor)
    }
}

/// The Server-Sent Events wire format (WHATWG HTML, "Server-sent events").
enum ServerSentEvent {
    /// One event; `data` must be a single line (JSON without newlines is).
    static func encode(id: Int64?, event: String?, data: Data) -> [UInt8] {
        var text = ""
        if let id { text += "id: \(id)\n" }
        if let event { text += "event: \(event)\n" }
        var bytes = Array(text.utf8)
        bytes += Array("data: ".utf8)
        bytes += data
        bytes += Array("\n\n".utf8)
        return bytes
    }

    /// A comment line, which clients ignore: keeps proxies from closing an idle connection.
    static let heartbeat = Array(": heartbeat\n\n".utf8)

    /// The `cursor` event: every change up to `sequence` examined (`StreamCursor` as JSON).
    static func cursor(_ sequence: Int64) -> [UInt8] {
        encode(id: sequence, event: "cursor", data: Data("{\"next\":\(sequence)}".utf8))
    }
}
