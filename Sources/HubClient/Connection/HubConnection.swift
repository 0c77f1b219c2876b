public import AsyncHTTPClient
public import Foundation
public import Logging

/// A participant's connection to a hub: one method per route of the hub's HTTP API.
///
/// Every method sends the API key as `Authorization: Bearer …` (when the connection has one: the
/// open routes, such as the audit public key, need none) and returns the decoded wire type.
/// They throw `HubClientError` (`.problem` when the hub refuses the request, `.unreachable` when it
/// does not answer), or `CancellationError` when the task is cancelled. Values are immutable and
/// can be shared between tasks.
public struct HubConnection: Sendable {
    /// The hub's base URL, e.g. `http://127.0.0.1:8080`; routes are appended to it.
    public let hub: URL
    let apiKey: APIKey?
    var httpClient: HTTPClient
    /// The longest one call may take, from connecting to reading the whole answer.
    let timeout: Duration
    let logger: Logger

    /// Connects to the hub at `hub` (`http` or `https`, optionally with a path prefix) as the key's holder.
    ///
    /// - Parameters:
    ///   - httpClient: the client to send requests through; by default the process-wide shared one.
    ///   - timeout: the longest one call may take, answer included.
    ///   - logger: where to log each call at `debug` (method, route, status); never keys or bodies.
    public init(
        hub: URL, apiKey: APIKey?, httpClient: HTTPClient = .shared, timeout: Duration = .seconds(60),
        logger: Logger = Logger(label: "scamhub.hub-connection")
    ) throws(HubClientError) {
        let text = hub.absoluteString
        guard let scheme = hub.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .invalidHubURL(text, reason: "does not start with http:// or https://")
        }
        guard let host = hub.host(), !host.isEmpty else { throw .invalidHubURL(text, reason: "names no host") }
        guard hub.query() == nil, hub.fragment() == nil else {
            throw .invalidHubURL(text, reason: "has a query or fragment")
        }
        self.hub = hub
        self.apiKey = apiKey
        self.httpClient = httpClient
        self.timeout = timeout
        self.logger = logger
    }
}

extension HubConnection {
    /// Runs `body` with a connection over an HTTP client of its own, then shuts that client down.
    ///
    /// For short-lived programs such as the command line: the shared client keeps retrying a refused
    /// connection until the timeout, while this one fails at once, so "the hub is not running" shows
    /// without a wait. Long-running callers should keep one connection over `HTTPClient.shared`.
    public static func withDedicatedClient<Result>(
        hub: URL, apiKey: APIKey?, timeout: Duration = .seconds(60),
        logger: Logger = Logger(label: "scamhub.hub-connection"), isolation: isolated (any Actor)? = #isolation,
        _ body: (HubConnection) async throws -> Result
    ) async throws -> Result {
        var connection = try HubConnection(hub: hub, apiKey: apiKey, timeout: timeout, logger: logger)
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        // The hub's API never redirects: a redirect means a wrong URL, and is reported rather than followed.
        configuration.redirectConfiguration = .disallow
        return try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            connection.httpClient = client
            return try await body(connection)
        }
    }
}
