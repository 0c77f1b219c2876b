import Foundation
import HTTPTypes
import HummingbirdTesting
import IndicatorModel
import Testing

@testable import HubServer

/// Every route that needs a key refuses a request without one (401) and a key without its scope (403).
@Suite("Authentication and scopes on every route")
struct AccessTests {
    /// The protected routes with their path parameters filled in.
    static let protectedRoutes: [(route: HubRoute, path: String)] = HubRoute.all.filter { $0.access != .open }.map {
        (
            $0,
            $0.path.replacingOccurrences(of: "{id}", with: "demo-bank").replacingOccurrences(
                of: "{key_id}", with: "0000000000000000")
        )
    }

    @Test("A request without a key gets 401 problem+json with WWW-Authenticate")
    func missingKey() async throws {
        try await LiveHub.run { hub in
            for (route, path) in Self.protectedRoutes {
                let response = try await hub.send(route.method, path)
                #expect(response.status == .unauthorized, "\(route.method) \(path)")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(try problem(of: response).type == "https://scamhub.dev/problems/unauthorized")
            }
        }
    }

    @Test("A wrong, malformed or revoked key gets 401")
    func badKeys() async throws {
        try await LiveHub.run { hub in
            for header in [
                "Bearer shk_0123456789abcdef_" + String(repeating: "0", count: 64), "Bearer nonsense", "Basic abc",
            ] {
                let response = try await hub.send(.get, "/v1/me", headers: [.authorization: header])
                #expect(response.status == .unauthorized, "\(header)")
            }
            let bankKey = try #require(hub.keys["demo-bank"])
            let keyID = String(bankKey.split(separator: "_")[1])
            let revoked = try await hub.send(.post, "/v1/keys/\(keyID)/revoke", as: "demo-operator")
            #expect(revoked.status == .ok)
            #expect(try await hub.send(.get, "/v1/me", as: "demo-bank").status == .unauthorized)
        }
    }

    @Test("A key without the route's scope gets 403 naming the scope")
    func missingScope() async throws {
        try await LiveHub.run { hub in
            for (route, path) in Self.protectedRoutes {
                guard case .scope(let scope) = route.access else { continue }
                // The auditor's key has only `audit`; the bank's has no `admin`.
                let caller = scope == .audit ? "demo-bank" : "demo-auditor"
                let response = try await hub.send(route.method, path, as: caller)
                #expect(response.status == .forbidden, "\(route.method) \(path) as \(caller)")
                let detail = try problem(of: response).detail ?? ""
                #expect(detail.contains("`\(scope)`"), "\(detail)")
            }
        }
    }

    @Test("Any valid key may ask who it is")
    func me() async throws {
        try await LiveHub.run { hub in
            let response = try await hub.send(.get, "/v1/me", as: "demo-auditor")
            #expect(response.status == .ok)
            let body = try #require(
                try JSONSerialization.jsonObject(with: response.data) as? [String: Any])
            #expect((body["participant"] as? [String: Any])?["role"] as? String == "auditor")
            #expect((body["key"] as? [String: Any])?["scopes"] as? [String] == ["audit"])
        }
    }

    @Test("Refused requests reach the audit log with the key id and no secret")
    func refusalsAreAudited() async throws {
        try await LiveHub.run { hub in
            _ = try await hub.send(.post, "/v1/participants", as: "demo-bank", body: Data("{}".utf8))
            _ = try await hub.send(.get, "/v1/feed")
            let log = try SQLiteStorage(file: SQLiteStorage.file(in: hub.dataDirectory)).auditLog
            let entries = try await eventually {
                let entries = try await log.records(matching: AuditQuery())
                return entries.contains { $0.action == "feed.read" } ? entries : nil
            }
            let refusal = try #require(entries.first { $0.action == "participants.create" })
            #expect(refusal.outcome == .refused)
            #expect(refusal.status == 403)
            #expect(refusal.actor == "demo-bank")
            let bankKey = try #require(hub.keys["demo-bank"])
            #expect(refusal.keyID == String(bankKey.split(separator: "_")[1]))
            #expect(entries.contains { $0.action == "feed.read" && $0.outcome == .refused && $0.status == 401 })
        }
    }
}

/// Asks `probe` until it answers, every 20 ms for at most 20 seconds: for effects that land asynchronously.
func eventually<Value>(_ probe: () async throws -> Value?) async throws -> Value {
    let deadline = ContinuousClock.now + .seconds(20)
    while true {
        if let value = try await probe() { return value }
        guard ContinuousClock.now < deadline else { throw WaitTimeout() }
        try await Task.sleep(for: .milliseconds(20))
    }
}

struct WaitTimeout: Error {}
