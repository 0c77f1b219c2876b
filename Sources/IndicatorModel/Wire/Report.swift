public import Foundation

/// One participant's statement about one token, as published to the hub.
public struct Report: Hashable, Sendable {
    /// The token of the reported value; the value itself never leaves the participant.
    public var token: Token
    /// The epoch of the community key the token was derived under (`kid`).
    public var keyID: KeyID
    /// The kind of value behind the token.
    public var kind: IndicatorKind
    /// What kind of scam the value served.
    public var category: Category
    /// How sure the reporter is.
    public var confidence: Confidence
    /// Who may see the report (Traffic Light Protocol).
    public var tlp: TLP
    /// Which list the report puts the token on (`list` on the wire).
    public var listing: Listing
    /// The organisations a `red` or `amber+strict` report is for.
    public var recipients: [ParticipantID]
    /// Limits delivery to recipients in these jurisdictions; empty means no limit.
    public var jurisdictions: [Jurisdiction]
    /// Free text about the case, at most `narrativeLimit` characters.
    public var narrative: String?
    /// Digests of evidence the reporter holds (`sha256:<hex>`), never the evidence itself.
    public var evidenceDigests: [String]
    /// When the report expires; nil leaves it to the policy's default retention for the kind.
    public var expiresAt: Date?

    /// The most characters a narrative may have.
    public static let narrativeLimit = 4_000
    /// The most entries each of `recipients`, `jurisdictions` and `evidenceDigests` may have.
    public static let listLimit = 100

    /// Builds a report; call `validate()` before publishing it.
    public init(
        token: Token, keyID: KeyID, kind: IndicatorKind, category: Category, confidence: Confidence,
        tlp: TLP, listing: Listing = .flag, recipients: [ParticipantID] = [], jurisdictions: [Jurisdiction] = [],
        narrative: String? = nil, evidenceDigests: [String] = [], expiresAt: Date? = nil
    ) {
        self.token = token
        self.keyID = keyID
        self.kind = kind
        self.category = category
        self.confidence = confidence
        self.tlp = tlp
        self.listing = listing
        self.recipients = recipients
        self.jurisdictions = jurisdictions
        self.narrative = narrative
        self.evidenceDigests = evidenceDigests
        self.expiresAt = expiresAt
    }

    /// Checks the rules that span fields; single fields are checked when they are built.
    public func validate() throws(WireValueError) {
        if tlp.requiresNamedRecipients, recipients.isEmpty { throw .recipientsRequired(tlp) }
        if let narrative, narrative.count > Self.narrativeLimit {
            throw .narrativeTooLong(characters: narrative.count, limit: Self.narrativeLimit)
        }
        for (field, count) in [
            ("recipients", recipients.count), ("jurisdictions", jurisdictions.count),
            ("evidence_digests", evidenceDigests.count),
        ] where count > Self.listLimit {
            throw .tooManyItems(field: field, count: count, limit: Self.listLimit)
        }
        for (index, digest) in evidenceDigests.enumerated() where !isEvidenceDigest(digest) {
            throw .evidenceDigest(index: index)
        }
    }
}

extension Report: Codable {
    enum CodingKeys: String, CodingKey {
        case token, kind, category, confidence, tlp, recipients, jurisdictions, narrative
        case keyID = "kid"
        case listing = "list"
        case evidenceDigests = "evidence_digests"
        case expiresAt = "expires_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            token: try container.decode(Token.self, forKey: .token),
            keyID: try container.decode(KeyID.self, forKey: .keyID),
            kind: try container.decode(IndicatorKind.self, forKey: .kind),
            category: try container.decode(Category.self, forKey: .category),
            confidence: try container.decode(Confidence.self, forKey: .confidence),
            tlp: try container.decode(TLP.self, forKey: .tlp),
            listing: try container.decodeIfPresent(Listing.self, forKey: .listing) ?? .flag,
            recipients: try container.decodeIfPresent([ParticipantID].self, forKey: .recipients) ?? [],
            jurisdictions: try container.decodeIfPresent([Jurisdiction].self, forKey: .jurisdictions) ?? [],
            narrative: try container.decodeIfPresent(String.self, forKey: .narrative),
            evidenceDigests: try container.decodeIfPresent([String].self, forKey: .evidenceDigests) ?? [],
            expiresAt: try container.decodeIfPresent(Date.self, forKey: .expiresAt)
        )
    }
}

private func isEvidenceDigest(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count == 71, bytes.starts(with: Array("sha256:".utf8)) else { return false }
    return bytes.dropFirst(7).allSatisfy { lowercaseHexDigitValue($0) != nil }
}
