public import IndicatorModel

/// One organisation as a policy sees it: who it is, what it is and where it is.
public struct Participant: Codable, Hashable, Sendable {
    public var id: ParticipantID
    public var role: Role
    public var jurisdiction: Jurisdiction

    public init(id: ParticipantID, role: Role, jurisdiction: Jurisdiction) {
        self.id = id
        self.role = role
        self.jurisdiction = jurisdiction
    }
}
