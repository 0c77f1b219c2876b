public import IndicatorModel

/// Why a call to the hub failed.
public enum HubClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The hub refused the request and said why (RFC 9457 problem details).
    case problem(Problem)
    /// The hub, or something in front of it, answered in a way the client does not understand.
    case unexpectedResponse(status: Int, detail: String)
    /// No answer came from `url`: nothing listening, a network failure or a timeout.
    case unreachable(url: String, reason: String)
    /// The API key text is not a key.
    case invalidAPIKey(APIKey.Defect)
    /// The hub's base URL cannot be used: `reason` says what is wrong with it.
    case invalidHubURL(String, reason: String)

    /// The HTTP status of the hub's answer, when there was one.
    public var status: Int? {
        switch self {
        case .problem(let problem): problem.status
        case .unexpectedResponse(let status, _): status
        case .unreachable, .invalidAPIKey, .invalidHubURL: nil
        }
    }

    /// For a rate-limited request: how many seconds to wait before trying again.
    public var retryAfterSeconds: Int? {
        if case .problem(let problem) = self { problem.retryAfterSeconds } else { nil }
    }

    public var description: String {
        switch self {
        case .problem(let problem): "the hub refused the request: \(problem)"
        case .unexpectedResponse(let status, let detail): "unexpected answer from the hub (HTTP \(status)): \(detail)"
        case .unreachable(let url, let reason):
            "cannot reach the hub at \(url) (\(reason)); the hub may not be running, or the URL may be wrong"
        case .invalidAPIKey(let defect): "\(defect)"
        case .invalidHubURL(let url, let reason):
            "hub URL '\(url)' \(reason); give it as http://host:port or https://host, e.g. http://127.0.0.1:8080"
        }
    }
}
