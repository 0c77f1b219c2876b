/// A set of sequence numbers kept as ascending, disjoint, non-adjacent ranges: what one request
/// delivered or wrote. Written `1-250`, `17`, `5-9,12,40-41` (docs/audit.md).
public struct SequenceSet: Hashable, Sendable, CustomStringConvertible {
    public private(set) var ranges: [ClosedRange<Int64>]

    /// The set of `sequences`, in any order, repeats allowed.
    public init(_ sequences: some Sequence<Int64>) {
        ranges = []
        for sequence in sequences.sorted() {
            if let last = ranges.last, sequence - 1 <= last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound...max(last.upperBound, sequence)
            } else {
                ranges.append(sequence...sequence)
            }
        }
    }

    /// The set of one range.
    public init(_ range: ClosedRange<Int64>) {
        ranges = [range]
    }

    /// Parses the written form; nil unless it is exactly canonical (ascending, disjoint, non-adjacent,
    /// positive, no spaces), so that one set has one spelling.
    public init?(parsing text: some StringProtocol) {
        var ranges: [ClosedRange<Int64>] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard let first = Self.number(Substring(bounds[0])) else { return nil }
            var range = first...first
            if bounds.count == 2 {
                guard let last = Self.number(Substring(bounds[1])), last > first else { return nil }
                range = first...last
            }
            if let previous = ranges.last, range.lowerBound - 1 <= previous.upperBound { return nil }
            ranges.append(range)
        }
        guard !ranges.isEmpty else { return nil }
        self.ranges = ranges
    }

    private static func number(_ text: Substring) -> Int64? {
        guard let first = text.utf8.first, first != UInt8(ascii: "0"), text.utf8.allSatisfy({ $0 &- 48 < 10 }),
            let value = Int64(text), value > 0
        else { return nil }
        return value
    }

    public var isEmpty: Bool { ranges.isEmpty }
    public var lowerBound: Int64? { ranges.first?.lowerBound }
    public var upperBound: Int64? { ranges.last?.upperBound }
    /// How many numbers the set holds.
    public var count: Int64 { ranges.reduce(0) { $0 + $1.upperBound - $1.lowerBound + 1 } }

    public func contains(_ sequence: Int64) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < sequence { low = middle + 1 } else { high = middle }
        }
        return low < ranges.count && ranges[low].contains(sequence)
    }

    public var description: String {
        ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
            .joined(separator: ",")
    }
}
