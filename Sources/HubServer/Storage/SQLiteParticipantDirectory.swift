package import Foundation
import GRDB
package import IndicatorModel
package import SharingPolicy

/// Participants and API keys in SQLite. Keys are stored as the SHA-256 of their secret only.
package struct SQLiteParticipantDirectory: ParticipantDirectory {
    let pool: DatabasePool

    package func createParticipant(_ participant: Participant, communities: [String], at now: Date) async throws {
        try await pool.write { db in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM participants WHERE id = ?", arguments: [participant.id.rawValue])
            guard exists == nil else { throw StorageError.participantExists(participant.id.rawValue) }
            try db.execute(
                sql: """
                    INSERT INTO participants (id, role, jurisdiction, communities, created_at) VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    participant.id.rawValue, participant.role.rawValue, participant.jurisdiction.code,
                    communities.joined(separator: ","), now.timeIntervalSince1970,
                ])
        }
    }

    package func participant(_ id: ParticipantID) async throws -> RegisteredParticipant? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM participants WHERE id = ?", arguments: [id.rawValue])
                .map(decodeParticipant)
        }
    }

    package func participants() async throws -> [RegisteredParticipant] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM participants ORDER BY id").map(decodeParticipant)
        }
    }

    package func disableParticipant(_ id: ParticipantID, at now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE participants SET disabled_at = coalesce(disabled_at, ?) WHERE id = ?",
                arguments: [now.timeIntervalSince1970, id.rawValue])
            guard db.changesCount == 1 else { throw StorageError.unknownParticipant(id.rawValue) }
        }
    }

    package func issueKey(for participant: ParticipantID, scopes: Set<Scope>, at now: Date) async throws -> IssuedKey {
        let credential = KeyCredential.generate()
        let key = ApiKey(
            id: credential.keyID, participant: participant, scopes: scopes, createdAt: now, revokedAt: nil)
        try await pool.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT disabled_at FROM participants WHERE id = ?", arguments: [participant.rawValue])
            else { throw StorageError.unknownParticipant(participant.rawValue) }
            guard (row["disabled_at"] as Double?) == nil else {
                throw StorageError.participantDisabled(participant.rawValue)
            }
            try db.execute(
                sql: """
                    INSERT INTO api_keys (id, participant_id, secret_sha256, scopes, created_at) VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    key.id, participant.rawValue, credential.secretHash, encodeScopes(scopes),
                    now.timeIntervalSince1970,
                ])
        }
        return IssuedKey(key: key, secretText: credential.text)
    }

    package func keys(of participant: ParticipantID) async throws -> [ApiKey] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM api_keys WHERE participant_id = ? ORDER BY created_at, id",
                arguments: [participant.rawValue]
            ).map(decodeApiKey)
        }
    }

    package func key(_ id: String) async throws -> ApiKey? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [id]).map(decodeApiKey)
        }
    }

    package func revokeKey(_ id: String, at now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
                arguments: [now.timeIntervalSince1970, id])
            guard db.changesCount == 1 else { throw StorageError.unknownKey(id) }
        }
    }

    package func authenticate(_ keyString: String) async throws -> Principal {
        let credential = try KeyCredential(parsing: keyString)
        return try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT k.secret_sha256, k.scopes, k.revoked_at, p.*
                        FROM api_keys k JOIN participants p ON p.id = k.participant_id WHERE k.id = ?
                        """,
                    arguments: [credential.keyID])
            else { throw AuthenticationError.unknownKey }
            guard credential.matches(storedHash: row["secret_sha256"]) else { throw AuthenticationError.wrongSecret }
            guard (row["revoked_at"] as Double?) == nil else { throw AuthenticationError.keyRevoked }
            let participant = try decodeParticipant(row)
            guard !participant.isDisabled else { throw AuthenticationError.participantDisabled }
            return Principal(participant: participant, keyID: credential.keyID, scopes: try decodeScopes(row["scopes"]))
        }
    }
}

private func encodeScopes(_ scopes: Set<Scope>) -> String {
    scopes.sorted().map(\.rawValue).joined(separator: ",")
}

private func decodeScopes(_ text: String) throws -> Set<Scope> {
    Set(
        try text.split(separator: ",").map { name in
            guard let scope = Scope(rawValue: String(name)) else {
                throw StorageError.corruptValue(table: "api_keys", column: "scopes")
            }
            return scope
        })
}

private func decodeParticipant(_ row: Row) throws -> RegisteredParticipant {
    let id: String = row["id"]
    let jurisdiction: String = row["jurisdiction"]
    guard let role = Role(rawValue: row["role"]) else {
        throw StorageError.corruptValue(table: "participants", column: "role")
    }
    let participant = Participant(
        id: try decodeColumn(table: "participants", column: "id") { () throws(WireValueError) in
            try ParticipantID(id)
        },
        role: role,
        jurisdiction: try decodeColumn(table: "participants", column: "jurisdiction") { () throws(WireValueError) in
            try Jurisdiction(jurisdiction)
        })
    let communities: String = row["communities"]
    return RegisteredParticipant(
        participant: participant, communities: communities.split(separator: ",").map(String.init),
        createdAt: Date(timeIntervalSince1970: row["created_at"]),
        disabledAt: (row["disabled_at"] as Double?).map { Date(timeIntervalSince1970: $0) })
}

private func decodeApiKey(_ row: Row) throws -> ApiKey {
    let participant: String = row["participant_id"]
    return ApiKey(
        id: row["id"],
        participant: try decodeColumn(table: "api_keys", column: "participant_id") { () throws(WireValueError) in
            try ParticipantID(participant)
        },
        scopes: try decodeScopes(row["scopes"]), createdAt: Date(timeIntervalSince1970: row["created_at"]),
        revokedAt: (row["revoked_at"] as Double?).map { Date(timeIntervalSince1970: $0) })
}
