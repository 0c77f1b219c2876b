/// `GET /v1/me`: who the hub takes the caller to be, and under which policy it answers.
public struct Caller: Codable, Hashable, Sendable {
    public var participant: ParticipantRecord
    /// The key the call was made with; never its secret.
    public var key: KeyRecord
    /// The sharing policy in force (`sha256:…`).
    public var policyVersion: String

    public init(participant: ParticipantRecord, key: KeyRecord, policyVersion: String) {
        self.participant = participant
        self.key = key
        self.policyVersion = policyVersion
    }

    enum CodingKeys: String, CodingKey {
        case participant, key
        case policyVersion = "policy_version"
    }
}
