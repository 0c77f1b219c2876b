import ArgumentParser

/// The exit codes scamhub uses, after BSD sysexits(3), so scripts can tell failures apart.
extension ExitCode {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let cannotCreate = ExitCode(73)
    static let ioError = ExitCode(74)
}
