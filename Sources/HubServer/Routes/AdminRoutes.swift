import Foundation
import Hummingbird
package import IndicatorModel
import SharingPolicy

/// Participants and keys: the operator's routes (scope `admin`), and `/v1/me` for any key.
extension Hub {
    func me(_ request: Request, _ call: inout Call) async throws -> Response {
        let caller = try call.caller
        let keys = try await directory.keys(of: caller.participant.id)
        guard let key = keys.first(where: { $0.id == caller.keyID }) else {
            throw HubProblem.unauthorized("this API key no longer exists")
        }
        return try json(
            Caller(
                participant: ParticipantRecord(caller.participant), key: KeyRecord(key), policyVersion: policyVersion))
    }

    func createParticipant(_ request: Request, _ call: inout Call) async throws -> Response {
        let new = try await decode(NewParticipant.self, from: request)
        call.note.resource = new.id.rawValue
        try await directory.createParticipant(
            Participant(id: new.id, role: new.role, jurisdiction: new.jurisdiction), communities: new.communities,
            at: call.now)
        authenticator.invalidate()
        return try json(ParticipantRecord(try await registered(new.id)), status: .created)
    }

    func listParticipants(_ request: Request, _ call: inout Call) async throws -> Response {
        try json(ParticipantList(participants: try await directory.participants().map(ParticipantRecord.init)))
    }

    func showParticipant(_ request: Request, _ call: inout Call) async throws -> Response {
        let id = try participantParameter(call)
        return try json(ParticipantRecord(try await registered(id)))
    }

    func disableParticipant(_ request: Request, _ call: inout Call) async throws -> Response {
        let id = try participantParameter(call)
        try await directory.disableParticipant(id, at: call.now)
        authenticator.invalidate()
        return try json(ParticipantRecord(try await registered(id)))
    }

    func issueKey(_ request: Request, _ call: inout Call) async throws -> Response {
        let id = try participantParameter(call)
        let scopes = try await decode(KeyRequest.self, from: request).scopes
        guard !scopes.isEmpty else {
            throw HubProblem.validation(
                "a key needs at least one scope", errors: [.init(pointer: "/scopes", detail: "at least one scope")])
        }
        let issued = try await directory.issueKey(for: id, scopes: Set(scopes), at: call.now)
        call.note.resource = issued.key.id
        return try json(IssuedKeyRecord(key: KeyRecord(issued.key), secret: issued.secretText), status: .created)
    }

    func listKeys(_ request: Request, _ call: inout Call) async throws -> Response {
        let id = try participantParameter(call)
        _ = try await registered(id)
        return try json(KeyList(keys: try await directory.keys(of: id).map(KeyRecord.init)))
    }

    func revokeKey(_ request: Request, _ call: inout Call) async throws -> Response {
        // Only a well-formed key id reaches the audit log: an operator who pastes a whole key by mistake
        // must not leave its secret there.
        guard let keyID = call.context.parameters.get("key_id"), KeyCredential.isKeyID(keyID) else {
            throw HubProblem.notFound("no such key id; a key id is the 16 hexadecimal characters after `shk_`")
        }
        call.note.resource = keyID
        try await directory.revokeKey(keyID, at: call.now)
        authenticator.invalidate()
        guard let key = try await directory.key(keyID) else { throw HubProblem.notFound("no API key with id \(keyID)") }
        return try json(KeyRecord(key))
    }

    private func participantParameter(_ call: Call) throws -> ParticipantID {
        let text = call.context.parameters.get("id") ?? ""
        do { return try ParticipantID(text) } catch {
            throw HubProblem.validation(error.description, errors: [.init(pointer: "/id", detail: error.description)])
        }
    }

    private func registered(_ id: ParticipantID) async throws -> RegisteredParticipant {
        guard let participant = try await directory.participant(id) else {
            throw HubProblem.notFound("no participant \(id); create it first")
        }
        return participant
    }
}

extension ParticipantRecord {
    init(_ registered: RegisteredParticipant) {
        self.init(
            id: registered.id, role: registered.participant.role, jurisdiction: registered.participant.jurisdiction,
            communities: registered.communities, createdAt: registered.createdAt, disabledAt: registered.disabledAt)
    }
}

extension KeyRecord {
    /// The wire description of a stored key.
    package init(_ key: ApiKey) {
        self.init(
            id: key.id, participant: key.participant, scopes: key.scopes.sorted(), createdAt: key.createdAt,
            revokedAt: key.revokedAt)
    }
}
