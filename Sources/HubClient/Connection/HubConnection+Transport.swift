import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

extension HubConnection {
    /// Sends `request` and decodes the hub's answer as `Value`.
    func send<Value: Decodable>(_ request: HubRequest, as type: Value.Type = Value.self) async throws -> Value {
        try await exchange(request).decode(as: Value.self)
    }

    /// Sends `request` and returns the answer, whatever its status; fails only when no whole answer arrives.
    func exchange(_ request: HubRequest) async throws -> HubResponse {
        let (outgoing, url) = outgoingRequest(for: request)
        let started = ContinuousClock.now
        let answer: HTTPClientResponse
        let body: ByteBuffer
        do {
            answer = try await httpClient.execute(outgoing, timeout: timeAmount(timeout), logger: logger)
        } catch {
            throw transportFailure(error, url: url)
        }
        do {
            body = try await answer.body.collect(upTo: request.responseLimit)
        } catch is NIOTooManyBytesError {
            throw HubClientError.unexpectedResponse(
                status: Int(answer.status.code),
                detail: "the answer is larger than \(request.responseLimit) bytes, the most this call reads")
        } catch {
            throw transportFailure(error, url: url)
        }
        logAnswer(to: request, status: answer.status.code, since: started)
        return response(answer, body: Data(body.readableBytesView))
    }

    /// Sends `request` and hands a successful answer's body to `consume` chunk by chunk as it arrives,
    /// for answers too large to hold (audit exports); returns the answer's headers. A failure answer is
    /// read whole and thrown as the hub's problem.
    func stream(_ request: HubRequest, into consume: (ByteBuffer) async throws -> Void) async throws -> [String: String]
    {
        let (outgoing, url) = outgoingRequest(for: request)
        let started = ContinuousClock.now
        let answer: HTTPClientResponse
        do {
            answer = try await httpClient.execute(outgoing, timeout: timeAmount(timeout), logger: logger)
        } catch {
            throw transportFailure(error, url: url)
        }
        guard (200..<300).contains(answer.status.code) else {
            let body: ByteBuffer
            do { body = try await answer.body.collect(upTo: HubRequest.jsonResponseLimit) } catch {
                throw transportFailure(error, url: url)
            }
            throw response(answer, body: Data(body.readableBytesView)).failure
        }
        // Only the network's failures are the hub's; the consumer's own (a full disk) pass through.
        var chunks = answer.body.makeAsyncIterator()
        while true {
            let chunk: ByteBuffer?
            do { chunk = try await chunks.next() } catch { throw transportFailure(error, url: url) }
            guard let chunk else { break }
            try await consume(chunk)
        }
        logAnswer(to: request, status: answer.status.code, since: started)
        var headers: [String: String] = [:]
        for header in answer.headers { headers[header.name.lowercased()] = header.value }
        return headers
    }

    private func outgoingRequest(for request: HubRequest) -> (HTTPClientRequest, String) {
        let url = request.url(under: hub)
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        if let apiKey { outgoing.headers.add(name: "Authorization", value: "Bearer \(apiKey.text)") }
        outgoing.headers.add(name: "Accept", value: "\(request.accept), application/problem+json")
        outgoing.headers.add(name: "User-Agent", value: "scamhub-client")
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let idempotencyKey = request.idempotencyKey {
            outgoing.headers.add(name: "Idempotency-Key", value: idempotencyKey)
        }
        if let body = request.body {
            outgoing.headers.add(name: "Content-Type", value: "application/json")
            outgoing.body = .bytes(body)
        }
        return (outgoing, url)
    }

    private func logAnswer(to request: HubRequest, status: UInt, since started: ContinuousClock.Instant) {
        logger.debug(
            "Hub call answered",
            metadata: [
                "scamhub.hub.method": "\(request.method.rawValue)",
                "scamhub.hub.route": "/\(request.path.joined(separator: "/"))",
                "scamhub.hub.status": "\(status)",
                "scamhub.hub.duration": "\(ContinuousClock.now - started)",
            ])
    }

    private func response(_ answer: HTTPClientResponse, body: Data) -> HubResponse {
        HubResponse(
            status: Int(answer.status.code), reasonPhrase: answer.status.reasonPhrase,
            contentType: answer.headers.first(name: "Content-Type"),
            retryAfter: answer.headers.first(name: "Retry-After"), location: answer.headers.first(name: "Location"),
            body: body)
    }
}

/// What to throw when no whole answer came: cancellation stays cancellation.
private func transportFailure(_ error: any Error, url: String) -> any Error {
    if error is CancellationError || Task.isCancelled { return CancellationError() }
    return HubClientError.unreachable(url: url, reason: reason(for: error))
}

/// A short, human reason for a transport failure.
private func reason(for error: any Error) -> String {
    if let error = error as? HTTPClientError {
        switch error {
        case .connectTimeout: return "connection timed out"
        case .deadlineExceeded, .readTimeout: return "no answer in time"
        case .remoteConnectionClosed: return "the connection closed before the answer was complete"
        default: return "\(error)"
        }
    }
    if let error = error as? IOError {
        return String(cString: strerror(error.errnoCode)).lowercased()
    }
    let text = "\(error)"
    if text.contains("connection refused") || text.contains("Connection refused") { return "connection refused" }
    return String(text.prefix(300))
}

private func timeAmount(_ duration: Duration) -> TimeAmount {
    let (seconds, attoseconds) = duration.components
    return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
}
