public import IndicatorModel

/// Participants and API keys: the operator's routes, which need a key with the `admin` scope.
extension HubConnection {
    /// Registers an organisation (`POST /v1/participants`).
    public func createParticipant(_ participant: NewParticipant) async throws -> ParticipantRecord {
        try await send(.post("v1", "participants", body: participant))
    }

    /// Every organisation on the hub, disabled ones included (`GET /v1/participants`).
    public func participants() async throws -> ParticipantList {
        try await send(.get("v1", "participants"))
    }

    /// One organisation (`GET /v1/participants/{id}`).
    public func participant(_ id: ParticipantID) async throws -> ParticipantRecord {
        try await send(.get("v1", "participants", id.rawValue))
    }

    /// Disables an organisation: its keys stop working at once; its reports stay
    /// (`POST /v1/participants/{id}/disable`).
    public func disableParticipant(_ id: ParticipantID) async throws -> ParticipantRecord {
        try await send(.post("v1", "participants", id.rawValue, "disable"))
    }

    /// Issues a new API key for `participant` (`POST /v1/participants/{id}/keys`).
    ///
    /// The answer is the only time the key's secret is shown: store it before doing anything else.
    public func issueKey(_ request: KeyRequest, for participant: ParticipantID) async throws -> IssuedKeyRecord {
        try await send(.post("v1", "participants", participant.rawValue, "keys", body: request))
    }

    /// The organisation's API keys, revoked ones included, without their secrets
    /// (`GET /v1/participants/{id}/keys`).
    public func keys(of participant: ParticipantID) async throws -> KeyList {
        try await send(.get("v1", "participants", participant.rawValue, "keys"))
    }

    /// Revokes an API key by its id, the public part of the key (`POST /v1/keys/{key_id}/revoke`).
    public func revokeKey(_ keyID: String) async throws -> KeyRecord {
        try await send(.post("v1", "keys", keyID, "revoke"))
    }
}
