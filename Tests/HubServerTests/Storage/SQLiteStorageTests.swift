import Foundation
import GRDB
import IndicatorModel
import Testing

@testable import HubServer

struct SQLiteStorageTests {
    @Test func migrationsCreateTheSchemaOnAnEmptyDatabase() async throws {
        let temporary = try await TemporaryStorage(participants: [])
        let tables = try await temporary.storage.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in ["api_keys", "audit_log", "changes", "feedback", "idempotency_keys", "participants", "reports"] {
            #expect(tables.contains(table))
        }
        #expect(try await temporary.storage.indicators.latestSequence() == 0)
    }

    @Test func writesAreDurableWithWALAndForeignKeys() async throws {
        let temporary = try await TemporaryStorage(participants: [])
        let (journal, synchronous, foreignKeys) = try await temporary.storage.pool.writeWithoutTransaction { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys")
            )
        }
        #expect(journal == "wal")
        #expect(synchronous == 2)  // FULL
        #expect(foreignKeys == 1)
    }

    @Test func aFreshlyOpenedPoolReadsWhatAnotherWrote() async throws {
        let temporary = try await TemporaryStorage()
        let result = try await temporary.storage.indicators.publish(
            [try sampleReport(1), try sampleReport(2)], by: try participant("bank-alpha"), idempotencyKey: nil,
            allOrNothing: false, at: TemporaryStorage.start)
        let reopened = try SQLiteStorage(file: temporary.file)
        let changes = try await reopened.indicators.changes(after: 0, limit: 10)
        #expect(changes.map(\.sequence) == result.assignedSequences)
        #expect(changes.map(\.report.report) == [try sampleReport(1), try sampleReport(2)])
    }

    @Test func reportsOfUnknownParticipantsAreRefusedByForeignKeys() async throws {
        let temporary = try await TemporaryStorage(participants: [])
        await #expect(throws: DatabaseError.self) {
            try await temporary.storage.indicators.publish(
                [try sampleReport(1)], by: try participant("nobody"), idempotencyKey: nil, allOrNothing: false,
                at: TemporaryStorage.start)
        }
        #expect(try await temporary.storage.indicators.latestSequence() == 0)
    }
}
