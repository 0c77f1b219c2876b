import Crypto
import Foundation
import IndicatorModel
import Logging
import Synchronization
import Testing

@testable import HubServer

/// The recorder when the log cannot be written: nothing recorded is lost, and past a backlog the
/// hub refuses requests rather than serve them unrecorded.
struct AuditRecorderTests {
    @Test("Entries survive failed writes, in order, and the recorder reports the backlog")
    func failedWritesKeepEntries() async throws {
        let temporary = try await TemporaryStorage()
        let log = FlakyAuditLog(temporary.storage.auditLog)
        let recorder = AuditRecorder(
            log: log, signer: AuditSigner(key: Curve25519.Signing.PrivateKey()),
            settings: .init(
                flushInterval: .seconds(60), checkpointEvery: 1_000, checkpointInterval: .seconds(60), retention: nil),
            logger: Logger(label: "test"))
        log.isFailing.withLock { $0 = true }
        for index in 0..<3 {
            recorder.record(
                AuditEntry(
                    at: TemporaryStorage.start, actor: nil, keyID: nil, action: "lookup", resource: "\(index)",
                    outcome: .refused, status: 429))
        }
        await #expect(throws: FlakyAuditLog.Failure.self) { try await recorder.flush() }
        #expect(recorder.isWritable)
        for _ in 0..<(AuditRecorder.backlogLimit - 3) {
            recorder.record(
                AuditEntry(at: TemporaryStorage.start, actor: nil, keyID: nil, action: "x", outcome: .refused))
        }
        #expect(!recorder.isWritable, "a full backlog makes the hub refuse requests")

        log.isFailing.withLock { $0 = false }
        try await recorder.checkpoint()
        #expect(recorder.isWritable)
        let first = try await temporary.storage.auditLog.records(matching: AuditQuery(limit: 3))
        #expect(first.map(\.resource) == ["0", "1", "2"])
        #expect(try await temporary.storage.auditLog.head().size == Int64(AuditRecorder.backlogLimit))
        #expect(try await temporary.storage.auditLog.latestCheckpoint()?.size == Int64(AuditRecorder.backlogLimit))
    }
}

/// The SQLite audit log, with appends that fail on demand.
private final class FlakyAuditLog: AuditLog {
    struct Failure: Error {}

    let base: SQLiteAuditLog
    let isFailing = Mutex(false)

    init(_ base: SQLiteAuditLog) {
        self.base = base
    }

    func append(contentsOf entries: [AuditEntry]) async throws -> Int64? {
        if isFailing.withLock({ $0 }) { throw Failure() }
        return try await base.append(contentsOf: entries)
    }

    func records(matching query: AuditQuery) async throws -> [AuditRecord] { try await base.records(matching: query) }

    func exportLines(after: Int64, through: Int64, limit: Int) async throws -> [AuditExportLine] {
        try await base.exportLines(after: after, through: through, limit: limit)
    }

    func head() async throws -> (size: Int64, hash: AuditHash) { try await base.head() }
    func firstKept() async throws -> Int64? { try await base.firstKept() }

    func checkpoint(sign: @Sendable (Int64, AuditHash) throws -> AuditCheckpoint) async throws -> AuditCheckpoint? {
        try await base.checkpoint(sign: sign)
    }

    func latestCheckpoint() async throws -> AuditCheckpoint? { try await base.latestCheckpoint() }

    func checkpoints(after size: Int64, limit: Int) async throws -> [AuditCheckpoint] {
        try await base.checkpoints(after: size, limit: limit)
    }

    func prune(before time: AuditTime, sign: @Sendable (Int64, AuditHash) throws -> AuditCheckpoint) async throws
        -> Int
    {
        try await base.prune(before: time, sign: sign)
    }

    func deliveries(actions: [String], overlapping range: ClosedRange<Int64>) async throws -> [AuditRecord] {
        try await base.deliveries(actions: actions, overlapping: range)
    }
}
