public import IndicatorModel

/// A compiled sharing policy: the only thing that decides who sees what.
///
/// Built from a policy file by `Policy.compile(yaml:file:)`; immutable and `Sendable`, so one
/// value serves every request. `decide` reads integer tables only (see `Policy+Decide.swift`).
public struct Policy: Sendable {
    /// The name the file gives itself (`policy:`).
    public let name: String
    /// A stable hash of what the policy decides, carried into every delivery and audit entry.
    public let version: PolicyVersion

    let summary: String?
    let communities: [Community]
    /// The jurisdictions rules and communities name, numbered 0..<63; 63 stands for any other.
    let jurisdictions: [Jurisdiction]
    let jurisdictionNumbers: [Jurisdiction: Int]
    /// Participants that rules name directly, numbered 0..<64.
    let namedParticipants: [ParticipantID: Int]
    /// For each kind (by `kindIndex`), the roles that need to know its amber reports.
    let needToKnow: [RoleSet]
    /// Roles that may receive reports from another jurisdiction.
    let crossBorderRoles: RoleSet
    let rules: [Rule]
    /// The hot part of each rule, parallel to `rules`.
    let matchers: [RuleMatcher]
    let conditions: [Condition]
    /// Rule numbers per (role, kind) in file order: `candidates[candidateStart[i]..<candidateStart[i + 1]]`.
    let candidates: [Int32]
    let candidateStart: [Int32]
    public let retention: RetentionTable
    let lookupLimits: [Role: RateLimit]
    public let aggregates: AggregatePolicy
    /// What `scamhub policy check` would warn about; the policy works, but a person should look.
    public let warnings: [PolicyDiagnostic]

    init(draft: PolicyDraft, warnings: [PolicyDiagnostic]) {
        self.warnings = warnings
        name = draft.name
        summary = draft.summary
        communities = draft.communities
        jurisdictions = draft.jurisdictions
        jurisdictionNumbers = Dictionary(uniqueKeysWithValues: draft.jurisdictions.enumerated().map { ($1, $0) })
        namedParticipants = Dictionary(uniqueKeysWithValues: draft.namedParticipants.enumerated().map { ($1, $0) })
        needToKnow = draft.needToKnow
        crossBorderRoles = draft.crossBorderRoles
        rules = draft.rules
        matchers = draft.rules.map(\.matcher)
        conditions = draft.rules.flatMap(\.conditions)
        retention = draft.retention
        lookupLimits = draft.lookupLimits
        aggregates = draft.aggregates

        var candidates: [Int32] = []
        var candidateStart: [Int32] = []
        for role in Role.allCases {
            for kind in IndicatorKind.allCases {
                candidateStart.append(Int32(candidates.count))
                for (number, rule) in draft.rules.enumerated()
                where rule.matcher.roles.contains(role) && rule.matcher.kinds & (1 << kind.policyIndex) != 0 {
                    candidates.append(Int32(number))
                }
            }
        }
        candidateStart.append(Int32(candidates.count))
        self.candidates = candidates
        self.candidateStart = candidateStart
        version = PolicyVersion(canonicalText: draft.canonicalText)
    }

    /// How many routing rules the policy has.
    public var ruleCount: Int { rules.count }

    /// The lookup rate limit of a role; `nil` means the role may not look tokens up.
    public func lookupLimit(for role: Role) -> RateLimit? { lookupLimits[role] }

    /// The rule a decision names, if a rule decided it.
    public func rule(deciding decision: Decision) -> RuleSummary? {
        guard decision.ruleNumber >= 0 else { return nil }
        let rule = rules[Int(decision.ruleNumber)]
        return RuleSummary(id: rule.id, line: rule.line, description: rule.summary)
    }
}

/// A rule as people know it: its id, where it is and what it says it is for.
public struct RuleSummary: Hashable, Sendable {
    public let id: String
    public let line: Int
    public let description: String?
}

