import Foundation
import IndicatorModel
import SharingPolicy
import Testing

@testable import HubServer

struct RemovalAndFeedbackTests {
    @Test func onlyTheReporterOrAnActorWhoMayRevokeAnyRevokesAReport() async throws {
        let temporary = try await TemporaryStorage()
        let store = temporary.storage.indicators
        let alpha = try participant("bank-alpha")
        _ = try await store.publish(
            [try sampleReport(1), try sampleReport(2)], by: alpha, idempotencyKey: nil, allOrNothing: false,
            at: TemporaryStorage.start)
        let first = ReportKey(reporter: alpha, indicator: try indicator(1))
        let second = ReportKey(reporter: alpha, indicator: try indicator(2))

        let byOtherBank = try await store.revoke(
            [first], reason: .falsePositive, by: try participant("bank-beta"), canRevokeAny: false,
            at: TemporaryStorage.start + 10)
        #expect(byOtherBank == [.notPermitted])
        #expect(try await store.latestSequence() == 2)

        let police = try participant("thai-police")
        let byPolice = try await store.revoke(
            [first], reason: .resolved, by: police, canRevokeAny: true, at: TemporaryStorage.start + 20)
        #expect(byPolice == [.revoked(sequence: 3)])
        let byOwner = try await store.revoke(
            [first, second, ReportKey(reporter: alpha, indicator: try indicator(9))], reason: .falsePositive,
            by: alpha, canRevokeAny: false, at: TemporaryStorage.start + 30)
        #expect(byOwner == [.alreadyRemoved, .revoked(sequence: 4), .notFound])

        let removals = try await store.changes(after: 2, limit: 10)
        #expect(removals.map(\.kind) == [.revoked, .revoked])
        #expect(removals.first?.actor == police)
        #expect(
            removals.first?.report.removal == .revoked(reason: .resolved, by: police, at: TemporaryStorage.start + 20))
        #expect(try await store.liveReports(on: [indicator(1), indicator(2)]).isEmpty)
    }

    @Test func republishingARevokedReportMakesItLiveAgain() async throws {
        let temporary = try await TemporaryStorage()
        let store = temporary.storage.indicators
        let alpha = try participant("bank-alpha")
        _ = try await store.publish(
            [try sampleReport(1)], by: alpha, idempotencyKey: nil, allOrNothing: false, at: TemporaryStorage.start)
        _ = try await store.revoke(
            [ReportKey(reporter: alpha, indicator: try indicator(1))], reason: .superseded, by: alpha,
            canRevokeAny: false, at: TemporaryStorage.start + 1)
        let again = try await store.publish(
            [try sampleReport(1)], by: alpha, idempotencyKey: nil, allOrNothing: false,
            at: TemporaryStorage.start + 2)
        #expect(again.items == [.created(sequence: 3)])
        #expect(try await store.liveReports(on: [indicator(1)]).map(\.isLive) == [true])
    }

    @Test func expiryEmitsEachRemovalExactlyOnce() async throws {
        let temporary = try await TemporaryStorage()
        let store = temporary.storage.indicators
        let start = TemporaryStorage.start
        _ = try await store.publish(
            [
                try sampleReport(1, expiresAt: start + 60), try sampleReport(2, expiresAt: start + 120),
                try sampleReport(3),
            ], by: try participant("bank-alpha"), idempotencyKey: nil, allOrNothing: false, at: start)

        #expect(try await store.expireReports(asOf: start + 59).isEmpty)
        let first = try await store.expireReports(asOf: start + 60)
        #expect(first.map(\.sequence) == [4])
        #expect(first.map(\.kind) == [.expired])
        #expect(first.first?.report.report.token == token(1))
        #expect(first.first?.report.removal == .expired(at: start + 60))
        let later = try await store.expireReports(asOf: start + 1_000)
        #expect(later.map(\.report.report.token) == [token(2)])
        #expect(try await store.expireReports(asOf: start + 2_000).isEmpty)
        #expect(try await store.liveReports(after: 0, limit: 10).map(\.report.token) == [token(3)])
        #expect(try await store.latestSequence() == 5)
    }

    @Test func feedbackReachesEveryLiveReportAndCountsDistinctOrganisations() async throws {
        let temporary = try await TemporaryStorage()
        let store = temporary.storage.indicators
        for reporter in ["bank-alpha", "social-net"] {
            _ = try await store.publish(
                [try sampleReport(1)], by: try participant(reporter), idempotencyKey: nil, allOrNothing: false,
                at: TemporaryStorage.start)
        }
        let beta = try participant("bank-beta")
        let first = try await store.recordFeedback(
            .falsePositive, on: try indicator(1), by: beta, at: TemporaryStorage.start + 5)
        #expect(first == FeedbackResult(sequences: [3, 4], falsePositiveOrganisations: 1))
        let repeated = try await store.recordFeedback(
            .falsePositive, on: try indicator(1), by: beta, at: TemporaryStorage.start + 6)
        #expect(repeated.falsePositiveOrganisations == 1)
        let blocked = try await store.recordFeedback(
            .blocked, on: try indicator(1), by: try participant("thai-police"), at: TemporaryStorage.start + 7)
        #expect(blocked.falsePositiveOrganisations == 1)
        let second = try await store.recordFeedback(
            .falsePositive, on: try indicator(1), by: try participant("bank-alpha"), at: TemporaryStorage.start + 8)
        #expect(second.falsePositiveOrganisations == 2)

        let feedback = try await store.changes(after: 2, limit: 2)
        #expect(feedback.map(\.kind) == [.feedback, .feedback])
        #expect(feedback.map(\.disposition) == [.falsePositive, .falsePositive])
        #expect(feedback.map(\.actor) == [beta, beta])
        #expect(Set(feedback.map(\.report.reporter)) == [try participant("bank-alpha"), try participant("social-net")])
    }
}

struct IndicatorStateTests {
    @Test func theStateOfAnIndicatorListsItsLiveReportsWithTheirReportersRoles() async throws {
        let temporary = try await TemporaryStorage()
        let store = temporary.storage.indicators
        let alpha = try participant("bank-alpha")
        let police = try participant("thai-police")
        _ = try await store.publish(
            [try sampleReport(1, confidence: 60)], by: alpha, idempotencyKey: nil, allOrNothing: false,
            at: TemporaryStorage.start)
        _ = try await store.publish(
            [try sampleReport(1, confidence: 90), try sampleReport(2)], by: police, idempotencyKey: nil,
            allOrNothing: false, at: TemporaryStorage.start)
        _ = try await store.revoke(
            [ReportKey(reporter: police, indicator: try indicator(2))], reason: .resolved, by: police,
            canRevokeAny: true, at: TemporaryStorage.start + 1)

        let states = try await store.indicatorStates(on: [indicator(1), indicator(2), indicator(3)])
        #expect(
            states[try indicator(1)]?.reports == [
                .init(reporter: alpha, role: .bank, confidence: try Confidence(60)),
                .init(reporter: police, role: .lawEnforcement, confidence: try Confidence(90)),
            ])
        #expect(states[try indicator(2)]?.reports == [])
        #expect(states[try indicator(3)]?.reports == [])
    }
}
