/// How sure a reporter is, from 0 (a guess) to 100 (confirmed).
public struct Confidence: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: Int

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
        let value = try decoder.singleValueContainer().decode(Int.self)
        do { try self.init(value) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
