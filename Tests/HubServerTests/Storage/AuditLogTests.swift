import Crypto
import Foundation
import GRDB
import IndicatorModel
import Testing

@testable import HubServer

struct AuditLogTests {
    @Test func entriesAreQueriedByActorActionOutcomeAndTimeWithPaging() async throws {
        let temporary = try await TemporaryStorage()
        let log = temporary.storage.auditLog
        let alpha = try participant("bank-alpha")
        let start = TemporaryStorage.start
        for minute in 0..<5 {
            try await log.append(contentsOf: [
                AuditEntry(
                    at: start + Double(minute * 60), actor: alpha, keyID: "0011223344556677",
                    action: "flaglist.changes",
                    outcome: .success, status: 200, delivered: SequenceSet(1...Int64(minute + 1)), count: minute + 1,
                    policyVersion: "v1")
            ])
        }
        try await log.append(contentsOf: [
            AuditEntry(at: start, actor: nil, keyID: nil, action: "feed.read", outcome: .refused, status: 401)
        ])

        let firstPage = try await log.records(matching: AuditQuery(actor: "bank-alpha", limit: 2))
        #expect(firstPage.map(\.seq) == [1, 2])
        #expect(firstPage.last?.delivered == SequenceSet(1...2))
        #expect(firstPage.last?.policyVersion == "v1")
        let nextPage = try await log.records(matching: AuditQuery(actor: "bank-alpha", after: 2, limit: 2))
        #expect(nextPage.map(\.seq) == [3, 4])
        let window = try await log.records(
            matching: AuditQuery(from: AuditTime(start + 60), until: AuditTime(start + 180)))
        #expect(window.map(\.seq) == [2, 3])
        let refused = try await log.records(matching: AuditQuery(outcome: .refused))
        #expect(refused.map(\.seq) == [6])
        #expect(refused.first?.status == 401)
        #expect(refused.first?.actor == nil)
    }

    @Test("Batches extend one hash chain: each entry's hash follows from the one before")
    func entriesAreChained() async throws {
        let temporary = try await TemporaryStorage()
        let log = temporary.storage.auditLog
        for batch in 0..<3 {
            try await log.append(
                contentsOf: (0..<4).map { index in
                    AuditEntry(
                        at: TemporaryStorage.start + Double(batch * 10 + index), actor: nil, keyID: nil,
                        action: "lookup", outcome: .refused, status: 429)
                })
        }
        let lines = try await log.exportLines(after: 0, through: 100, limit: 100)
        #expect(lines.map(\.record.seq) == Array(1...12))
        var previous = AuditHash.genesis
        for line in lines {
            #expect(line.previous == previous)
            #expect(line.hash == previous.next(line.record))
            previous = line.hash
        }
        let head = try await log.head()
        #expect(head.size == 12)
        #expect(head.hash == previous)
        // A page from the middle starts from the stored hash of the entry before it.
        let middle = try await log.exportLines(after: 5, through: 8, limit: 100)
        #expect(middle.map(\.record.seq) == [6, 7, 8])
        #expect(middle.first?.previous == lines[4].hash)
    }

