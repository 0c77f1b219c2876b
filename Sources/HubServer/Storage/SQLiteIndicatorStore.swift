package import Foundation
import GRDB
package import IndicatorModel
package import SharingPolicy

/// Reports, changes and feedback in SQLite. Each mutating method is one write transaction.
package struct SQLiteIndicatorStore: IndicatorStore {
    let pool: DatabasePool

    package func revoke(
        _ reports: [ReportKey], reason: RevocationReason, by actor: ParticipantID, canRevokeAny: Bool, at now: Date
    ) async throws -> [RevocationOutcome] {
        try await pool.write { db in
            let find = try db.cachedStatement(
                sql: "SELECT id, removal FROM reports WHERE reporter = ? AND token = ? AND kid = ?")
            let markRevoked = try db.cachedStatement(
                sql: """
                    UPDATE reports SET removal = 'revoked', removed_at = ?, removed_by = ?, revocation_reason = ?,
                        last_sequence = ? WHERE id = ?
                    """)
            let log = try ChangeLog(db: db, at: now)
            return try reports.map { key -> RevocationOutcome in
                guard key.reporter == actor || canRevokeAny else { return .notPermitted }
                let arguments: StatementArguments = [
                    key.reporter.rawValue, tokenData(key.indicator.token), key.indicator.keyID.rawValue,
                ]
                guard let row = try Row.fetchOne(find, arguments: arguments) else { return .notFound }
                guard (row["removal"] as String?) == nil else { return .alreadyRemoved }
                let reportID: Int64 = row["id"]
                let sequence = try log.append(.revoked, report: reportID, actor: actor)
                try markRevoked.execute(arguments: [
                    now.timeIntervalSince1970, actor.rawValue, reason.rawValue, sequence, reportID,
                ])
                return .revoked(sequence: sequence)
            }
        }
    }

    package func recordFeedback(
        _ disposition: Disposition, on indicator: IndicatorID, by participant: ParticipantID, at now: Date
    ) async throws -> FeedbackResult {
        try await pool.write { db in
            let token = tokenData(indicator.token)
            try db.execute(
                sql: "INSERT INTO feedback (participant_id, token, kid, disposition, at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    participant.rawValue, token, indicator.keyID.rawValue, disposition.rawValue,
                    now.timeIntervalSince1970,
                ])
            let feedbackID = db.lastInsertedRowID
            let reportIDs = try Int64.fetchAll(
                db, sql: "SELECT id FROM reports WHERE token = ? AND kid = ? AND removal IS NULL ORDER BY id",
                arguments: [token, indicator.keyID.rawValue])
            let log = try ChangeLog(db: db, at: now)
            let sequences = try reportIDs.map { reportID in
                let sequence = try log.append(.feedback, report: reportID, actor: participant, feedback: feedbackID)
                try log.setLastSequence(sequence, of: reportID)
                return sequence
            }
            let falsePositives =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(DISTINCT participant_id) FROM feedback
                        WHERE token = ? AND kid = ? AND disposition = ?
                        """,
                    arguments: [token, indicator.keyID.rawValue, Disposition.falsePositive.rawValue]) ?? 0
            return FeedbackResult(sequences: sequences, falsePositiveOrganisations: falsePositives)
        }
    }

    package func lookupState(on indicators: [IndicatorID]) async throws -> (
        live: [StoredReport], falsePositiveOrganisations: [IndicatorID: Int]
    ) {
        try await pool.read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT count(DISTINCT participant_id) FROM feedback WHERE token = ? AND kid = ? AND disposition = ?
                    """)
            var counts: [IndicatorID: Int] = [:]
            for indicator in Set(indicators) {
                let count =
                    try Int.fetchOne(
                        statement,
                        arguments: [
                            tokenData(indicator.token), indicator.keyID.rawValue, Disposition.falsePositive.rawValue,
                        ]) ?? 0
                if count > 0 { counts[indicator] = count }
            }
            return (try fetchLiveReports(db, on: indicators), counts)
        }
    }

    package func changes(after cursor: Int64, limit: Int) async throws -> [Change] {
        try await pool.read { db in
            try fetchChanges(db, where: "c.sequence > ?", arguments: [cursor, max(0, limit)])
        }
    }

    package func activatePolicy(_ version: String, document: String, at now: Date) async throws -> Int64 {
        try await pool.write { db in
            if let current = try Row.fetchOne(
                db, sql: "SELECT id, version, since_sequence FROM policy_activations ORDER BY id DESC LIMIT 1"),
                (current["version"] as String) == version
            {
                // Activations from before the hub kept policy texts get theirs now.
                try db.execute(
                    sql: "UPDATE policy_activations SET document = ? WHERE id = ? AND document IS NULL",
                    arguments: [document, current["id"] as Int64])
                return current["since_sequence"]
            }
            let latest = try Int64.fetchOne(db, sql: "SELECT max(sequence) FROM changes") ?? 0
            try db.execute(
                sql: "INSERT INTO policy_activations (version, since_sequence, at, document) VALUES (?, ?, ?, ?)",
                arguments: [version, latest, now.timeIntervalSince1970, document])
            return latest
        }
    }

    package func allReports(on indicators: [IndicatorID]) async throws -> [StoredReport] {
        guard !indicators.isEmpty else { return [] }
        return try await pool.read { db in
            // Probes the (reporter, token, kid) index once per participant instead of scanning reports.
            let statement = try db.cachedStatement(
                sql: "SELECT * FROM reports WHERE reporter IN (SELECT id FROM participants) AND token = ? AND kid = ?")
            var reports: [StoredReport] = []
            for indicator in Set(indicators) {
                let rows = try Row.fetchCursor(
                    statement, arguments: [tokenData(indicator.token), indicator.keyID.rawValue])
                while let row = try rows.next() { reports.append(try decodeStoredReport(row)) }
            }
            return reports
        }
    }

    package func history(of token: Token, keyID: KeyID?) async throws -> [ReportHistory] {
        try await pool.read { db in
            // Probes the (reporter, token, kid) index once per participant instead of scanning reports.
            var sql = "SELECT * FROM reports WHERE reporter IN (SELECT id FROM participants) AND token = ?"
            var arguments: StatementArguments = [tokenData(token)]
            if let keyID {
                sql += " AND kid = ?"
                arguments += [keyID.rawValue]
            }
            let reports = try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map(decodeStoredReport)
            let changes = try db.cachedStatement(
                sql: "SELECT sequence, kind FROM changes WHERE report_id = ? ORDER BY sequence")
            return try reports.map { report in
                let rows = try Row.fetchAll(changes, arguments: [report.id])
                return ReportHistory(
                    report: report,
                    changes: try rows.map { row in
                        guard let kind = Change.Kind(rawValue: row["kind"]) else {
                            throw StorageError.corruptValue(table: "changes", column: "kind")
                        }
                        return (row["sequence"], kind)
                    })
            }
        }
    }

    package func policyDocument(version: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(
                db,
                sql:
                    "SELECT document FROM policy_activations WHERE version = ? AND document IS NOT NULL ORDER BY id DESC",
                arguments: [version])
        }
    }

    package func latestSequence() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(sequence) FROM changes") ?? 0 }
    }

    package func liveReports(on indicators: [IndicatorID]) async throws -> [StoredReport] {
        try await pool.read { db in try fetchLiveReports(db, on: indicators) }
    }

    package func indicatorStates(on indicators: [IndicatorID]) async throws -> [IndicatorID: IndicatorState] {
        try await pool.read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT r.reporter, p.role, r.confidence FROM reports r JOIN participants p ON p.id = r.reporter
                    WHERE r.token = ? AND r.kid = ? AND r.removal IS NULL ORDER BY r.id
                    """)
            var states: [IndicatorID: IndicatorState] = [:]
            for indicator in indicators where states[indicator] == nil {
                let rows = try Row.fetchCursor(
                    statement, arguments: [tokenData(indicator.token), indicator.keyID.rawValue])
                var state = IndicatorState()
                while let row = try rows.next() { state.reports.append(try decodeLiveReport(row)) }
                states[indicator] = state
            }
            return states
        }
    }

    package func liveReports(after cursor: Int64, limit: Int) async throws -> [StoredReport] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM reports WHERE id > ? AND removal IS NULL ORDER BY id LIMIT ?",
                arguments: [cursor, max(0, limit)]
            ).map(decodeStoredReport)
        }
    }

    package func changedIndicators(after cursor: Int64, through: Int64, limit: Int) async throws -> (
        indicators: [IndicatorID], withRemovals: Set<IndicatorID>, last: Int64?
    ) {
        try await pool.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.sequence, c.kind, r.token, r.kid FROM changes c
                    JOIN reports r ON r.id = c.report_id
                    WHERE c.sequence > ? AND c.sequence <= ? ORDER BY c.sequence LIMIT ?
                    """,
                arguments: [cursor, through, max(0, limit)])
            var seen = Set<IndicatorID>()
            var changed: [IndicatorID] = []
            var withRemovals = Set<IndicatorID>()
            var last: Int64?
            while let row = try rows.next() {
                last = row[0]
                let kind: String = row[1]
                guard kind != Change.Kind.feedback.rawValue else { continue }
                let token: Data = row[2]
                let kid: String = row[3]
                let indicator = IndicatorID(
                    token: try decodeToken(token, table: "reports"),
                    keyID: try decodeColumn(table: "reports", column: "kid") { () throws(KeyIDError) in
                        try KeyID(kid)
                    })
                if seen.insert(indicator).inserted { changed.append(indicator) }
                if kind == Change.Kind.revoked.rawValue || kind == Change.Kind.expired.rawValue {
                    withRemovals.insert(indicator)
                }
            }
            return (changed, withRemovals, last)
        }
    }

    package func liveReportsByIndicator(after cursor: IndicatorID?, limit: Int) async throws -> [StoredReport] {
        try await pool.read { db in
            guard let cursor else {
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM reports WHERE removal IS NULL ORDER BY token, kid, id LIMIT ?",
                    arguments: [max(0, limit)]
                ).map(decodeStoredReport)
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM reports WHERE removal IS NULL AND (token, kid) > (?, ?) ORDER BY token, kid, id LIMIT ?
                    """,
                arguments: [tokenData(cursor.token), cursor.keyID.rawValue, max(0, limit)]
            ).map(decodeStoredReport)
        }
    }

    package func expireReports(asOf now: Date) async throws -> [Change] {
        try await pool.write { db in
            let due = try Int64.fetchAll(
                db,
                sql: """
                    SELECT id FROM reports WHERE removal IS NULL AND expires_at IS NOT NULL AND expires_at <= ?
                    ORDER BY id
                    """,
                arguments: [now.timeIntervalSince1970])
            guard !due.isEmpty else { return [] }
            let markExpired = try db.cachedStatement(
                sql: "UPDATE reports SET removal = 'expired', removed_at = ?, last_sequence = ? WHERE id = ?")
            let log = try ChangeLog(db: db, at: now)
            var first: Int64?
            for reportID in due {
                let sequence = try log.append(.expired, report: reportID)
                first = first ?? sequence
                try markExpired.execute(arguments: [now.timeIntervalSince1970, sequence, reportID])
            }
            return try fetchChanges(db, where: "c.sequence >= ?", arguments: [first, due.count])
        }
    }
}

private func decodeLiveReport(_ row: Row) throws -> IndicatorState.LiveReport {
    let reporter: String = row["reporter"]
    let confidence: Int = row["confidence"]
    return IndicatorState.LiveReport(
        reporter: try decodeColumn(table: "reports", column: "reporter") { () throws(WireValueError) in
            try ParticipantID(reporter)
        },
        role: try decodeEnum(Role.self, row, "role"),
        confidence: try decodeColumn(table: "reports", column: "confidence") { () throws(WireValueError) in
            try Confidence(confidence)
        })
}

/// The live reports on the indicators, in report order.
private func fetchLiveReports(_ db: Database, on indicators: [IndicatorID]) throws -> [StoredReport] {
    let statement = try db.cachedStatement(
        sql: "SELECT * FROM reports WHERE token = ? AND kid = ? AND removal IS NULL ORDER BY id")
    var reports: [StoredReport] = []
    for indicator in Set(indicators) {
        let rows = try Row.fetchCursor(statement, arguments: [tokenData(indicator.token), indicator.keyID.rawValue])
        while let row = try rows.next() { reports.append(try decodeStoredReport(row)) }
    }
    return reports.sorted { $0.id < $1.id }
}

/// Reads changes joined with their reports; `condition` binds the first arguments, the last is the limit.
func fetchChanges(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [Change] {
    let sql = """
        SELECT c.sequence AS change_sequence, c.kind AS change_kind, c.at AS change_at, c.actor AS change_actor,
            f.disposition AS change_disposition, r.*
        FROM changes c JOIN reports r ON r.id = c.report_id LEFT JOIN feedback f ON f.id = c.feedback_id
        WHERE \(condition) ORDER BY c.sequence LIMIT ?
        """
    return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
        guard let kind = Change.Kind(rawValue: row["change_kind"]) else {
            throw StorageError.corruptValue(table: "changes", column: "kind")
        }
        let actor: String? = row["change_actor"]
        let disposition: String? = row["change_disposition"]
        return Change(
            sequence: row["change_sequence"], kind: kind, at: Date(timeIntervalSince1970: row["change_at"]),
            report: try decodeStoredReport(row, offset: 5),
            actor: try actor.map { text in
                try decodeColumn(table: "changes", column: "actor") { () throws(WireValueError) in
                    try ParticipantID(text)
                }
            },
            disposition: try disposition.map { text in
                guard let value = Disposition(rawValue: text) else {
                    throw StorageError.corruptValue(table: "feedback", column: "disposition")
                }
                return value
            })
    }
}

/// Appends changes inside one write transaction.
///
/// The hub has a single writer, so the transaction knows the next sequence number before it inserts:
/// a report can carry its `last_sequence` in the statement that writes it.
final class ChangeLog {
    let db: Database
    let at: Date
    /// The sequence number the next change gets.
    private(set) var nextSequence: Int64

    init(db: Database, at: Date) throws {
        self.db = db
        self.at = at
        let latest = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'changes'")
        nextSequence = (latest ?? 0) + 1
    }

    /// Appends a change and returns its sequence number, `nextSequence` as it was.
    @discardableResult
    func append(_ kind: Change.Kind, report: Int64, actor: ParticipantID? = nil, feedback: Int64? = nil) throws -> Int64
    {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO changes (sequence, report_id, kind, at, actor, feedback_id) VALUES (?, ?, ?, ?, ?, ?)")
        let sequence = nextSequence
        try statement.execute(arguments: [
            sequence, report, kind.rawValue, at.timeIntervalSince1970, actor?.rawValue, feedback,
        ])
        nextSequence += 1
        return sequence
    }

    /// Records the report's latest change, for methods whose own update does not.
    func setLastSequence(_ sequence: Int64, of report: Int64) throws {
        let statement = try db.cachedStatement(sql: "UPDATE reports SET last_sequence = ? WHERE id = ?")
        try statement.execute(arguments: [sequence, report])
    }
}
