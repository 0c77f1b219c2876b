import Foundation
import IndicatorModel

/// The hub's answer as the client reads it, before it becomes a wire type or an error.
struct HubResponse: Sendable {
    var status: Int
    /// The status's standard phrase, e.g. `Bad Gateway`: the title of a problem that has none.
    var reasonPhrase: String
    var contentType: String?
    /// The `Retry-After` header: seconds to wait (the hub never sends the HTTP-date form).
    var retryAfter: String?
    /// The `Location` header of a redirect.
    var location: String? = nil
    var body: Data

    var isSuccess: Bool { (200..<300).contains(status) }

    /// Decodes a successful answer as `Value`, or turns a failed one into the error it carries.
    func decode<Value: Decodable>(as type: Value.Type) throws(HubClientError) -> Value {
        guard isSuccess else { throw failure }
        do {
            return try WireCoding.makeDecoder().decode(Value.self, from: body)
        } catch {
            throw .unexpectedResponse(
                status: status, detail: "the answer is not a valid \(Value.self): \(summary(of: error))")
        }
    }

    /// The error a failed answer stands for: its problem details when it has them.
    var failure: HubClientError {
        if isProblem, let shape = try? WireCoding.makeDecoder().decode(ProblemShape.self, from: body) {
            return .problem(problem(from: shape))
        }
        var detail = reasonPhrase
        if let contentType, contentType.lowercased().hasPrefix("text/plain"),
            let line = String(decoding: body.prefix(1_024), as: UTF8.self).split(whereSeparator: \.isNewline).first
        {
            detail += ": " + line.prefix(200)
        } else if let contentType {
            detail += " (\(contentType) body)"
        }
        if (300..<400).contains(status), let location {
            detail += "; it redirects to \(location), which may be the hub's URL"
        }
        return .unexpectedResponse(status: status, detail: detail)
    }

    private var isProblem: Bool {
        contentType?.lowercased().hasPrefix("application/problem+json") == true
    }

    /// RFC 9457 makes every member optional; the HTTP status is the one that counts.
    private func problem(from shape: ProblemShape) -> Problem {
        Problem(
            type: shape.type ?? "about:blank", title: shape.title ?? reasonPhrase, status: status,
            detail: shape.detail, instance: shape.instance,
            errors: shape.errors?.map { Problem.FieldError(pointer: $0.pointer ?? "", detail: $0.detail ?? "") },
            retryAfterSeconds: shape.retryAfter ?? retryAfter.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
    }
}

/// Problem details as any RFC 9457 server may send them: every member optional, extensions ignored.
private struct ProblemShape: Decodable {
    var type: String?
    var title: String?
    var detail: String?
    var instance: String?
    var errors: [FieldErrorShape]?
    var retryAfter: Int?

    struct FieldErrorShape: Decodable {
        var pointer: String?
        var detail: String?
    }

    enum CodingKeys: String, CodingKey {
        case type, title, detail, instance, errors
        case retryAfter = "retry_after"
    }
}

/// Where and why decoding stopped, without quoting the data.
private func summary(of error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    let context: DecodingError.Context
    switch error {
    case .typeMismatch(_, let found), .valueNotFound(_, let found), .dataCorrupted(let found): context = found
    case .keyNotFound(let key, let found):
        return "field `\(key.stringValue)` missing at \(pointer(found.codingPath))"
    @unknown default: return "\(error)"
    }
    return "\(context.debugDescription) at \(pointer(context.codingPath))"
}

private func pointer(_ path: [any CodingKey]) -> String {
    path.isEmpty ? "/" : path.map { "/" + ($0.intValue.map(String.init) ?? $0.stringValue) }.joined()
}