/// A sharing group: participants by id and/or by role and jurisdiction.
struct Community: Sendable {
    let id: String
    let participants: Set<ParticipantID>
    let roles: RoleSet
    /// Empty means any jurisdiction.
    let jurisdictions: Set<Jurisdiction>

    func includes(_ participant: Participant) -> Bool {
        participants.contains(participant.id)
            || (roles.contains(participant.role)
                && (jurisdictions.isEmpty || jurisdictions.contains(participant.jurisdiction)))
    }
}

/// One routing rule with what `explain` and `check` need besides the matcher.
struct Rule: Sendable {
    let id: String
    let summary: String?
    let line: Int
    let column: Int
    var matcher: RuleMatcher
    /// Alternatives: any one satisfied corroborates. Empty means no requirement.
    let conditions: [Condition]
    /// The names behind the matcher's bit sets, for messages and the canonical form.
    let communityIDs: [String]
    let participantIDs: [ParticipantID]
    let recipientJurisdictions: [Jurisdiction]
}

/// Which recipients the rule is for relative to the reporter's jurisdiction.
enum Delivery: UInt8, Sendable {
    case any, domestic, crossBorder
}

/// A rule reduced to integers: what `decide` compares.
struct RuleMatcher: Sendable {
    var roles: RoleSet
    var kinds: UInt16
    var categories: UInt32
    var listings: UInt8
    var tlps: UInt8
    var reporterRoles: RoleSet
    /// Recipient jurisdictions by policy number; all ones means any.
    var jurisdictions: UInt64
    /// Communities the recipient must belong to one of; 0 means no condition.
    var communities: UInt64
    /// Rule-named participants the recipient must be one of; 0 means no condition.
    var participants: UInt64
    var delivery: Delivery
    var isDeny: Bool
    var fields: FieldSet
    /// The rule's conditions: `conditions[conditionStart..<conditionStart + conditionCount]`.
    var conditionStart: Int32
    var conditionCount: Int32
}

/// "At least `reporters` distinct organisations [of `role`] with confidence ≥ `minimumConfidence`."
struct Condition: Hashable, Sendable {
    let reporters: Int
    let role: Role?
    let minimumConfidence: Int

    var description: String {
        var text = reporters == 1 ? "1" : "\(reporters)"
        if let role { text += " \(role.rawValue)" }
        text += reporters == 1 ? " reporter" : " distinct reporters"
        if minimumConfidence > 0 { text += " with confidence ≥ \(minimumConfidence)" }
        return text
    }
}

/// A set of roles as a bit mask.
struct RoleSet: Hashable, Sendable {
    var rawValue: UInt16

    static let none = RoleSet(rawValue: 0)
    static let all = RoleSet(rawValue: (1 << 8) - 1)

    init(rawValue: UInt16) { self.rawValue = rawValue }
    init(_ roles: some Sequence<Role>) { rawValue = roles.reduce(0) { $0 | (1 << $1.index) } }

    func contains(_ role: Role) -> Bool { rawValue & (1 << role.index) != 0 }
    func contains(index: Int) -> Bool { rawValue & (1 << index) != 0 }
    var roles: [Role] { Role.allCases.filter(contains) }
}

extension IndicatorKind {
    /// The kind's position in `allCases`, for bit sets and tables.
    var policyIndex: Int {
        switch self {
        case .phone: 0
        case .bankAccount: 1
        case .wallet: 2
        case .url: 3
        case .domain: 4
        case .email: 5
        case .ip: 6
        case .platformAccount: 7
        }
    }
}

extension TLP {
    /// The label's position in `allCases`, for bit sets.
    var policyIndex: Int { restrictiveness }
}

extension Listing {
    var policyIndex: Int { self == .flag ? 0 : 1 }
}

extension Category {
    /// The category's position in `allCases`, for bit sets.
    var policyIndex: Int { Category.allCases.firstIndex(of: self) ?? 0 }
}
