import Foundation
import IndicatorModel
import Testing

@testable import HubClient

struct HubRequestTests {
    @Test(
        "Routes join the base URL whatever its trailing slash or path prefix",
        arguments: [
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/participants"),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1/participants"),
            ("https://hub.example/scamhub/", "https://hub.example/scamhub/v1/participants"),
        ])
    func baseURLs(base: String, expected: String) throws {
        let url = try #require(URL(string: base))
        #expect(HubRequest.get("v1", "participants").url(under: url) == expected)
    }

    @Test(
        "Path ids are percent-encoded so that they stay one segment",
        arguments: [
            ("9e605a5dec279804", "/v1/keys/9e605a5dec279804/revoke"),
            ("../../v1/me", "/v1/keys/..%2F..%2Fv1%2Fme/revoke"),
            ("..", "/v1/keys/%2E%2E/revoke"),
            ("a b?c#d%", "/v1/keys/a%20b%3Fc%23d%25/revoke"),
            ("clé", "/v1/keys/cl%C3%A9/revoke"),
        ])
    func pathSegments(id: String, expectedPath: String) throws {
        let base = try #require(URL(string: "http://hub:8080"))
        let request = try HubRequest.post("v1", "keys", id, "revoke")
        #expect(request.url(under: base) == "http://hub:8080" + expectedPath)
    }

    @Test func queryValuesArePercentEncoded() throws {
        let base = try #require(URL(string: "http://hub:8080"))
        let request = HubRequest.get(
            "v1", "flaglist", "changes",
            query: [.init(name: "after", value: "42"), .init(name: "policy_version", value: "sha256:ab&c=d")])
        #expect(
            request.url(under: base)
                == "http://hub:8080/v1/flaglist/changes?after=42&policy_version=sha256%3Aab%26c%3Dd")
    }

    @Test func bodiesAreTheWireJSON() throws {
        let request = try HubRequest.post("v1", "participants", "bank-a", "keys", body: KeyRequest(scopes: [.consume]))
        #expect(request.method == .post)
        #expect(String(decoding: try #require(request.body), as: UTF8.self) == #"{"scopes":["consume"]}"#)
        #expect(HubRequest.get("v1", "me").body == nil)
    }

    @Test(
        "Only http and https URLs with a host reach a hub",
        arguments: [
            "ftp://hub.example", "hub.example:8080", "http://", "http://hub.example/?x=1", "http://hub.example/#top",
        ])
    func unusableHubURLs(text: String) throws {
        let url = try #require(URL(string: text))
        let key = try APIKey(APIKeyTests.text)
        #expect {
            try HubConnection(hub: url, apiKey: key)
        } throws: { error in
            guard case .invalidHubURL = error as? HubClientError else { return false }
            return true
        }
    }
}
