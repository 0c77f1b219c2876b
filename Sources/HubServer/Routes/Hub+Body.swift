import Foundation
import HTTPTypes
import Hummingbird
import IndicatorModel
import NIOCore

extension Hub {
    /// The request's body, refused with 413 beyond the configured size.
    func body(of request: Request) async throws -> Data {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: configuration.maxRequestBytes)
            guard buffer.readableBytes > 0 else { throw HubProblem.malformed("this route needs a JSON body") }
            return Data(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw HubProblem.bodyTooLarge(limit: configuration.maxRequestBytes)
        }
    }

    /// The request's JSON body decoded, or a problem pointing at the field that does not fit.
    func decode<Body: Decodable>(_ type: Body.Type, from request: Request) async throws -> Body {
        try decode(Body.self, from: try await body(of: request))
    }

    /// JSON decoded, or a problem pointing at the field that does not fit.
    func decode<Body: Decodable>(_ type: Body.Type, from data: Data) throws -> Body {
        do {
            return try WireCoding.makeDecoder().decode(Body.self, from: data)
        } catch let error as DecodingError {
            throw HubProblem.decoding(error)
        }
    }
}

/// A JSON response in the wire encoding.
func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
    var headers = headers
    headers[.contentType] = "application/json"
    let body = try WireCoding.makeEncoder().encode(value)
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
}

extension Request {
    /// A query parameter as a whole number within `range`, or `fallback` when absent.
    func integer(_ name: String, in range: ClosedRange<Int64>, default fallback: Int64) throws -> Int64 {
        guard let text = uri.queryParameters[Substring(name)].map(String.init) else { return fallback }
        guard let value = Int64(text), range.contains(value) else {
            throw HubProblem.validation(
                "query parameter `\(name)` must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                errors: [
                    Problem.FieldError(pointer: "?\(name)", detail: "expected \(range.lowerBound)…\(range.upperBound)")
                ])
        }
        return value
    }
}
