import Foundation
import GRDB
import IndicatorModel

/// The audit log in SQLite: a table that triggers keep append-only.
package struct SQLiteAuditLog: AuditLog {
    let pool: DatabasePool

    @discardableResult
    package func append(_ entry: AuditEntry) async throws -> Int64 {
        try await append(contentsOf: [entry]) ?? 0
    }

    @discardableResult
    package func append(contentsOf entries: [AuditEntry]) async throws -> Int64? {
        guard !entries.isEmpty else { return nil }
        return try await pool.write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO audit_log (at, actor, key_id, action, resource, outcome, sequence_first,
                        sequence_last, policy_version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for entry in entries {
                try insert.execute(arguments: [
                    entry.at.timeIntervalSince1970, entry.actor?.rawValue, entry.keyID, entry.action, entry.resource,
                    entry.outcome.rawValue, entry.sequenceRange?.lowerBound, entry.sequenceRange?.upperBound,
                    entry.policyVersion,
                ])
            }
            return db.lastInsertedRowID
        }
    }

    package func entries(matching query: AuditQuery) async throws -> [StoredAuditEntry] {
        var conditions = ["id > ?"]
        var arguments: StatementArguments = [query.after]
        if let actor = query.actor {
            conditions.append("actor = ?")
            arguments += [actor.rawValue]
        }
        if let action = query.action {
            conditions.append("action = ?")
            arguments += [action]
        }
        if let from = query.from {
            conditions.append("at >= ?")
            arguments += [from.timeIntervalSince1970]
        }
        if let until = query.until {
            conditions.append("at < ?")
            arguments += [until.timeIntervalSince1970]
        }
        arguments += [max(0, query.limit)]
        let sql = "SELECT * FROM audit_log WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT ?"
        return try await pool.read { [arguments] db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(decodeAuditEntry)
        }
    }
}

private func decodeAuditEntry(_ row: Row) throws -> StoredAuditEntry {
    guard let outcome = AuditEntry.Outcome(rawValue: row["outcome"]) else {
        throw StorageError.corruptValue(table: "audit_log", column: "outcome")
    }
    let actor: ParticipantID?
    if let text: String = row["actor"] {
        actor = try decodeColumn(table: "audit_log", column: "actor") { () throws(WireValueError) in
            try ParticipantID(text)
        }
    } else {
        actor = nil
    }
    let first: Int64? = row["sequence_first"]
    let last: Int64? = row["sequence_last"]
    let entry = AuditEntry(
        at: Date(timeIntervalSince1970: row["at"]), actor: actor, keyID: row["key_id"], action: row["action"],
        resource: row["resource"], outcome: outcome,
        sequenceRange: first.flatMap { first in last.map { first...max(first, $0) } },
        policyVersion: row["policy_version"])
    return StoredAuditEntry(id: row["id"], entry: entry)
}
