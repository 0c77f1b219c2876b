import IndicatorModel
import SharingPolicy

/// A compact policy exercising every part of the language, for the decision tests.
let fixturePolicyText = """
    policy: fixture
    communities:
      - id: home
        roles: [bank, telco, platform, law_enforcement, regulator]
        jurisdictions: [TH]
      - id: partners
        participants: [partner-bank]
    field_sets:
      operational: [category, confidence_band, first_seen, last_seen, reporter_count, expiry]
    need_to_know:
      bank_account: [bank, law_enforcement]
      phone: [bank, telco, law_enforcement]
    cross_border:
      roles: [law_enforcement, bank]
    rules:
      - id: police-everything
        recipients: {roles: [law_enforcement]}
        match: {list: any}
        fields: [category, confidence, reporter, narrative, evidence_digests, sealed_plaintext]
      - id: banks-mule
        recipients: {roles: [bank]}
        match: {kinds: [bank_account, wallet]}
        require:
          any_of:
            - reporters: 2
            - reporters: 1
              reporter_role: law_enforcement
            - reporters: 1
              reporter_role: bank
              min_confidence: 80
        fields: operational
      - id: banks-phones
        recipients: {roles: [bank], delivery: domestic}
        match: {kinds: [phone]}
        fields: [category, confidence]
      - id: telcos-phones
        recipients: {roles: [telco]}
        match: {kinds: [phone], tlp: [clear, green, amber]}
        fields: [category]
      - id: no-sextortion-to-platforms
        effect: deny
        recipients: {roles: [platform]}
        match: {categories: [sextortion]}
      - id: platforms-online
        recipients: {roles: [platform]}
        match: {kinds: [url, domain, phone]}
        fields: [category, confidence_band]
    retention:
      default: 90d
      maximum: 365d
      overrides:
        - kinds: [phone]
          default: 30d
          maximum: 180d
        - categories: [scam_compound]
          maximum: 730d
    lookup_limits:
      bank: 600/min
      law_enforcement: 10000/h
    aggregates:
      k_anonymity: 10
      roles: [regulator, ngo]
    """

let fixturePolicy: Policy = {
    do { return try Policy(yaml: fixturePolicyText, file: "fixture.yaml") } catch { fatalError("\(error)") }
}()

func participant(_ id: String, _ role: Role, _ jurisdiction: String = "TH") -> Participant {
    // Test inputs are literals known to be valid.
    Participant(id: try! ParticipantID(id), role: role, jurisdiction: try! Jurisdiction(jurisdiction))
}

func facts(
    from reporter: Participant, _ kind: IndicatorKind, _ category: IndicatorModel.Category = .muleAccount,
    confidence: Int = 50, tlp: TLP = .green, listing: Listing = .flag, recipients: [String] = [],
    jurisdictions: [String] = []
) -> ReportFacts {
    ReportFacts(
        reporter: reporter, kind: kind, category: category, confidence: try! Confidence(confidence), tlp: tlp,
        listing: listing,
        recipients: recipients.map { try! ParticipantID($0) },
        jurisdictions: jurisdictions.map { try! Jurisdiction($0) })
}

func live(_ reporter: String, _ role: Role, _ confidence: Int) -> IndicatorState.LiveReport {
    IndicatorState.LiveReport(
        reporter: try! ParticipantID(reporter), role: role, confidence: try! Confidence(confidence))
}

let homeBank = participant("home-bank", .bank)
let otherBank = participant("other-bank", .bank)
let police = participant("home-police", .lawEnforcement)
let telco = participant("home-telco", .telco)
let platform = participant("home-platform", .platform)
let regulator = participant("home-regulator", .regulator)
let auditor = participant("home-auditor", .auditor)

extension Policy {
    /// The id of the rule that decided, for assertions.
    func ruleID(_ decision: Decision) -> String? { rule(deciding: decision)?.id }
}
