import Foundation
import GRDB
package import IndicatorModel

/// The audit log in SQLite: a hash-chained table that triggers keep append-only, and a table of
/// signed checkpoints. The writer is serialised, so each batch reads the head and extends it.
package struct SQLiteAuditLog: AuditLog {
    let pool: DatabasePool

    @discardableResult
    package func append(contentsOf entries: [AuditEntry]) async throws -> Int64? {
        guard !entries.isEmpty else { return nil }
        return try await pool.write { db in
            var (seq, hash) = try fetchHead(db)
            for entry in entries {
                seq += 1
                let record = entry.record(seq: seq)
                hash = hash.next(record)
                try insertAuditRecord(record, hash: hash, into: db)
            }
            return seq
        }
    }

    package func records(matching query: AuditQuery) async throws -> [AuditRecord] {
        var conditions = ["id > ?"]
        var arguments: StatementArguments = [query.after]
        if let actor = query.actor {
            conditions.append("actor = ?")
            arguments += [actor]
        }
        if let action = query.action {
            conditions.append("action = ?")
            arguments += [action]
        }
        if let outcome = query.outcome {
            conditions.append("outcome = ?")
            arguments += [outcome.rawValue]
        }
        if let from = query.from {
            conditions.append("at_us >= ?")
            arguments += [from.microseconds]
        }
        if let until = query.until {
            conditions.append("at_us < ?")
            arguments += [until.microseconds]
        }
        arguments += [max(0, query.limit)]
        let sql = "SELECT * FROM audit_log WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT ?"
        return try await pool.read { [arguments] db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(decodeAuditRecord)
        }
    }

    package func exportLines(after: Int64, through: Int64, limit: Int) async throws -> [AuditExportLine] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM audit_log WHERE id > ? AND id <= ? ORDER BY id LIMIT ?",
                arguments: [after, through, limit])
            guard let first = rows.first else { return [] }
            var previous = try hash(before: first["id"], db)
            return try rows.map { row in
                let line = AuditExportLine(
                    record: try decodeAuditRecord(row), hash: try storedHash(row), previous: previous)
                previous = line.hash
                return line
            }
        }
    }

    package func head() async throws -> (size: Int64, hash: AuditHash) {
        try await pool.read { db in try fetchHead(db) }
    }

    package func firstKept() async throws -> Int64? {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT min(id) FROM audit_log") }
    }

    package func checkpoint(sign: @Sendable (Int64, AuditHash) throws -> AuditCheckpoint) async throws
        -> AuditCheckpoint?
    {
        try await pool.write { db in
            let (size, head) = try fetchHead(db)
            let latest = try fetchCheckpoints(db, after: -1, descending: true, limit: 1).first
            guard size > (latest?.size ?? 0) else { return latest }
            let checkpoint = try sign(size, head)
            try insertCheckpoint(checkpoint, into: db)
            return checkpoint
        }
    }

    package func latestCheckpoint() async throws -> AuditCheckpoint? {
        try await pool.read { db in try fetchCheckpoints(db, after: -1, descending: true, limit: 1).first }
    }

    package func checkpoints(after size: Int64, limit: Int) async throws -> [AuditCheckpoint] {
        try await pool.read { db in try fetchCheckpoints(db, after: size, descending: false, limit: limit) }
    }

    package func prune(before time: AuditTime, sign: @Sendable (Int64, AuditHash) throws -> AuditCheckpoint)
        async throws -> Int
    {
        try await pool.write { db in
            guard
                let cut = try Row.fetchOne(
                    db, sql: "SELECT id, hash FROM audit_log WHERE at_us < ? ORDER BY id DESC LIMIT 1",
                    arguments: [time.microseconds])
            else { return 0 }
            let size: Int64 = cut["id"]
            // The checkpoint at the cut states what the first kept entry follows.
            if try Int64.fetchOne(db, sql: "SELECT 1 FROM audit_checkpoints WHERE size = ?", arguments: [size]) == nil {
                try insertCheckpoint(try sign(size, try storedHash(cut)), into: db)
            }
            try db.execute(sql: "DELETE FROM audit_log WHERE id <= ?", arguments: [size])
            return db.changesCount
        }
    }

    package func deliveries(actions: [String], overlapping range: ClosedRange<Int64>) async throws -> [AuditRecord] {
        guard !actions.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: actions.count).joined(separator: ",")
        var arguments: StatementArguments = [range.lowerBound, range.upperBound]
        arguments += StatementArguments(actions)
        let sql = """
            SELECT * FROM audit_log INDEXED BY audit_log_by_delivery
            WHERE sequence_last >= ? AND sequence_first <= ? AND outcome = 'success' AND action IN (\(placeholders))
            ORDER BY id
            """
        return try await pool.read { [arguments] db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(decodeAuditRecord)
        }
    }
}

