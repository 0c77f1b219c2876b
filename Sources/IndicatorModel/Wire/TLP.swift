/// Traffic Light Protocol 2.0 label of a report: how far the reporter allows it to travel.
public enum TLP: String, CaseIterable, Codable, Hashable, Sendable, Comparable {
    /// Any authenticated participant; may appear in public aggregate statistics.
    case clear
    /// Members of the sharing community.
    case green
    /// Community members whose role needs to know this kind.
    case amber
    /// Only the named recipient organisations.
    case amberStrict = "amber+strict"
    /// Only the named recipients; never forwarded, never in aggregates.
    case red

    /// Orders labels from least to most restrictive.
    public static func < (lhs: TLP, rhs: TLP) -> Bool {
        lhs.restrictiveness < rhs.restrictiveness
    }

    /// The label's place in the order from least to most restrictive, 0 (clear) to 4 (red).
    package var restrictiveness: Int {
        switch self {
        case .clear: 0
        case .green: 1
        case .amber: 2
        case .amberStrict: 3
        case .red: 4
        }
    }

    /// Whether a report with this label reaches only the recipients it names.
    public var requiresNamedRecipients: Bool { self == .amberStrict || self == .red }
}
