package import Foundation

/// What a publish did with each report of a batch, in the batch's order.
package struct PublishResult: Codable, Hashable, Sendable {
    package var items: [Item]
    /// True when this is the stored result of an earlier batch with the same idempotency key.
    package var isReplay = false

    package init(items: [Item]) { self.items = items }

    enum CodingKeys: String, CodingKey {
        case items
    }

    /// The sequence numbers the batch was assigned, in order.
    package var assignedSequences: [Int64] {
        items.compactMap {
            switch $0 {
            case .created(let sequence), .updated(let sequence): sequence
            case .unchanged, .rejected: nil
            }
        }
    }

    /// The outcome of one report.
    package enum Item: Codable, Hashable, Sendable {
        /// A new report, or one published again after removal; carries its change's sequence number.
        case created(sequence: Int64)
        /// The reporter's report on the token now says something else.
        case updated(sequence: Int64)
        /// The same report was already live: a retry. Carries the sequence of its latest change.
        case unchanged(sequence: Int64)
        /// The report breaks a rule; the message says which, for the person who must fix it.
        case rejected(reason: String)
    }
}

/// Ties a publish to a client-chosen key so that sending it again returns the first result.
package struct IdempotencyKey: Hashable, Sendable {
    /// The client's key for the batch, unique per participant.
    package var key: String
    /// What identifies the request's content, e.g. a hash of its body; nil lets the store hash the reports.
    package var fingerprint: Data?

    package init(_ key: String, fingerprint: Data? = nil) {
        self.key = key
        self.fingerprint = fingerprint
    }
}