/// The last entry's number and hash; after pruning everything, the latest checkpoint's.
private func fetchHead(_ db: Database) throws -> (Int64, AuditHash) {
    if let row = try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1") {
        return (row["id"], try storedHash(row))
    }
    if let latest = try fetchCheckpoints(db, after: -1, descending: true, limit: 1).first, let head = latest.headHash {
        return (latest.size, head)
    }
    return (0, .genesis)
}

/// The hash of entry `seq - 1`: stored with it, or at a pruning cut in the checkpoint there.
private func hash(before seq: Int64, _ db: Database) throws -> AuditHash {
    if seq == 1 { return .genesis }
    if let row = try Row.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE id = ?", arguments: [seq - 1]) {
        return try storedHash(row)
    }
    guard
        let head = try Data.fetchOne(
            db, sql: "SELECT head FROM audit_checkpoints WHERE size = ?", arguments: [seq - 1]),
        let hash = AuditHash(bytes: Array(head))
    else { throw StorageError.corruptValue(table: "audit_checkpoints", column: "head") }
    return hash
}

private func storedHash(_ row: Row) throws -> AuditHash {
    guard let data = row["hash"] as Data?, let hash = AuditHash(bytes: Array(data)) else {
        throw StorageError.corruptValue(table: "audit_log", column: "hash")
    }
    return hash
}

func insertAuditRecord(_ record: AuditRecord, hash: AuditHash, into db: Database) throws {
    let insert = try db.cachedStatement(
        sql: """
            INSERT INTO audit_log (id, at_us, actor, key_id, action, resource, outcome, status, request_id,
                policy_version, delivered, sequence_first, sequence_last, count, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    try insert.execute(arguments: [
        record.seq, record.at.microseconds, record.actor, record.keyID, record.action, record.resource,
        record.outcome.rawValue, record.status, record.requestID, record.policyVersion,
        record.delivered?.description, record.delivered?.lowerBound, record.delivered?.upperBound, record.count,
        Data(hash.bytes),
    ])
}

private func insertCheckpoint(_ checkpoint: AuditCheckpoint, into db: Database) throws {
    guard let head = checkpoint.headHash, let signature = Data(base64Encoded: checkpoint.signature),
        let at = AuditTime(parsing: checkpoint.at)
    else { throw StorageError.corruptValue(table: "audit_checkpoints", column: "signature") }
    try db.execute(
        sql: "INSERT INTO audit_checkpoints (size, head, at_us, key_id, signature) VALUES (?, ?, ?, ?, ?)",
        arguments: [checkpoint.size, Data(head.bytes), at.microseconds, checkpoint.keyID, signature])
}

private func fetchCheckpoints(_ db: Database, after size: Int64, descending: Bool, limit: Int) throws
    -> [AuditCheckpoint]
{
    let order = descending ? "DESC" : "ASC"
    return try Row.fetchAll(
        db, sql: "SELECT * FROM audit_checkpoints WHERE size > ? ORDER BY size \(order) LIMIT ?",
        arguments: [size, limit]
    ).map { row in
        guard let head = AuditHash(bytes: Array(row["head"] as Data)) else {
            throw StorageError.corruptValue(table: "audit_checkpoints", column: "head")
        }
        let signature: Data = row["signature"]
        return AuditCheckpoint(
            size: row["size"], head: head.hex, at: AuditTime(microseconds: row["at_us"]).description,
            keyID: row["key_id"], signature: signature.base64EncodedString())
    }
}

private func decodeAuditRecord(_ row: Row) throws -> AuditRecord {
    guard let outcome = AuditOutcome(rawValue: row["outcome"]) else {
        throw StorageError.corruptValue(table: "audit_log", column: "outcome")
    }
    var delivered: SequenceSet?
    if let text: String = row["delivered"] {
        guard let set = SequenceSet(parsing: text) else {
            throw StorageError.corruptValue(table: "audit_log", column: "delivered")
        }
        delivered = set
    }
    return AuditRecord(
        seq: row["id"], at: AuditTime(microseconds: row["at_us"]), actor: row["actor"], keyID: row["key_id"],
        action: row["action"], resource: row["resource"], outcome: outcome, status: row["status"],
        requestID: row["request_id"], policyVersion: row["policy_version"], delivered: delivered,
        count: row["count"])
}
