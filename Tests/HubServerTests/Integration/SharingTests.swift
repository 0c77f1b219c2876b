import Foundation
import HTTPTypes
import HummingbirdTesting
import IndicatorModel
import Testing

@testable import HubServer

/// What each of the five demo roles receives under policies/national-anti-scam-centre.yaml.
@Suite("The policy shapes what each role receives")
struct SharingTests {
    @Test("A platform's phone flag: operational fields to bank and telco, everything to police, nothing to the auditor")
    func phoneFlagPerRole() async throws {
        try await LiveHub.run { hub in
            let token = try liveToken("081 234 5678", .phone)
            _ = try await hub.publish(
                [try liveReport(token, narrative: "recruits over chat apps")], as: "demo-platform")

            for participant in ["demo-bank", "demo-telco"] {
                let delivered = try #require(try await hub.feed(as: participant).changes.first?.report)
                #expect(delivered.token == token && delivered.category == .investmentScam)
                #expect(delivered.confidenceBand == .high && delivered.reporterCount == 1)
                #expect(delivered.confidence == nil, "operational fields carry the band, not the figure")
                #expect(delivered.reporter == nil && delivered.narrative == nil)
            }
            let police = try #require(try await hub.feed(as: "demo-police").changes.first?.report)
            #expect(police.reporter?.rawValue == "demo-platform")
            #expect(police.narrative == "recruits over chat apps" && police.confidence?.value == 90)

            let own = try #require(try await hub.feed(as: "demo-platform").changes.first?.report)
            #expect(own.narrative == "recruits over chat apps")

            let auditorFeed = try await hub.send(.get, "/v1/feed", as: "demo-auditor")
            #expect(auditorFeed.status == .forbidden, "the auditor's key has no consume scope")
        }
    }

    @Test("A bank receives a mule account only once it is corroborated")
    func corroboration() async throws {
        try await LiveHub.run { hub in
            let account = try liveToken("TH:004:1234567890", .bankAccount, region: nil)
            let report = try liveReport(account, kind: .bankAccount, category: .muleAccount, confidence: 60)
            _ = try await hub.publish([report], as: "demo-platform")
            #expect(try await hub.flagListChanges(after: 0, as: "demo-bank").added.isEmpty)
            #expect(try await hub.lookup([account], as: "demo-bank").results[0].isFound == false)
            #expect(try await hub.lookup([account], as: "demo-police").results[0].isFound)

            _ = try await hub.publish([report], as: "demo-police")
            let delta = try await hub.flagListChanges(after: 0, as: "demo-bank")
            #expect(delta.added.map(\.token) == [account])
            #expect(try await hub.lookup([account], as: "demo-bank").results[0].reports.count == 2)
        }
    }

    @Test("TLP red reaches only the organisations it names")
    func redIsNamedOnly() async throws {
        try await LiveHub.run { hub in
            let token = try liveToken("081 234 5678", .phone)
            let red = try liveReport(token, tlp: .red, recipients: ["demo-police"])
            _ = try await hub.publish([red], as: "demo-platform")
            #expect(try await hub.feed(as: "demo-bank").changes.isEmpty)
            #expect(try await hub.feed(as: "demo-telco").changes.isEmpty)
            #expect(try await hub.feed(as: "demo-police").changes.first?.report.tlp == .red)

            // A second, green report: the bank sees one reporter, not the hidden red one.
            _ = try await hub.publish([try liveReport(token)], as: "demo-telco")
            let seen = try await hub.lookup([token], as: "demo-bank").results[0].reports
            #expect(seen.count == 1 && seen[0].reporterCount == 1)
            #expect(try await hub.lookup([token], as: "demo-police").results[0].reports.first?.reporterCount == 2)
        }
    }
}
