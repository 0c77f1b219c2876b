import Foundation
import HTTPTypes
import HummingbirdTesting
import IndicatorModel
import Testing

@testable import HubServer

@Suite("Feedback and lookups")
struct FeedbackAndLookupTests {
    @Test("Reporters see consumers' feedback; two organisations' false positives put a token under review")
    func feedbackReachesReporter() async throws {
        try await LiveHub.run { hub in
            let token = try liveToken("081 234 5678", .phone)
            let kid = try KeyID("th-2026-11")
            _ = try await hub.publish([try liveReport(token)], as: "demo-platform")
            let first = try await hub.call(
                FeedbackResponse.self, .post, "/v1/feedback", as: "demo-bank",
                json: FeedbackRequest(feedback: [.init(token: token, keyID: kid, disposition: .falsePositive)]))
            #expect(first.results[0].reportersNotified == 1)
            #expect(first.results[0].falsePositiveOrganisations == 1 && !first.results[0].isUnderReview)
            let second = try await hub.call(
                FeedbackResponse.self, .post, "/v1/feedback", as: "demo-telco",
                json: FeedbackRequest(feedback: [.init(token: token, keyID: kid, disposition: .falsePositive)]))
            #expect(second.results[0].falsePositiveOrganisations == 2 && second.results[0].isUnderReview)

            let reporterFeed = try await hub.feed(as: "demo-platform").changes
            #expect(reporterFeed.map(\.type) == [.published, .feedback, .feedback])
            #expect(reporterFeed.last?.disposition == .falsePositive)
            #expect(try await hub.feed(as: "demo-police").changes.map(\.type) == [.published])
            #expect(try await hub.lookup([token], as: "demo-bank").results[0].isUnderReview)
        }
    }

    @Test("Feedback on a token the caller may not see records nothing and reveals nothing")
    func feedbackNeedsVisibility() async throws {
        try await LiveHub.run { hub in
            let token = try liveToken("081 234 5678", .phone)
            let kid = try KeyID("th-2026-11")
            _ = try await hub.publish(
                [try liveReport(token, tlp: .red, recipients: ["demo-police"])], as: "demo-platform")
            let hidden = try await hub.call(
                FeedbackResponse.self, .post, "/v1/feedback", as: "demo-bank",
                json: FeedbackRequest(feedback: [.init(token: token, keyID: kid, disposition: .falsePositive)]))
            let unknown = try await hub.call(
                FeedbackResponse.self, .post, "/v1/feedback", as: "demo-bank",
                json: FeedbackRequest(feedback: [
                    .init(token: try liveToken("089 999 9999", .phone), keyID: kid, disposition: .falsePositive)
                ]))
            #expect(hidden.results[0].reportersNotified == 0 && hidden.results[0].falsePositiveOrganisations == 0)
            #expect(hidden.results.map(\.isUnderReview) == unknown.results.map(\.isUnderReview))
            #expect(hidden.results[0].reportersNotified == unknown.results[0].reportersNotified)
            #expect(try await hub.feed(as: "demo-platform").changes.map(\.type) == [.published])
        }
    }

    @Test("Lookups answer found or not, in request order, with the policy's fields")
    func lookupResults() async throws {
        try await LiveHub.run { hub in
            let known = try liveToken("081 234 5678", .phone)
            let unknown = try liveToken("089 999 9999", .phone)
            _ = try await hub.publish([try liveReport(known)], as: "demo-platform")
            let answer = try await hub.lookup([unknown, known], as: "demo-bank")
            #expect(answer.results.map(\.isFound) == [false, true])
            #expect(answer.results[1].reports.first?.reporter == nil)
            #expect(try await hub.lookup([known], as: "demo-police").results[0].reports.first?.reporter != nil)
        }
    }

    @Test("Lookups beyond the role's limit get 429 with Retry-After; a batch over the limit is refused outright")
    func rateLimited() async throws {
        try await LiveHub.run { hub in
            // policies/national-anti-scam-centre.yaml: bank 600/min.
            let tokens = try (0..<300).map { try liveToken(String(format: "08%d %03d %04d", $0 % 10, $0, $0), .phone) }
            _ = try await hub.lookup(tokens, as: "demo-bank")
            _ = try await hub.lookup(tokens, as: "demo-bank")
            let kid = try KeyID("th-2026-11")
            // The bucket refills at 10 a second: 300 more need about half a minute.
            let refused = try await hub.send(
                .post, "/v1/lookup", as: "demo-bank",
                json: LookupRequest(tokens: tokens.map { TokenReference(token: $0, keyID: kid) }))
            #expect(refused.status == .tooManyRequests)
            let wait = try #require(refused.headers[.retryAfter].flatMap { Int($0) })
            #expect((20...30).contains(wait))
            #expect(try problem(of: refused).retryAfterSeconds == wait)
            // The telco's bucket is its own.
            #expect(try await hub.lookup([tokens[0]], as: "demo-telco").results.count == 1)

            let many = (0..<601).map { _ in TokenReference(token: tokens[0], keyID: kid) }
            let tooMany = try await hub.send(.post, "/v1/lookup", as: "demo-telco", json: LookupRequest(tokens: many))
            #expect(tooMany.status == .contentTooLarge)
        }
    }
}
