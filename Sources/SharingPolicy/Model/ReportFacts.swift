public import IndicatorModel

/// What a sharing decision needs to know about one report: who made it and what it says.
public struct ReportFacts: Hashable, Sendable {
    public var reporter: Participant
    public var kind: IndicatorKind
    public var category: Category
    public var confidence: Confidence
    public var tlp: TLP
    public var listing: Listing
    /// The organisations a `red` or `amber+strict` report is for.
    public var recipients: [ParticipantID]
    /// Limits delivery to recipients in these jurisdictions; empty means no limit.
    public var jurisdictions: [Jurisdiction]

    public init(
        reporter: Participant, kind: IndicatorKind, category: Category, confidence: Confidence, tlp: TLP,
        listing: Listing = .flag, recipients: [ParticipantID] = [], jurisdictions: [Jurisdiction] = []
    ) {
        self.reporter = reporter
        self.kind = kind
        self.category = category
        self.confidence = confidence
        self.tlp = tlp
        self.listing = listing
        self.recipients = recipients
        self.jurisdictions = jurisdictions
    }

    /// The facts of a published report, with the participant who published it.
    public init(_ report: Report, reporter: Participant) {
        self.init(
            reporter: reporter, kind: report.kind, category: report.category, confidence: report.confidence,
            tlp: report.tlp, listing: report.listing, recipients: report.recipients,
            jurisdictions: report.jurisdictions)
    }
}

extension ReportFacts: Codable {
    enum CodingKeys: String, CodingKey {
        case reporter, kind, category, confidence, tlp, recipients, jurisdictions
        case listing = "list"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            reporter: try container.decode(Participant.self, forKey: .reporter),
            kind: try container.decode(IndicatorKind.self, forKey: .kind),
            category: try container.decode(Category.self, forKey: .category),
            confidence: try container.decode(Confidence.self, forKey: .confidence),
            tlp: try container.decode(TLP.self, forKey: .tlp),
            listing: try container.decodeIfPresent(Listing.self, forKey: .listing) ?? .flag,
            recipients: try container.decodeIfPresent([ParticipantID].self, forKey: .recipients) ?? [],
            jurisdictions: try container.decodeIfPresent([Jurisdiction].self, forKey: .jurisdictions) ?? [])
    }
}
