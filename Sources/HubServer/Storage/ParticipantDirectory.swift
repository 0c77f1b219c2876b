package import Foundation
package import IndicatorModel
package import SharingPolicy

/// Participants and their API keys: who may call the hub, and as whom.
package protocol ParticipantDirectory: Sendable {
    /// Registers an organisation; throws `StorageError.participantExists` if the id is taken.
    func createParticipant(_ participant: Participant, communities: [String], at now: Date) async throws
    func participant(_ id: ParticipantID) async throws -> RegisteredParticipant?
    func participants() async throws -> [RegisteredParticipant]
    /// Disables a participant: its keys stop authenticating; its reports stay.
    func disableParticipant(_ id: ParticipantID, at now: Date) async throws

    /// Issues a key; the returned secret is never shown again.
    func issueKey(for participant: ParticipantID, scopes: Set<Scope>, at now: Date) async throws -> IssuedKey
    func keys(of participant: ParticipantID) async throws -> [ApiKey]
    /// The key with this public id, revoked or not.
    func key(_ id: String) async throws -> ApiKey?
    func revokeKey(_ id: String, at now: Date) async throws
    /// The principal behind a bearer key, or the reason it is refused.
    func authenticate(_ keyString: String) async throws -> Principal
}

/// An organisation on the hub, as the directory records it.
package struct RegisteredParticipant: Hashable, Sendable {
    /// Who it is, as sharing decisions see it.
    package var participant: Participant
    /// The sharing communities it belongs to.
    package var communities: [String]
    package var createdAt: Date
    package var disabledAt: Date?

    package var id: ParticipantID { participant.id }
    package var isDisabled: Bool { disabledAt != nil }
}

/// An API key as the directory stores it: never its secret.
package struct ApiKey: Hashable, Sendable {
    /// The public part of the key, safe to log.
    package var id: String
    package var participant: ParticipantID
    package var scopes: Set<Scope>
    package var createdAt: Date
    package var revokedAt: Date?

    package var isRevoked: Bool { revokedAt != nil }
}

/// A newly issued key with its full text, which exists only in this value and is shown once.
package struct IssuedKey: Sendable, CustomStringConvertible {
    package var key: ApiKey
    /// `shk_<key id>_<secret>`: what the holder sends as `Authorization: Bearer …`.
    package var secretText: String

    package var description: String { "\(key.id) <redacted>" }
}

extension IssuedKey: CustomReflectable {
    /// Leaves the secret out of `dump` and debuggers.
    package var customMirror: Mirror { Mirror(self, children: ["key": key]) }
}

/// The caller of a request: the participant, the key it used and what that key allows.
package struct Principal: Hashable, Sendable {
    package var participant: RegisteredParticipant
    package var keyID: String
    package var scopes: Set<Scope>

    package func isAllowed(_ scope: Scope) -> Bool { scopes.contains(scope) }
}
