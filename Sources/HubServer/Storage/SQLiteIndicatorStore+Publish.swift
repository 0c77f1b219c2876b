import Crypto
package import Foundation
import GRDB
package import IndicatorModel

extension SQLiteIndicatorStore {
    package func publish(
        _ reports: [Report], by reporter: ParticipantID, idempotencyKey: IdempotencyKey?, allOrNothing: Bool,
        at now: Date
    ) async throws -> PublishResult {
        let requestDigest = try idempotencyKey.map { key in
            try key.fingerprint ?? digest(of: reports, allOrNothing: allOrNothing)
        }
        var rejections: [Int: String] = [:]
        for (index, report) in reports.enumerated() {
            do { try report.validate() } catch { rejections[index] = error.description }
        }
        if allOrNothing, !rejections.isEmpty { throw StorageError.batchRejected(rejections) }
        return try await pool.write { [rejections] db in
            if let idempotencyKey, let requestDigest,
                let earlier = try Row.fetchOne(
                    db,
                    sql: "SELECT request_sha256, response FROM idempotency_keys WHERE participant_id = ? AND key = ?",
                    arguments: [reporter.rawValue, idempotencyKey.key])
            {
                guard (earlier["request_sha256"] as Data) == requestDigest else {
                    throw StorageError.idempotencyConflict(key: idempotencyKey.key)
                }
                var replay = try JSONDecoder().decode(PublishResult.self, from: earlier["response"] as Data)
                replay.isReplay = true
                return replay
            }
            let writer = try ReportWriter(db: db, reporter: reporter, at: now)
            let items = try reports.enumerated().map { index, report in
                if let reason = rejections[index] { return PublishResult.Item.rejected(reason: reason) }
                return try writer.write(report)
            }
            let result = PublishResult(items: items)
            if let idempotencyKey, let requestDigest {
                try db.execute(
                    sql: """
                        INSERT INTO idempotency_keys (participant_id, key, request_sha256, response, created_at)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        reporter.rawValue, idempotencyKey.key, requestDigest, try JSONEncoder().encode(result),
                        now.timeIntervalSince1970,
                    ])
            }
            return result
        }
    }
}

/// What identifies a batch's content for idempotency: SHA-256 of its canonical JSON and the mode.
private func digest(of reports: [Report], allOrNothing: Bool) throws -> Data {
    var hash = SHA256()
    hash.update(data: try WireCoding.makeEncoder().encode(reports))
    hash.update(data: [allOrNothing ? 1 : 0])
    return Data(hash.finalize())
}

/// Writes one reporter's reports inside a publish transaction with prepared statements.
private struct ReportWriter {
    let reporter: ParticipantID
    let log: ChangeLog
    let find: Statement
    let insert: Statement
    let update: Statement

    init(db: Database, reporter: ParticipantID, at now: Date) throws {
        self.reporter = reporter
        log = try ChangeLog(db: db, at: now)
        let content = reportContentColumns.joined(separator: ", ")
        find = try db.cachedStatement(
            sql: """
                SELECT id, removal, last_sequence, \(content) FROM reports WHERE reporter = ? AND token = ? AND kid = ?
                """)
        let placeholders = Array(repeating: "?", count: reportContentColumns.count).joined(separator: ", ")
        insert = try db.cachedStatement(
            sql: """
                INSERT INTO reports (reporter, token, kid, \(content), created_at, updated_at, last_sequence)
                VALUES (?, ?, ?, \(placeholders), ?, ?, ?)
                ON CONFLICT (reporter, token, kid) DO NOTHING
                """)
        let assignments = reportContentColumns.map { "\($0) = ?" }.joined(separator: ", ")
        update = try db.cachedStatement(
            sql: """
                UPDATE reports SET \(assignments), updated_at = ?, last_sequence = ?, removal = NULL,
                    removed_at = NULL, removed_by = NULL, revocation_reason = NULL
                WHERE id = ?
                """)
    }

    func write(_ report: Report) throws -> PublishResult.Item {
        let key: [DatabaseValue] = [
            reporter.rawValue.databaseValue, tokenData(report.token).databaseValue, report.keyID.rawValue.databaseValue,
        ]
        let content = contentValues(of: report)
        let now = log.at.timeIntervalSince1970.databaseValue
        // The change this report makes, if it makes one, gets this number.
        let sequence = log.nextSequence
        // Most reports are new: try the insert first, and look for the existing one only if it conflicts.
        try insert.execute(arguments: StatementArguments(key + content + [now, now, sequence.databaseValue]))
        if log.db.changesCount == 1 {
            try log.append(.published, report: log.db.lastInsertedRowID)
            return .created(sequence: sequence)
        }
        guard let existing = try Row.fetchOne(find, arguments: StatementArguments(key)) else {
            preconditionFailure("the insert conflicted, so a report with this (reporter, token, kid) exists")
        }
        let reportID: Int64 = existing["id"]
        let isLive = (existing["removal"] as String?) == nil
        let stored = (0..<content.count).map { existing[3 + $0] as DatabaseValue }
        if isLive, stored == content { return .unchanged(sequence: existing["last_sequence"]) }
        try update.execute(
            arguments: StatementArguments(content + [now, sequence.databaseValue, reportID.databaseValue]))
        try log.append(isLive ? .updated : .published, report: reportID)
        return isLive ? .updated(sequence: sequence) : .created(sequence: sequence)
    }
}
