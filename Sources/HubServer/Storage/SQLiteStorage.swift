package import Foundation
import GRDB

/// The hub's embedded database: one SQLite file in WAL mode, durable when a write returns.
///
/// Opens (creating if needed) the file, applies the migrations and hands out the stores that share it.
package struct SQLiteStorage: Sendable {
    let pool: DatabasePool

    /// Opens the database at `file`, creating it and its directory if needed.
    package init(file: URL) throws {
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: file.path, configuration: configuration)
        // DatabasePool sets `synchronous = NORMAL` with WAL after `prepareDatabase` runs; FULL makes every
        // commit reach the disk before the write returns, so an acknowledged write survives a crash.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try Migrations.makeMigrator().migrate(pool)
    }

    /// The database file inside a hub's data directory.
    package static func file(in dataDirectory: URL) -> URL {
        dataDirectory.appendingPathComponent("scamhub.sqlite")
    }

    package var indicators: SQLiteIndicatorStore { SQLiteIndicatorStore(pool: pool) }
    package var directory: SQLiteParticipantDirectory { SQLiteParticipantDirectory(pool: pool) }
    package var auditLog: SQLiteAuditLog { SQLiteAuditLog(pool: pool) }
    package var subscriptions: SQLiteSubscriptionStore { SQLiteSubscriptionStore(pool: pool) }
}
