import Synchronization

/// The highest sequence number this hub has committed: readers advance to it without asking the database.
///
/// Writers raise it after their transaction commits; it starts at the database's latest sequence.
package final class CommitWatermark: Sendable {
    private let value: Mutex<Int64>

    package init(_ initial: Int64) {
        value = Mutex(initial)
    }

    package var current: Int64 { value.withLock { $0 } }

    /// Raises the watermark to `sequence` if that is higher.
    package func raise(to sequence: Int64) {
        value.withLock { $0 = max($0, sequence) }
    }
}
