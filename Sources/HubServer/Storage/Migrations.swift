import Foundation
import GRDB
import IndicatorModel

/// The schema, one migration per step; applied in order when the store opens.
enum Migrations {
    static func makeMigrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-schema") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2-policy-activations") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3-audit-chain") { db in
            try migrateToAuditChain(db)
        }
        migrator.registerMigration("v4-subscriptions") { db in
            try db.execute(sql: v4)
        }
        return migrator
    }

    /// Times are REAL seconds since 1970; tokens 32-byte BLOBs; lists comma-separated (none of their
    /// items can hold a comma). `changes` and `audit_log` are append-only, enforced by triggers.
    /// Which policy version has been in force since which sequence number: a cursor from before the
    /// current version's activation may hold entries the new policy no longer allows.
    private static let v2 = """
        CREATE TABLE policy_activations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            version TEXT NOT NULL,
            since_sequence INTEGER NOT NULL,
            at REAL NOT NULL
        );
        """

    private static let v1 = """
        CREATE TABLE participants (
            id TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            jurisdiction TEXT NOT NULL,
            communities TEXT NOT NULL,
            created_at REAL NOT NULL,
            disabled_at REAL
        );

        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            participant_id TEXT NOT NULL REFERENCES participants(id),
            secret_sha256 BLOB NOT NULL CHECK (length(secret_sha256) = 32),
            scopes TEXT NOT NULL,
            created_at REAL NOT NULL,
            revoked_at REAL
        );
        CREATE INDEX api_keys_participant ON api_keys(participant_id);

        CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            reporter TEXT NOT NULL REFERENCES participants(id),
            token BLOB NOT NULL CHECK (length(token) = 32),
            kid TEXT NOT NULL,
            kind TEXT NOT NULL,
            category TEXT NOT NULL,
            confidence INTEGER NOT NULL,
            tlp TEXT NOT NULL,
            listing TEXT NOT NULL,
            recipients TEXT NOT NULL,
            jurisdictions TEXT NOT NULL,
            narrative TEXT,
            evidence_digests TEXT NOT NULL,
            expires_at REAL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            removal TEXT CHECK (removal IN ('revoked', 'expired')),
            removed_at REAL,
            removed_by TEXT REFERENCES participants(id),
            revocation_reason TEXT,
            last_sequence INTEGER NOT NULL,
            UNIQUE (reporter, token, kid)
        );
        CREATE INDEX reports_live_by_token ON reports(token, kid) WHERE removal IS NULL;
        CREATE INDEX reports_live_by_expiry ON reports(expires_at) WHERE removal IS NULL AND expires_at IS NOT NULL;

        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY,
            participant_id TEXT NOT NULL REFERENCES participants(id),
            token BLOB NOT NULL CHECK (length(token) = 32),
            kid TEXT NOT NULL,
            disposition TEXT NOT NULL,
            at REAL NOT NULL
        );
        CREATE INDEX feedback_by_token ON feedback(token, kid, disposition, participant_id);

        CREATE TABLE changes (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            report_id INTEGER NOT NULL REFERENCES reports(id),
            kind TEXT NOT NULL CHECK (kind IN ('published', 'updated', 'revoked', 'expired', 'feedback')),
            at REAL NOT NULL,
            actor TEXT REFERENCES participants(id),
            feedback_id INTEGER REFERENCES feedback(id)
        );
        CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
            BEGIN SELECT RAISE(ABORT, 'changes is append-only'); END;
        CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
            BEGIN SELECT RAISE(ABORT, 'changes is append-only'); END;

        CREATE TABLE idempotency_keys (
            participant_id TEXT NOT NULL REFERENCES participants(id),
            key TEXT NOT NULL,
            request_sha256 BLOB NOT NULL,
            response BLOB NOT NULL,
            created_at REAL NOT NULL,
            PRIMARY KEY (participant_id, key)
        ) WITHOUT ROWID;

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at REAL NOT NULL,
            actor TEXT,
            key_id TEXT,
            action TEXT NOT NULL,
            resource TEXT,
            outcome TEXT NOT NULL,
            sequence_first INTEGER,
            sequence_last INTEGER,
            policy_version TEXT
        );
        CREATE INDEX audit_log_by_actor ON audit_log(actor, id);
        CREATE INDEX audit_log_by_action ON audit_log(action, id);
        CREATE INDEX audit_log_by_time ON audit_log(at);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """

    /// The audit log becomes a hash chain (docs/audit.md) with signed checkpoints; entries gain the
    /// HTTP status, the request id, the delivered sequence set and a count, and times become whole
    /// microseconds so that an entry has one canonical encoding. Entries written before are chained
    /// in their order. Entries may be deleted only once a checkpoint covers them (pruning); the
    /// policy text is kept with each activation so that audits can re-decide under older versions.
    private static func migrateToAuditChain(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TRIGGER audit_log_no_update;
                DROP TRIGGER audit_log_no_delete;
                DROP INDEX audit_log_by_actor;
                DROP INDEX audit_log_by_action;
                DROP INDEX audit_log_by_time;
                ALTER TABLE audit_log RENAME TO audit_log_v1;
                ALTER TABLE policy_activations ADD COLUMN document TEXT;
                \(v3)
                """)
        var previous = AuditHash.genesis
        let old = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log_v1 ORDER BY id")
        var seq: Int64 = 0
        while let row = try old.next() {
            seq += 1
            let first: Int64? = row["sequence_first"]
            let last: Int64? = row["sequence_last"]
            let record = AuditRecord(
                seq: seq, at: AuditTime(Date(timeIntervalSince1970: row["at"])), actor: row["actor"],
                keyID: row["key_id"], action: row["action"], resource: row["resource"],
                outcome: AuditOutcome(rawValue: row["outcome"]) ?? .failed, status: nil, requestID: nil,
                policyVersion: row["policy_version"],
                delivered: first.flatMap { first in last.map { SequenceSet(first...max(first, $0)) } }, count: nil)
            previous = previous.next(record)
            try insertAuditRecord(record, hash: previous, into: db)
        }
        try db.execute(sql: "DROP TABLE audit_log_v1")
    }

    private static let v3 = """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at_us INTEGER NOT NULL,
            actor TEXT,
            key_id TEXT,
            action TEXT NOT NULL,
            resource TEXT,
            outcome TEXT NOT NULL,
            status INTEGER,
            request_id TEXT,
            policy_version TEXT,
            delivered TEXT,
            sequence_first INTEGER,
            sequence_last INTEGER,
            count INTEGER,
            hash BLOB NOT NULL CHECK (length(hash) = 32)
        );
        CREATE INDEX audit_log_by_actor ON audit_log(actor, id);
        CREATE INDEX audit_log_by_action ON audit_log(action, id);
        CREATE INDEX audit_log_by_time ON audit_log(at_us);
        CREATE INDEX audit_log_by_delivery ON audit_log(sequence_last) WHERE sequence_last IS NOT NULL;
        -- A report's changes, for audits; report ids grow, so new entries land at the index's end.
        CREATE INDEX changes_by_report ON changes(report_id, sequence);

        CREATE TABLE audit_checkpoints (
            size INTEGER PRIMARY KEY,
            head BLOB NOT NULL CHECK (length(head) = 32),
            at_us INTEGER NOT NULL,
            key_id TEXT NOT NULL,
            signature BLOB NOT NULL
        );
        CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
            BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
        CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
            BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            WHEN old.id > (SELECT coalesce(max(size), 0) FROM audit_checkpoints)
                OR EXISTS (SELECT 1 FROM audit_log WHERE id < old.id)
            BEGIN
                SELECT RAISE(ABORT, 'audit_log entries can be pruned only from the front, behind a signed checkpoint');
            END;
        """

    /// Push subscriptions: the subscription as its JSON document (its owner's view, its sealed webhook
    /// secrets, the webhook cursor and delivery status), with the columns queries select on.
    private static let v4 = """
        CREATE TABLE subscriptions (
            id TEXT PRIMARY KEY,
            owner TEXT NOT NULL REFERENCES participants(id),
            delivery TEXT NOT NULL,
            state TEXT NOT NULL,
            document TEXT NOT NULL
        );
        CREATE INDEX subscriptions_by_owner ON subscriptions(owner);
        """
}
