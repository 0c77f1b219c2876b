package import Foundation
import HTTPTypes
import Hummingbird
import Prometheus

/// Liveness, readiness, metrics and the API document: open routes for load balancers and operators.
extension Hub {
    func healthz(_ request: Request, _ call: inout Call) async throws -> Response {
        try json(["status": "ok"])
    }

    func readyz(_ request: Request, _ call: inout Call) async throws -> Response {
        let latest: Int64
        do { latest = try await store.latestSequence() } catch {
            throw HubProblem.unavailable("the database does not answer")
        }
        return try json(Readiness(status: "ready", policyVersion: policyVersion, latestSequence: latest))
    }

    func metricsText(_ request: Request, _ call: inout Call) async throws -> Response {
        metrics.recordLatestSequence(committedSequence())
        let text = metrics.registry.emitToBuffer()
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: text)))
    }

    func openAPIDocument(_ request: Request, _ call: inout Call) async throws -> Response {
        guard let document = HubResources.openAPIDocument else {
            throw HubProblem.notFound("the API document is missing from this build")
        }
        return Response(
            status: .ok, headers: [.contentType: "application/yaml"],
            body: .init(byteBuffer: ByteBuffer(bytes: document)))
    }
}

/// `GET /readyz`.
struct Readiness: Encodable {
    var status: String
    var policyVersion: String
    var latestSequence: Int64

    enum CodingKeys: String, CodingKey {
        case status
        case policyVersion = "policy_version"
        case latestSequence = "latest_sequence"
    }
}

/// Files bundled with the hub.
package enum HubResources {
    /// The OpenAPI document served at `/openapi.yaml`.
    package static let openAPIDocument: Data? = Bundle.module.url(forResource: "openapi", withExtension: "yaml")
        .flatMap { try? Data(contentsOf: $0) }
}
