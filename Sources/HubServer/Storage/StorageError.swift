/// Why the store refused an operation or could not read what it holds.
package enum StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    case participantExists(String)
    case unknownParticipant(String)
    case participantDisabled(String)
    case unknownKey(String)
    /// An all-or-nothing batch had invalid reports: (index, reason) for each.
    case batchRejected([Int: String])
    /// The idempotency key was used before with a different batch.
    case idempotencyConflict(key: String)
    /// A stored value no longer decodes: the database was changed outside the hub.
    case corruptValue(table: String, column: String)

    package var description: String {
        switch self {
        case .participantExists(let id): "participant \(id) already exists; pick another id"
        case .unknownParticipant(let id): "no participant \(id); create it first"
        case .participantDisabled(let id): "participant \(id) is disabled"
        case .unknownKey(let id): "no API key with id \(id)"
        case .batchRejected(let items):
            "batch rejected as a whole: \(items.count) invalid report(s), first at index "
                + "\(items.keys.min() ?? 0): \(items[items.keys.min() ?? 0] ?? ""); fix them or publish without all-or-nothing"
        case .idempotencyConflict(let key):
            "idempotency key \(key) was already used for a different batch; use a new key for new content"
        case .corruptValue(let table, let column):
            "stored value in \(table).\(column) cannot be read; the database was modified outside the hub"
        }
    }
}
