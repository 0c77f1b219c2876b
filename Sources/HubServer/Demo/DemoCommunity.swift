package import Foundation
package import IndicatorModel
package import SharingPolicy

/// `scamhub serve --demo`: a community of five participants and an operator, ready to try.
///
/// Creates what is missing and issues each demo participant a fresh key every time it runs (revoking
/// the previous demo keys), so a newcomer who lost the printed keys just starts the demo again.
package struct DemoCommunity: Sendable {
    /// The demo participants with their freshly issued keys, in a fixed order.
    package var members: [(participant: Participant, scopes: [Scope], key: IssuedKey)]

    /// The demo's participants: a bank, a platform, a telco, a police unit, an auditor and the operator.
    package static let roster: [(id: String, role: Role, scopes: [Scope])] = [
        ("demo-bank", .bank, [.publish, .consume, .lookup, .subscribe]),
        ("demo-platform", .platform, [.publish, .consume, .lookup, .subscribe]),
        ("demo-telco", .telco, [.publish, .consume, .lookup, .subscribe]),
        ("demo-police", .lawEnforcement, [.publish, .consume, .lookup, .subscribe]),
        ("demo-auditor", .auditor, [.audit]),
        ("demo-operator", .operator, [.admin, .publish]),
    ]

    /// Sets the demo up in the hub's data directory.
    package static func setUp(
        dataDirectory: URL, jurisdiction: Jurisdiction, community: String, at now: Date
    ) async throws -> DemoCommunity {
        let directory = try SQLiteStorage(file: SQLiteStorage.file(in: dataDirectory)).directory
        var members: [(Participant, [Scope], IssuedKey)] = []
        for (text, role, scopes) in roster {
            let id = try ParticipantID(text)
            let participant = Participant(id: id, role: role, jurisdiction: jurisdiction)
            if try await directory.participant(id) == nil {
                try await directory.createParticipant(participant, communities: [community], at: now)
            }
            for key in try await directory.keys(of: id) where !key.isRevoked {
                try await directory.revokeKey(key.id, at: now)
            }
            members.append((participant, scopes, try await directory.issueKey(for: id, scopes: Set(scopes), at: now)))
        }
        return DemoCommunity(members: members)
    }
}
