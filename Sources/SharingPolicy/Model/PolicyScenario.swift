/// A report, its token's state and optionally a recipient: what `scamhub policy explain` reads.
///
/// ```json
/// {"report": {"reporter": {"id": "bank-alpha", "role": "bank", "jurisdiction": "TH"},
///             "kind": "bank_account", "category": "mule_account", "confidence": 85, "tlp": "green"},
///  "indicator": {"reports": []},
///  "recipient": {"id": "bank-beta", "role": "bank", "jurisdiction": "TH"},
///  "requested_retention": "400d"}
/// ```
public struct PolicyScenario: Codable, Hashable, Sendable {
    public var report: ReportFacts
    public var indicator: IndicatorState
    public var recipient: Participant?
    /// How long the report asks to be kept, as in policy files (`400d`).
    public var requestedRetention: String?

    enum CodingKeys: String, CodingKey {
        case report, indicator, recipient
        case requestedRetention = "requested_retention"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        report = try container.decode(ReportFacts.self, forKey: .report)
        indicator = try container.decodeIfPresent(IndicatorState.self, forKey: .indicator) ?? IndicatorState()
        recipient = try container.decodeIfPresent(Participant.self, forKey: .recipient)
        requestedRetention = try container.decodeIfPresent(String.self, forKey: .requestedRetention)
        if let requestedRetention, parseDuration(requestedRetention) == nil {
            throw DecodingError.dataCorruptedError(
                forKey: .requestedRetention, in: container,
                debugDescription: "requested_retention must be a duration such as 90d, 12h or 30m")
        }
    }

    /// The requested retention as a duration.
    public var requestedDuration: Duration? { requestedRetention.flatMap(parseDuration) }
}
