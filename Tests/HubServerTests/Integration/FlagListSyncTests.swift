import Foundation
import HTTPTypes
import HummingbirdTesting
import IndicatorModel
import Testing

@testable import HubServer

@Suite("Flag-list sync: deltas, snapshots, digests, resync")
struct FlagListSyncTests {
    @Test("A delta never names a token the policy withholds, not even as a removal")
    func withheldTokensStayUnnamed() async throws {
        try await LiveHub.run { hub in
            let kid = try KeyID("th-2026-11")
            // TLP red for the police only, and a mule account no bank may see uncorroborated.
            let red = try liveToken("081 234 5678", .phone)
            let mule = try liveToken("TH:004:1234567890", .bankAccount, region: nil)
            let visible = try liveToken("082 345 6789", .phone)
            _ = try await hub.publish(
                [
                    try liveReport(red, tlp: .red, recipients: ["demo-police"]),
                    try liveReport(mule, kind: .bankAccount, category: .muleAccount, confidence: 60),
                    try liveReport(visible),
                ], as: "demo-platform")
            var list: [FlagListKey: FlagListEntry] = [:]
            let first = try await hub.flagListChanges(after: 0, as: "demo-bank")
            apply(first, to: &list)
            #expect(first.added.map(\.token) == [visible])
            #expect(first.removed.isEmpty, "no list key of a new token is withdrawn: \(first.removed)")

            // Both hidden reports are revoked: still nothing about them reaches the bank.
            _ = try await hub.call(
                RevokeResponse.self, .post, "/v1/reports/revoke", as: "demo-platform",
                json: RevokeRequest(
                    reports: [.init(token: red, keyID: kid), .init(token: mule, keyID: kid)], reason: .falsePositive))
            let second = try await hub.flagListChanges(after: first.cursor, as: "demo-bank")
            apply(second, to: &list)
            #expect(second.added.isEmpty && second.removed.isEmpty)
            #expect(FlagListDigest(list.keys).hex == second.stateDigest)
            // The police, who saw the red report, are told it left.
            let police = try await hub.flagListChanges(after: 0, as: "demo-police")
            #expect(police.removed.contains(FlagListKey(token: red, keyID: kid, listing: .flag)))
        }
    }

    @Test("A revocation reaches the bank's delta as a removal and the digests agree at every step")
    func revocationIsARemoval() async throws {
        try await LiveHub.run { hub in
            let first = try liveToken("081 234 5678", .phone)
            let second = try liveToken("082 345 6789", .phone)
            _ = try await hub.publish([try liveReport(first), try liveReport(second)], as: "demo-platform")

            var list: [FlagListKey: FlagListEntry] = [:]
            let initial = try await hub.flagListChanges(after: 0, as: "demo-bank")
            apply(initial, to: &list)
            #expect(Set(list.keys.map(\.token)) == [first, second])
            #expect(FlagListDigest(list.keys).hex == initial.stateDigest)
            #expect(initial.entryCount == 2 && initial.minimumWaitSeconds == 60)

            let kid = try KeyID("th-2026-11")
            let revoked = try await hub.call(
                RevokeResponse.self, .post, "/v1/reports/revoke", as: "demo-platform",
                json: RevokeRequest(reports: [.init(token: first, keyID: kid)], reason: .falsePositive))
            #expect(revoked.results.first?.status == .revoked)

            let delta = try await hub.flagListChanges(after: initial.cursor, as: "demo-bank")
            #expect(delta.removed.contains(FlagListKey(token: first, keyID: kid, listing: .flag)))
            #expect(!delta.added.contains { $0.token == first })
            apply(delta, to: &list)
            #expect(Set(list.keys.map(\.token)) == [second])
            #expect(FlagListDigest(list.keys).hex == delta.stateDigest)

            let feed = try await hub.feed(as: "demo-bank").changes.map(\.type)
            #expect(feed == [.published, .published, .revoked])
        }
    }

