public import IndicatorModel

/// A class of recipients and reports whose view changes between two policy versions.
///
/// `category` and `jurisdiction` are `*` when every category (or every jurisdiction the policies
/// name, plus any other) changes alike; `jurisdiction` is `other` for jurisdictions neither
/// policy names.
public struct VisibilityChange: Codable, Hashable, Sendable, CustomStringConvertible {
    public let role: Role
    public let kind: IndicatorKind
    public let category: String
    public let jurisdiction: String
    /// Every field some report of the class could deliver, before and after.
    public let before: [String]
    public let after: [String]
    /// Fields that some report of the class delivered before and no longer does, even when another
    /// report still delivers them (an allow-list route removed, a label or reporter role dropped).
    public let lost: [String]

    /// `gains`, `loses`, `widens` or `narrows`: removals are due for `loses` and `narrows`.
    public var change: String {
        if before.isEmpty { return "gains" }
        if after.isEmpty { return "loses" }
        return lost.isEmpty ? "widens" : "narrows"
    }

    public var description: String {
        let what = "\(role) in \(jurisdiction): \(kind) / \(category)"
        switch change {
        case "gains": return "+ \(what) gains [\(after.joined(separator: ", "))]"
        case "loses": return "- \(what) loses [\(before.joined(separator: ", "))]"
        default:
            let hidden =
                Set(before).subtracting(after) == Set(lost)
                ? "" : "; some reports lose [\(lost.joined(separator: ", "))]"
            return
                "~ \(what) \(change): [\(before.joined(separator: ", "))] → [\(after.joined(separator: ", "))]\(hidden)"
        }
    }
}
