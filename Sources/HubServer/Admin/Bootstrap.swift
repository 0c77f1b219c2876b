package import Foundation
package import IndicatorModel
import SharingPolicy

/// Creates the hub's first operator and admin key on a hub that has none, straight in the database.
///
/// The way in on a new hub: every later participant and key is made through the admin API with
/// this key. Refuses when an unrevoked admin key already exists, so it cannot be used to take over
/// a running hub by anyone without access to its data directory.
package func bootstrapAdministrator(
    dataDirectory: URL, id: ParticipantID, jurisdiction: Jurisdiction, at now: Date
) async throws -> IssuedKey {
    let storage = try SQLiteStorage(file: SQLiteStorage.file(in: dataDirectory))
    let directory = storage.directory
    for participant in try await directory.participants() where !participant.isDisabled {
        let keys = try await directory.keys(of: participant.id)
        if keys.contains(where: { !$0.isRevoked && $0.scopes.contains(.admin) }) {
            throw BootstrapError.administratorExists(participant.id)
        }
    }
    if let existing = try await directory.participant(id) {
        guard existing.participant.role == .operator, !existing.isDisabled else {
            throw BootstrapError.notAnOperator(id)
        }
    } else {
        try await directory.createParticipant(
            Participant(id: id, role: .operator, jurisdiction: jurisdiction), communities: [], at: now)
    }
    return try await directory.issueKey(for: id, scopes: [.admin], at: now)
}

/// Why the first admin key could not be made.
package enum BootstrapError: Error, Equatable, Sendable, CustomStringConvertible {
    case administratorExists(ParticipantID)
    case notAnOperator(ParticipantID)

    package var description: String {
        switch self {
        case .administratorExists(let id):
            "the hub already has an admin key (held by \(id)); issue further keys with `scamhub admin keys issue`"
        case .notAnOperator(let id):
            "participant \(id) exists but is not an enabled operator; pick another --id"
        }
    }
}
