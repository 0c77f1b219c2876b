public import IndicatorModel

/// How long reports are kept: a default and a maximum, overridable per kind and category.
public struct RetentionTable: Hashable, Sendable {
    let standard: RetentionPeriod
    /// In file order; the first that applies wins.
    let overrides: [RetentionOverride]

    /// The retention a report gets: the default when it asks for none, its request clamped to the maximum.
    public func retention(for kind: IndicatorKind, category: Category, requested: Duration?) -> RetentionGrant {
        let period = overrides.first { $0.applies(to: kind, category) }?.period ?? standard
        guard let requested else {
            return RetentionGrant(period: period.standard, requested: nil, maximum: period.maximum)
        }
        return RetentionGrant(period: min(requested, period.maximum), requested: requested, maximum: period.maximum)
    }

    /// The longest any report can be kept: the largest maximum.
    public var longest: Duration {
        overrides.map(\.period.maximum).reduce(standard.maximum, max)
    }
}

struct RetentionPeriod: Hashable, Sendable {
    let standard: Duration
    let maximum: Duration
}

struct RetentionOverride: Hashable, Sendable {
    /// Kinds and categories by index; all ones means any.
    let kinds: UInt16
    let categories: UInt32
    let period: RetentionPeriod
    let line: Int

    func applies(to kind: IndicatorKind, _ category: Category) -> Bool {
        kinds & (1 << kind.policyIndex) != 0 && categories & (1 << category.policyIndex) != 0
    }
}

/// The retention granted to one report, and whether its request was cut short.
public struct RetentionGrant: Hashable, Sendable, CustomStringConvertible {
    public let period: Duration
    public let requested: Duration?
    public let maximum: Duration

    public var isClamped: Bool { requested.map { $0 > maximum } ?? false }

    public var description: String {
        guard let requested else { return "\(formatDuration(period)) (the policy's default)" }
        if isClamped {
            return
                "\(formatDuration(period)): requested \(formatDuration(requested)), clamped to the maximum \(formatDuration(maximum))"
        }
        return "\(formatDuration(period)) as requested"
    }
}

/// A lookup rate limit: `count` lookups per `period`.
public struct RateLimit: Hashable, Sendable, CustomStringConvertible {
    public let count: Int
    public let period: Duration

    public init(count: Int, period: Duration) {
        self.count = count
        self.period = period
    }

    public var description: String {
        let unit: String =
            switch period {
            case .seconds(1): "s"
            case .seconds(60): "min"
            case .seconds(3_600): "h"
            default: "day"
            }
        return "\(count)/\(unit)"
    }
}

/// Who receives aggregate statistics and how large a group must be to be counted.
public struct AggregatePolicy: Hashable, Sendable {
    /// A statistic covering fewer distinct reporters or tokens than this is suppressed.
    public let kAnonymity: Int
    let roles: RoleSet

    public func receivesAggregates(_ role: Role) -> Bool { roles.contains(role) && role != .auditor }

    /// Whether a report with this label may be counted: `red` never, public statistics `clear` only.
    public static func mayCount(_ tlp: TLP, inPublicStatistics: Bool) -> Bool {
        inPublicStatistics ? tlp == .clear : tlp != .red
    }
}

/// `90d`, `12h`, `30m`, `45s`: the largest unit that divides the duration evenly.
func formatDuration(_ duration: Duration) -> String {
    let seconds = duration.components.seconds
    for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60)] where seconds != 0 && seconds % size == 0 {
        return "\(seconds / size)\(unit)"
    }
    return "\(seconds)s"
}
