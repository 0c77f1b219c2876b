import Foundation
import GRDB
import IndicatorModel
import Testing

@testable import HubServer

struct AuditLogTests {
    @Test func entriesAreQueriedByActorActionAndTimeWithPaging() async throws {
        let temporary = try await TemporaryStorage()
        let log = temporary.storage.auditLog
        let alpha = try participant("bank-alpha")
        let start = TemporaryStorage.start
        for minute in 0..<5 {
            try await log.append(
                AuditEntry(
                    at: start + Double(minute * 60), actor: alpha, keyID: "0011223344556677", action: "flag-list.read",
                    outcome: .success, sequenceRange: 1...Int64(minute + 1), policyVersion: "v1"))
        }
        try await log.append(AuditEntry(at: start, actor: nil, keyID: nil, action: "auth", outcome: .refused))

        let firstPage = try await log.entries(matching: AuditQuery(actor: alpha, limit: 2))
        #expect(firstPage.map(\.id) == [1, 2])
        #expect(firstPage.last?.entry.sequenceRange == 1...2)
        #expect(firstPage.last?.entry.policyVersion == "v1")
        let nextPage = try await log.entries(matching: AuditQuery(actor: alpha, after: 2, limit: 2))
        #expect(nextPage.map(\.id) == [3, 4])
        let window = try await log.entries(matching: AuditQuery(from: start + 60, until: start + 180))
        #expect(window.map(\.id) == [2, 3])
        let refused = try await log.entries(matching: AuditQuery(action: "auth"))
        #expect(
            refused.map(\.entry) == [AuditEntry(at: start, actor: nil, keyID: nil, action: "auth", outcome: .refused)])
    }

    @Test(arguments: ["UPDATE audit_log SET outcome = 'success'", "DELETE FROM audit_log"])
    func auditRowsCannotBeChangedOrDeleted(statement: String) async throws {
        let temporary = try await TemporaryStorage()
        try await temporary.storage.auditLog.append(
            AuditEntry(at: TemporaryStorage.start, actor: nil, keyID: nil, action: "auth", outcome: .refused))
        await #expect(throws: DatabaseError.self) {
            try await temporary.storage.pool.write { db in try db.execute(sql: statement) }
        }
        let entries = try await temporary.storage.auditLog.entries(matching: AuditQuery())
        #expect(entries.map(\.entry.outcome) == [.refused])
    }

    @Test func changesCannotBeRewrittenEither() async throws {
        let temporary = try await TemporaryStorage()
        _ = try await temporary.storage.indicators.publish(
            [try sampleReport(1)], by: try participant("bank-alpha"), idempotencyKey: nil, allOrNothing: false,
            at: TemporaryStorage.start)
        await #expect(throws: DatabaseError.self) {
            try await temporary.storage.pool.write { db in try db.execute(sql: "DELETE FROM changes") }
        }
        #expect(try await temporary.storage.indicators.latestSequence() == 1)
    }
}
