/// What kind of organisation a participant is; policies route indicators by role.
public enum Role: String, CaseIterable, Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    case bank
    case platform
    case telco
    case lawEnforcement = "law_enforcement"
    case regulator
    case ngo
    /// Reads the audit log; never receives indicators, whatever a policy says.
    case auditor
    /// Runs the hub: participants, keys, policies.
    case `operator`

    /// The role's position in `allCases`, for bit sets and tables.
    package var index: Int {
        switch self {
        case .bank: 0
        case .platform: 1
        case .telco: 2
        case .lawEnforcement: 3
        case .regulator: 4
        case .ngo: 5
        case .auditor: 6
        case .operator: 7
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.index < rhs.index }
    public var description: String { rawValue }
}
