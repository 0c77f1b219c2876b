/// How sure a reporter is, from 0 (a guess) to 100 (confirmed).
public struct Confidence: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The figure, 0 to 100.
    public let value: Int

    /// Accepts a figure from 0 to 100.
    public init(_ value: Int) throws(WireValueError) {
        guard (0...100).contains(value) else { throw .confidenceOutOfRange(value) }
        self.value = value
    }

    /// The coarse band shown to recipients whose policy hides the exact figure.
    public var band: Band {
        switch value {
        case ..<40: .low
        case ..<80: .medium
        default: .high
        }
    }

    /// Confidence bands: low 0–39, medium 40–79, high 80–100.
    public enum Band: String, CaseIterable, Codable, Hashable, Sendable {
        case low, medium, high
    }

    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.value < rhs.value }
    public var description: String { "\(value)" }
}

extension Confidence: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(decoder) { (value: Int) throws(WireValueError) in try Confidence(value) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
