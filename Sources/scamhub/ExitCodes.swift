import ArgumentParser

/// The exit codes scamhub uses, after BSD sysexits(3), so scripts can tell failures apart.
extension ExitCode {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    /// The hub is not reachable or failed (5xx): try again later or ask its operator.
    static let unavailable = ExitCode(69)
    static let cannotCreate = ExitCode(73)
    static let ioError = ExitCode(74)
    /// Rate-limited: try again after the time the hub gave.
    static let temporaryFailure = ExitCode(75)
    /// Something answered that is not the hub's API (wrong URL, a proxy's page).
    static let protocolError = ExitCode(76)
    /// The API key is not accepted or lacks the scope.
    static let noPermission = ExitCode(77)
}
