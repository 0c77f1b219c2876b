/// What kind of scam a report says the indicator serves.
public enum Category: String, CaseIterable, Codable, Hashable, Sendable {
    /// An account that receives and moves scam proceeds.
    case muleAccount = "mule_account"
    case investmentScam = "investment_scam"
    case romanceScam = "romance_scam"
    case jobRecruitmentScam = "job_recruitment_scam"
    /// Posing as a bank, government agency, police, courier or a relative.
    case impersonation
    case phishing
    case shoppingScam = "shopping_scam"
    case loanScam = "loan_scam"
    case techSupportScam = "tech_support_scam"
    case lotteryScam = "lottery_scam"
    case sextortion
    /// Recruitment into, or communication of, forced scam labour compounds.
    case scamCompound = "scam_compound"
    case other
}

/// Whether a report lists its token as bad (`flag`) or as verified official (`allow`).
///
/// `allow` entries — a bank's real hotline, a ministry's real domain — are the antidote to
/// impersonation scams.
public enum Listing: String, CaseIterable, Codable, Hashable, Sendable {
    /// The token stands for scam infrastructure.
    case flag
    /// The token stands for a verified official value.
    case allow
}

/// Why a reporter withdraws a report.
public enum RevocationReason: String, CaseIterable, Codable, Hashable, Sendable {
    /// The value was never used in a scam.
    case falsePositive = "false_positive"
    /// The matter is dealt with, e.g. the account was closed or the domain taken down.
    case resolved
    /// Another report replaces this one.
    case superseded
}

/// What a consumer did about a token, told back to its reporters.
public enum Disposition: String, CaseIterable, Codable, Hashable, Sendable {
    case blocked
    case accountFrozen = "account_frozen"
    case postRemoved = "post_removed"
    case falsePositive = "false_positive"
    case noAction = "no_action"
}
