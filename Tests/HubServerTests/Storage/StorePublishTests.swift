import Foundation
import IndicatorModel
import Testing

@testable import HubServer

struct PublishTests {
    @Test func publishedReportsBecomeChangesInOrderWithGaplessSequences() async throws {
        let temporary = try await TemporaryStorage()
        let store = temporary.storage.indicators
        let alpha = try participant("bank-alpha")
        let first = try await store.publish(
            (1...3).map { try sampleReport($0) }, by: alpha, idempotencyKey: nil, allOrNothing: false,
            at: TemporaryStorage.start)
        let second = try await store.publish(
            (4...5).map { try sampleReport($0) }, by: try participant("bank-beta"), idempotencyKey: nil,
            allOrNothing: false, at: TemporaryStorage.start)
        #expect(first.items == [.created(sequence: 1), .created(sequence: 2), .created(sequence: 3)])
        #expect(second.assignedSequences == [4, 5])

        let all = try await store.changes(after: 0, limit: 100)
        #expect(all.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(all.allSatisfy { $0.kind == .published })
        #expect(all.map(\.report.report.token) == (1...5).map(token))
        let page = try await store.changes(after: 2, limit: 2)
        #expect(page.map(\.sequence) == [3, 4])
        #expect(try await store.latestSequence() == 5)
    }

    @Test func publishingTheSameReportAgainCreatesNoChange() async throws {
        let temporary = try await TemporaryStorage()
        let store = temporary.storage.indicators
        let alpha = try participant("bank-alpha")
        let reports = [try sampleReport(1), try sampleReport(2, expiresAt: TemporaryStorage.start + 3_600)]
        _ = try await store.publish(
            reports, by: alpha, idempotencyKey: nil, allOrNothing: false, at: TemporaryStorage.start)
        let again = try await store.publish(
            reports, by: alpha, idempotencyKey: nil, allOrNothing: false, at: TemporaryStorage.start + 60)
        #expect(again.items == [.unchanged(sequence: 1), .unchanged(sequence: 2)])
        #expect(try await store.latestSequence() == 2)
    }

    @Test func changedContentIsAnUpdateWithANewSequenceNumber() async throws {
        let temporary = try await TemporaryStorage()
        let store = temporary.storage.indicators
        let alpha = try participant("bank-alpha")
        _ = try await store.publish(
            [try sampleReport(1)], by: alpha, idempotencyKey: nil, allOrNothing: false, at: TemporaryStorage.start)
        let amended = try await store.publish(
            [try sampleReport(1, confidence: 95)], by: alpha, idempotencyKey: nil, allOrNothing: false,
            at: TemporaryStorage.start + 60)
        #expect(amended.items == [.updated(sequence: 2)])
        let changes = try await store.changes(after: 1, limit: 10)
        #expect(changes.map(\.kind) == [.updated])
        #expect(changes.first?.report.report.confidence.value == 95)
        #expect(changes.first?.report.updatedAt == TemporaryStorage.start + 60)
        #expect(try await store.liveReports(on: [indicator(1)]).count == 1)
    }

    @Test func anIdempotencyKeyReplaysTheFirstResultAndRefusesOtherContent() async throws {
        let temporary = try await TemporaryStorage()
        let store = temporary.storage.indicators
        let alpha = try participant("bank-alpha")
        let key = IdempotencyKey("batch-0001")
        let first = try await store.publish(
            [try sampleReport(1)], by: alpha, idempotencyKey: key, allOrNothing: false, at: TemporaryStorage.start)
        let replay = try await store.publish(
            [try sampleReport(1)], by: alpha, idempotencyKey: key, allOrNothing: false,
            at: TemporaryStorage.start + 30)
        #expect(replay.items == first.items)
        #expect(replay.isReplay && !first.isReplay)
        await #expect(throws: StorageError.idempotencyConflict(key: "batch-0001")) {
            try await store.publish(
                [try sampleReport(2)], by: alpha, idempotencyKey: key, allOrNothing: false,
                at: TemporaryStorage.start + 30)
        }
        // The key is per participant: another reporter may use the same one.
        let other = try await store.publish(
            [try sampleReport(2)], by: try participant("bank-beta"), idempotencyKey: key, allOrNothing: false,
            at: TemporaryStorage.start)
        #expect(other.items == [.created(sequence: 2)])
    }

    @Test func anInvalidReportIsRejectedAloneUnlessTheBatchIsAllOrNothing() async throws {
        let temporary = try await TemporaryStorage()
        let store = temporary.storage.indicators
        var invalid = try sampleReport(2)
        invalid.tlp = .red  // red without named recipients
        let batch = [try sampleReport(1), invalid, try sampleReport(3)]
        let alpha = try participant("bank-alpha")

        await #expect(throws: StorageError.batchRejected([1: WireValueError.recipientsRequired(.red).description])) {
            try await store.publish(
                batch, by: alpha, idempotencyKey: nil, allOrNothing: true, at: TemporaryStorage.start)
        }
        #expect(try await store.latestSequence() == 0)

        let result = try await store.publish(
            batch, by: alpha, idempotencyKey: nil, allOrNothing: false, at: TemporaryStorage.start)
        #expect(
            result.items == [
                .created(sequence: 1), .rejected(reason: WireValueError.recipientsRequired(.red).description),
                .created(sequence: 2),
            ])
    }

    @Test func aBatchOfTenThousandCommitsAtomically() async throws {
        let temporary = try await TemporaryStorage()
        let store = temporary.storage.indicators
        let batch = try (1...10_000).map { try sampleReport($0) }
        let result = try await store.publish(
            batch, by: try participant("social-net"), idempotencyKey: nil, allOrNothing: false,
            at: TemporaryStorage.start)
        #expect(result.assignedSequences == Array(1...10_000))
        #expect(try await store.changes(after: 0, limit: 20_000).count == 10_000)

        // A batch that fails part-way (an unknown reporter breaks a foreign key) leaves nothing behind.
        await #expect(throws: (any Error).self) {
            try await store.publish(
                try (10_001...20_000).map { try sampleReport($0) }, by: try participant("not-registered"),
                idempotencyKey: nil, allOrNothing: false, at: TemporaryStorage.start)
        }
        #expect(try await store.latestSequence() == 10_000)
        #expect(try await store.liveReports(after: 0, limit: 20_000).count == 10_000)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SCAMHUB_MEASURE_INGEST"] != nil))
    func ingestOfOneHundredBatchesOfAThousand() async throws {
        let temporary = try await TemporaryStorage()
        let store = temporary.storage.indicators
        let batches = try (0..<100).map { batch in try (0..<1_000).map { try sampleReport(batch * 1_000 + $0) } }
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            for batch in batches {
                _ = try await store.publish(
                    batch, by: try participant("social-net"), idempotencyKey: nil, allOrNothing: false,
                    at: TemporaryStorage.start)
            }
        }
        print("ingest: 100 batches of 1,000 reports in \(elapsed)")
        #expect(try await store.latestSequence() == 100_000)
    }
}