    @Test(arguments: [
        "UPDATE audit_log SET outcome = 'success'", "DELETE FROM audit_log", "DELETE FROM audit_checkpoints",
    ])
    func entriesCannotBeChangedOrDeletedOutsidePruning(statement: String) async throws {
        let temporary = try await TemporaryStorage()
        let log = temporary.storage.auditLog
        try await log.append(contentsOf: [
            AuditEntry(at: TemporaryStorage.start, actor: nil, keyID: nil, action: "feed.read", outcome: .refused)
        ])
        let signer = AuditSigner(key: Curve25519.Signing.PrivateKey())
        _ = try await log.checkpoint { try signer.checkpoint(size: $0, head: $1) }
        try await log.append(contentsOf: [
            AuditEntry(at: TemporaryStorage.start, actor: nil, keyID: nil, action: "feed.read", outcome: .refused)
        ])
        await #expect(throws: DatabaseError.self) {
            try await temporary.storage.pool.write { db in try db.execute(sql: statement) }
        }
        let records = try await log.records(matching: AuditQuery())
        #expect(records.map(\.outcome) == [.refused, .refused])
        #expect(try await log.checkpoints(after: -1, limit: 10).map(\.size) == [1])
    }

    @Test("Only the front of the log can be deleted, and only behind a checkpoint")
    func deletionOnlyFromTheFront() async throws {
        let temporary = try await TemporaryStorage()
        let log = temporary.storage.auditLog
        try await log.append(
            contentsOf: (0..<3).map { _ in
                AuditEntry(at: TemporaryStorage.start, actor: nil, keyID: nil, action: "feed.read", outcome: .refused)
            })
        let signer = AuditSigner(key: Curve25519.Signing.PrivateKey())
        _ = try await log.checkpoint { try signer.checkpoint(size: $0, head: $1) }
        for statement in ["DELETE FROM audit_log WHERE id = 2", "DELETE FROM audit_log WHERE id = 3"] {
            await #expect(throws: DatabaseError.self, "\(statement)") {
                try await temporary.storage.pool.write { db in try db.execute(sql: statement) }
            }
        }
        try await temporary.storage.pool.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE id <= 2") }
        #expect(try await log.firstKept() == 3)
    }

    @Test("Pruning cuts behind a signed checkpoint, and what remains still verifies from it")
    func pruningKeepsTheChainVerifiable() async throws {
        let temporary = try await TemporaryStorage()
        let log = temporary.storage.auditLog
        let signer = AuditSigner(key: Curve25519.Signing.PrivateKey())
        let start = TemporaryStorage.start
        let alpha = try participant("bank-alpha")
        var entries: [AuditEntry] = []
        for day in 0..<10 {
            let sequence = Int64(day + 1)
            entries.append(
                AuditEntry(
                    at: start + Double(day) * 86_400, actor: alpha, keyID: nil, action: "feed.read", outcome: .success,
                    status: 200, delivered: SequenceSet(sequence...sequence), count: 1))
        }
        try await log.append(contentsOf: entries)
        let fullExport = try await log.exportLines(after: 0, through: 10, limit: 100)

        let removed = try await log.prune(before: AuditTime(start + 4.5 * 86_400)) {
            try signer.checkpoint(size: $0, head: $1)
        }
        #expect(removed == 5)
        #expect(try await log.firstKept() == 6)
        let checkpoints = try await log.checkpoints(after: -1, limit: 10)
        #expect(checkpoints.map(\.size) == [5])
        #expect(checkpoints.first?.head == fullExport[4].hash.hex)

        // The remaining entries chain from the checkpoint at the cut, and new ones extend them.
        try await log.append(contentsOf: [
            AuditEntry(at: start + 20 * 86_400, actor: nil, keyID: nil, action: "feed.read", outcome: .refused)
        ])
        let rest = try await log.exportLines(after: 0, through: 100, limit: 100)
        #expect(rest.map(\.record.seq) == Array(6...11))
        #expect(rest.first?.previous == fullExport[4].hash)
        let final = try #require(try await log.checkpoint { try signer.checkpoint(size: $0, head: $1) })
        var verifier = AuditVerifier(publicKey: signer.publicKey, checkpoints: checkpoints + [final])
        for line in rest { verifier.consume(line: line.record.exportLine(hash: line.hash, previous: line.previous)) }
        let report = try verifier.finish().get()
        #expect(report.isAnchored)
        #expect(report.checkpointsVerified == 2)
        #expect(report.lastEntry == 11)
    }

    @Test("A hub's log from before the chain is chained in order when the database is upgraded")
    func upgradeChainsExistingEntries() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-upgrade-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appending(path: "scamhub.sqlite")
        do {
            let old = try DatabasePool(path: file.path)
            try Migrations.makeMigrator().migrate(old, upTo: "v2-policy-activations")
            try await old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO audit_log (at, actor, key_id, action, resource, outcome, sequence_first,
                            sequence_last, policy_version)
                        VALUES (1790000000.25, 'bank-alpha', '0011223344556677', 'flaglist.changes', NULL, 'success',
                            1, 40, 'sha256:aa'),
                            (1790000001.5, NULL, NULL, 'feed.read', NULL, 'refused', NULL, NULL, NULL)
                        """)
            }
        }
        let upgraded = try SQLiteStorage(file: file).auditLog
        let lines = try await upgraded.exportLines(after: 0, through: 10, limit: 10)
        #expect(lines.map(\.record.action) == ["flaglist.changes", "feed.read"])
        #expect(lines.first?.record.delivered == SequenceSet(1...40))
        #expect(lines.first?.record.at == AuditTime(microseconds: 1_790_000_000_250_000))
        #expect(lines.last?.record.outcome == .refused && lines.last?.record.actor == nil)
        var previous = AuditHash.genesis
        for line in lines {
            #expect(line.previous == previous && line.hash == previous.next(line.record))
            previous = line.hash
        }
        // New entries extend the upgraded chain.
        try await upgraded.append(contentsOf: [
            AuditEntry(at: TemporaryStorage.start, actor: nil, keyID: nil, action: "lookup", outcome: .refused)
        ])
        let head = try await upgraded.head()
        #expect(head.size == 3)
        let third = try #require(try await upgraded.exportLines(after: 2, through: 3, limit: 1).first)
        #expect(third.previous == previous && head.hash == third.hash)
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
