/// What an API key lets its holder do; every hub endpoint requires one.
public enum Scope: String, CaseIterable, Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Publish, amend and revoke reports.
    case publish
    /// Pull the feed and the flag list, and record feedback.
    case consume
    /// Look tokens up one request at a time.
    case lookup
    /// Receive pushed alerts (Server-Sent Events, webhooks).
    case subscribe
    /// Read the audit log.
    case audit
    /// Manage participants and keys.
    case admin

    public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}