    @Test("A client whose copy drifted sees the digest differ and resyncs from a snapshot")
    func digestMismatchResyncs() async throws {
        try await LiveHub.run { hub in
            let tokens = try ["081 234 5678", "082 345 6789", "083 456 7890"].map { try liveToken($0, .phone) }
            _ = try await hub.publish(try tokens.map { try liveReport($0) }, as: "demo-platform")
            var list: [FlagListKey: FlagListEntry] = [:]
            let delta = try await hub.flagListChanges(after: 0, as: "demo-telco")
            apply(delta, to: &list)
            list.removeValue(forKey: try #require(list.keys.first))  // the client lost an entry
            #expect(FlagListDigest(list.keys).hex != delta.stateDigest)

            let snapshot = try await hub.call(FlagListSnapshot.self, .get, "/v1/flaglist/snapshot", as: "demo-telco")
            list = Dictionary(uniqueKeysWithValues: snapshot.entries.map { ($0.key, $0) })
            #expect(FlagListDigest(list.keys).hex == snapshot.stateDigest)
            #expect(snapshot.stateDigest == delta.stateDigest && snapshot.cursor == delta.cursor)
        }
    }

    @Test("The binary snapshot holds what the JSON one does, under the same digest")
    func binarySnapshot() async throws {
        try await LiveHub.run { hub in
            let tokens = try ["081 234 5678", "082 345 6789"].map { try liveToken($0, .phone) }
            _ = try await hub.publish(try tokens.map { try liveReport($0) }, as: "demo-platform")
            let json = try await hub.call(FlagListSnapshot.self, .get, "/v1/flaglist/snapshot", as: "demo-bank")
            let response = try await hub.send(
                .get, "/v1/flaglist/snapshot", as: "demo-bank",
                headers: [.accept: "application/vnd.scamhub.flaglist.v1"])
            #expect(response.headers[.contentType] == "application/vnd.scamhub.flaglist.v1")
            #expect(response.headers[HTTPField.Name("Scamhub-State-Digest")!] == json.stateDigest)
            let binary = try FlagListSnapshotReader.decode([UInt8](response.data))
            #expect(binary.entries == json.entries)
            #expect(binary.digest.hex == json.stateDigest && binary.cursor == json.cursor)
            #expect(binary.policyVersion == json.policyVersion)
        }
    }

    @Test("A cursor from another policy version, or from the future, answers resync_required")
    func resyncRequired() async throws {
        try await LiveHub.run { hub in
            _ = try await hub.publish([try liveReport(try liveToken("081 234 5678", .phone))], as: "demo-platform")
            let stale = "sha256:" + String(repeating: "0", count: 64)
            let changed = try await hub.call(
                FlagListDelta.self, .get, "/v1/flaglist/changes?after=0&policy_version=\(stale)", as: "demo-bank")
            #expect(changed.resyncRequired == .policyChanged && changed.added.isEmpty)
            let ahead = try await hub.flagListChanges(after: 999, as: "demo-bank")
            #expect(ahead.resyncRequired == .cursorAhead)
        }
    }

    @Test("After the hub restarts under another policy, a cursor from before answers resync_required")
    func policyChangeAcrossRestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-policy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try await LiveHub.run(in: directory) { hub in
            _ = try await hub.publish([try liveReport(try liveToken("081 234 5678", .phone))], as: "demo-platform")
            _ = try await hub.publish([try liveReport(try liveToken("082 345 6789", .phone))], as: "demo-platform")
            return try await hub.flagListChanges(after: 0, as: "demo-bank")
        }
        #expect(before.added.count == 2)
        try await LiveHub.run(policy: "two-bank-pilot.yaml", in: directory) { hub in
            // The pilot shares mule accounts only: the bank's two phone entries must go.
            let old = try await hub.flagListChanges(after: 1, as: "demo-bank")
            #expect(old.resyncRequired == .policyChanged)
            let snapshot = try await hub.call(FlagListSnapshot.self, .get, "/v1/flaglist/snapshot", as: "demo-bank")
            #expect(snapshot.entries.isEmpty && snapshot.policyVersion != before.policyVersion)
            let fresh = try await hub.flagListChanges(after: snapshot.cursor, as: "demo-bank")
            #expect(fresh.resyncRequired == nil && fresh.stateDigest == snapshot.stateDigest)
        }
        try await LiveHub.run(policy: "two-bank-pilot.yaml", in: directory) { hub in
            // Restarting under the same policy keeps cursors valid.
            let delta = try await hub.flagListChanges(after: 2, as: "demo-bank")
            #expect(delta.resyncRequired == nil)
        }
    }

    @Test("Reports past their retention expire and leave every list")
    func expiry() async throws {
        try await LiveHub.run(configure: { $0.expiryInterval = .milliseconds(200) }) { hub in
            let token = try liveToken("081 234 5678", .phone)
            _ = try await hub.publish(
                [try liveReport(token, expiresAt: Date().addingTimeInterval(4))], as: "demo-platform")
            let added = try await hub.flagListChanges(after: 0, as: "demo-bank")
            #expect(added.added.map(\.token) == [token])
            let removal = try await eventually {
                let delta = try await hub.flagListChanges(after: added.cursor, as: "demo-bank")
                return delta.cursor > added.cursor ? delta : nil
            }
            #expect(removal.removed.map(\.token).contains(token) && removal.entryCount == 0)
            #expect(try await hub.feed(as: "demo-bank").changes.last?.type == .expired)
        }
    }
}

/// Applies a delta as a client does: removals, then upserts.
func apply(_ delta: FlagListDelta, to list: inout [FlagListKey: FlagListEntry]) {
    for key in delta.removed { list.removeValue(forKey: key) }
    for entry in delta.added { list[entry.key] = entry }
}
