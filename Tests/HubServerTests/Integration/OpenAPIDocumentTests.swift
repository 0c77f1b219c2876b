import Foundation
import HTTPTypes
import HummingbirdTesting
import IndicatorModel
import Testing
import Yams

@testable import HubServer

/// The hub serves `/openapi.yaml`; its paths, methods and scopes must be exactly the routes it has.
@Suite("OpenAPI document and routes agree")
struct OpenAPIDocumentTests {
    @Test("Every route is documented with its method and scope, and nothing else is")
    func routesMatchDocument() throws {
        let data = try #require(HubResources.openAPIDocument)
        let document = try #require(try Yams.load(yaml: String(decoding: data, as: UTF8.self)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, item) in paths {
            for (method, operation) in item where ["get", "post", "put", "patch", "delete"].contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
                let route = try #require(
                    HubRoute.all.first { $0.path == path && $0.method.rawValue == method.uppercased() })
                let scope = (operation as? [String: Any])?["x-scamhub-scope"] as? String
                switch route.access {
                case .open: #expect(scope == nil, "\(path)")
                case .authenticated: #expect(scope == "any", "\(path)")
                case .scope(let required): #expect(scope == required.rawValue, "\(path)")
                }
            }
        }
        #expect(documented == Set(HubRoute.all.map { "\($0.method.rawValue) \($0.path)" }))
    }

    @Test("The hub serves the document")
    func served() async throws {
        try await LiveHub.run { hub in
            let response = try await hub.send(.get, "/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.text.hasPrefix("openapi: 3.1"))
        }
    }
}
