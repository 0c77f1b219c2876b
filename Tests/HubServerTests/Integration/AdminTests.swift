import Foundation
import HTTPTypes
import HummingbirdTesting
import IndicatorModel
import Testing

@testable import HubServer

@Suite("Participants and keys through the admin API")
struct AdminTests {
    @Test("The operator registers an organisation, issues it a key that works, then revokes it")
    func participantLifecycle() async throws {
        try await LiveHub.run { hub in
            let new = NewParticipant(
                id: try ParticipantID("krungthai-bank"), role: .bank, jurisdiction: try Jurisdiction("TH"),
                communities: ["th-exchange"])
            let created = try await hub.send(.post, "/v1/participants", as: "demo-operator", json: new)
            #expect(created.status == .created)
            let duplicate = try await hub.send(.post, "/v1/participants", as: "demo-operator", json: new)
            #expect(duplicate.status == .conflict)

            let list = try await hub.call(ParticipantList.self, .get, "/v1/participants", as: "demo-operator")
            #expect(list.participants.map(\.id.rawValue).contains("krungthai-bank"))

            let issued = try await hub.call(
                IssuedKeyRecord.self, .post, "/v1/participants/krungthai-bank/keys", as: "demo-operator",
                json: KeyRequest(scopes: [.consume]))
            #expect(issued.secret.hasPrefix("shk_\(issued.key.id)_"))
            let me = try await hub.send(.get, "/v1/me", headers: [.authorization: "Bearer \(issued.secret)"])
            #expect(me.status == .ok)

            let keys = try await hub.call(
                KeyList.self, .get, "/v1/participants/krungthai-bank/keys", as: "demo-operator")
            #expect(keys.keys.map(\.id) == [issued.key.id])
            let listing = try await hub.send(.get, "/v1/participants/krungthai-bank/keys", as: "demo-operator")
            #expect(!listing.text.contains(issued.secret))

            let disabled = try await hub.call(
                ParticipantRecord.self, .post, "/v1/participants/krungthai-bank/disable", as: "demo-operator")
            #expect(disabled.disabledAt != nil)
            let refused = try await hub.send(.get, "/v1/me", headers: [.authorization: "Bearer \(issued.secret)"])
            #expect(refused.status == .unauthorized)
        }
    }

    @Test("Admin input errors are specific: unknown participant 404, bad id 422, no scopes 422")
    func adminErrors() async throws {
        try await LiveHub.run { hub in
            #expect(try await hub.send(.get, "/v1/participants/nobody-here", as: "demo-operator").status == .notFound)
            #expect(
                try await hub.send(.get, "/v1/participants/Not_A_Slug", as: "demo-operator").status
                    == .unprocessableContent)
            let noScopes = try await hub.send(
                .post, "/v1/participants/demo-bank/keys", as: "demo-operator", json: KeyRequest(scopes: []))
            #expect(noScopes.status == .unprocessableContent)
            let badRole = try await hub.send(
                .post, "/v1/participants", as: "demo-operator",
                body: Data(#"{"id":"x-bank","role":"wizard","jurisdiction":"TH"}"#.utf8))
            #expect(badRole.status == .unprocessableContent)
            #expect(try problem(of: badRole).errors?.first?.pointer == "/role")
            #expect(
                try await hub.send(.post, "/v1/keys/0000000000000000/revoke", as: "demo-operator").status == .notFound)
        }
    }

    @Test("The first admin key can be bootstrapped once, straight in the data directory")
    func bootstrap() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-bootstrap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let id = try ParticipantID("hub-operator")
        let key = try await bootstrapAdministrator(
            dataDirectory: directory, id: id, jurisdiction: try Jurisdiction("TH"), at: Date())
        #expect(key.key.scopes == [.admin])
        await #expect(throws: BootstrapError.administratorExists(id)) {
            try await bootstrapAdministrator(
                dataDirectory: directory, id: id, jurisdiction: try Jurisdiction("TH"), at: Date())
        }
    }
}
