/// What a policy decided for one report and one recipient.
///
/// Small and allocation-free: the rule is a number into the policy (`Policy.rule(deciding:)`),
/// and `Policy.explain` turns the reason into words.
public struct Decision: Hashable, Sendable {
    /// The fields delivered; empty when denied.
    public let fields: FieldSet
    public let reason: Reason
    /// The number of the rule that decided, or -1 when a hard rule did.
    let ruleNumber: Int32

    public var isAllowed: Bool { !fields.isEmpty }

    static func allow(_ fields: FieldSet, _ reason: Reason, rule: Int32 = -1) -> Decision {
        Decision(fields: fields, reason: reason, ruleNumber: rule)
    }

    static func deny(_ reason: Reason, rule: Int32 = -1) -> Decision {
        Decision(fields: [], reason: reason, ruleNumber: rule)
    }

    /// Why a decision came out the way it did.
    public enum Reason: Hashable, Sendable {
        /// The reporter always sees its own reports, with every field.
        case ownReport
        case auditorsReceiveNoIndicators
        /// `red` or `amber+strict` and the recipient is not named.
        case notNamedRecipient
        /// `green` or `amber` and the recipient shares no community with the reporter.
        case notInReportersCommunity
        /// `amber` and the policy does not list the recipient's role as need-to-know for the kind.
        case notNeedToKnow
        case outsideReportJurisdictions
        case crossBorderNotAllowed
        case ruleAllows
        case ruleDenies
        /// The deciding rule's corroboration is not met; carries the distinct reporters there are.
        case notCorroborated(reporters: Int)
        case noRule
    }
}
