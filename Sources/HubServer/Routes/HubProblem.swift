import Foundation
package import HTTPTypes
package import Hummingbird
package import IndicatorModel
import Logging

/// An error answered as RFC 9457 problem details (`application/problem+json`): the one way the hub
/// says no. `type` is `https://scamhub.dev/problems/<slug>`; `errors` point into the request.
package struct HubProblem: HTTPResponseError, Sendable {
    package var problem: Problem
    package var headers: HTTPFields

    package init(
        _ status: HTTPResponse.Status, _ slug: String, title: String, detail: String? = nil,
        errors: [Problem.FieldError]? = nil, headers: HTTPFields = [:]
    ) {
        problem = Problem(
            type: "https://scamhub.dev/problems/\(slug)", title: title, status: status.code, detail: detail,
            errors: errors)
        self.headers = headers
    }

    package var status: HTTPResponse.Status { HTTPResponse.Status(code: problem.status) }
    /// The last part of `type`, e.g. `validation`.
    package var slug: String { String(problem.type.split(separator: "/").last ?? "") }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var problem = problem
        problem.instance = context.logger[metadataKey: "hb.request.id"].map { "urn:scamhub:request:\($0)" }
        var headers = headers
        headers[.contentType] = "application/problem+json"
        let body = try WireCoding.makeEncoder().encode(problem)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension HubProblem {
    static func unauthorized(_ detail: String) -> HubProblem {
        HubProblem(
            .unauthorized, "unauthorized", title: "Not authenticated", detail: detail,
            headers: [.wwwAuthenticate: "Bearer realm=\"scamhub\""])
    }

    static func forbidden(_ detail: String) -> HubProblem {
        HubProblem(.forbidden, "forbidden", title: "Not permitted", detail: detail)
    }

    static func missingScope(_ scope: Scope) -> HubProblem {
        .forbidden("this API key lacks the `\(scope)` scope; ask the hub's operator for a key that has it")
    }

    static func malformed(_ detail: String, pointer: String? = nil) -> HubProblem {
        HubProblem(
            .badRequest, "malformed-request", title: "Malformed request", detail: detail,
            errors: pointer.map { [Problem.FieldError(pointer: $0, detail: detail)] })
    }

    static func validation(_ detail: String, errors: [Problem.FieldError]) -> HubProblem {
        HubProblem(.unprocessableContent, "validation", title: "Invalid request", detail: detail, errors: errors)
    }

    static func notFound(_ detail: String) -> HubProblem {
        HubProblem(.notFound, "not-found", title: "Not found", detail: detail)
    }

    static func conflict(_ detail: String) -> HubProblem {
        HubProblem(.conflict, "conflict", title: "Conflict", detail: detail)
    }

    static func bodyTooLarge(limit: Int) -> HubProblem {
        HubProblem(
            .contentTooLarge, "body-too-large", title: "Request body too large",
            detail: "the body is larger than \(limit) bytes; send smaller batches")
    }

    static func batchTooLarge(_ field: String, count: Int, limit: Int) -> HubProblem {
        HubProblem(
            .contentTooLarge, "batch-too-large", title: "Batch too large",
            detail: "\(field) has \(count) items, at most \(limit); split it into several requests",
            errors: [Problem.FieldError(pointer: "/\(field)", detail: "at most \(limit) items")])
    }

    static func rateLimited(retryAfter seconds: Int, limit: String) -> HubProblem {
        var problem = HubProblem(
            .tooManyRequests, "rate-limited", title: "Rate limit exceeded",
            detail: "the policy allows your role \(limit); try again in \(seconds) s",
            headers: [.retryAfter: "\(seconds)"])
        problem.problem.retryAfterSeconds = seconds
        return problem
    }

    static func unavailable(_ detail: String) -> HubProblem {
        HubProblem(.serviceUnavailable, "unavailable", title: "Not ready", detail: detail)
    }

    static let internalError = HubProblem(
        .internalServerError, "internal", title: "Internal error",
        detail: "the hub failed to complete the request; quote the instance id to its operator")
}

extension HubProblem {
    /// A problem for a body that does not decode, pointing at the field where decoding stopped.
    static func decoding(_ error: DecodingError) -> HubProblem {
        let (path, detail): ([any CodingKey], String) =
            switch error {
            case .typeMismatch(let type, let context):
                (context.codingPath, "expected \(describe(type))")
            case .valueNotFound(let type, let context):
                (context.codingPath, "expected \(describe(type)), found null")
            case .keyNotFound(let key, let context):
                (context.codingPath + [key], "required field `\(key.stringValue)` is missing")
            case .dataCorrupted(let context):
                (
                    context.codingPath,
                    context.codingPath.isEmpty ? "the body is not valid JSON" : context.debugDescription
                )
            @unknown default:
                ([], "the body does not match the expected shape")
            }
        let pointer = jsonPointer(path)
        let problem: HubProblem =
            path.isEmpty
            ? .malformed(detail)
            : .validation("\(pointer): \(detail)", errors: [Problem.FieldError(pointer: pointer, detail: detail)])
        return problem
    }
}

/// A JSON Pointer (RFC 6901) for a coding path: `/reports/3/token`.
func jsonPointer(_ path: [any CodingKey]) -> String {
    path.map { key in
        let part = key.intValue.map(String.init) ?? key.stringValue
        return "/" + part.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }.joined()
}

private func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Int.Type, is Int64.Type: "an integer"
    case is Bool.Type: "true or false"
    case is Double.Type: "a number"
    default:
        String(describing: type).hasPrefix("Array") ? "an array" : "an object"
    }
}
