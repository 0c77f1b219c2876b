public import ArgumentParser
import Foundation
import HubClient
public import IndicatorModel

extension Role: ExpressibleByArgument {}
extension Scope: ExpressibleByArgument {}

struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Manage a hub's participants and API keys.",
        discussion: """
            Every command but `bootstrap` calls the hub with an API key that has the admin scope, read from \
            --api-key-file or the SCAMHUB_API_KEY environment variable (never from a flag value). \
            Exit codes: 0 done, 64 usage error, 65 refused as invalid (or a malformed key), 66 missing key file, \
            69 hub unreachable or failing, 73 cannot create the output file, 75 rate-limited, \
            76 the answer is not the hub's API, 77 key not accepted or lacks the scope.
            """,
        subcommands: [Participants.self, Keys.self, Bootstrap.self]
    )
}

/// Where the hub is and which key calls it: what every command that talks to a hub takes.
struct HubOptions: ParsableArguments {
    @Option(help: "The hub's base URL. Default: $SCAMHUB_URL, else http://127.0.0.1:8080.")
    var hub: String?

    @Option(help: "File holding your API key (shk_…). Default: the key in $SCAMHUB_API_KEY.")
    var apiKeyFile: String?

    @Flag(help: "Print the hub's JSON answer instead of a table.")
    var json = false

    /// Runs `operation` against the hub the flags and environment name; a failure is printed to
    /// standard error and becomes the exit code.
    func call<Value>(
        keyRequired: Bool = true, _ operation: (HubConnection) async throws -> Value
    ) async throws -> Value {
        let environment = ProcessInfo.processInfo.environment.filter { !$0.value.isEmpty }
        let address = hub ?? environment["SCAMHUB_URL"] ?? "http://127.0.0.1:8080"
        guard let url = URL(string: address) else {
            printError("scamhub: --hub \(address) is not a URL; give it as http://host:port")
            throw ExitCode.usage
        }
        let apiKey = try readAPIKey(environment: environment, required: keyRequired)
        do {
            return try await HubConnection.withDedicatedClient(hub: url, apiKey: apiKey, operation)
        } catch let error as HubClientError {
            printHubError(error)
            throw ExitCode(error)
        }
    }

    private func readAPIKey(environment: [String: String], required: Bool) throws -> APIKey? {
        if let apiKeyFile {
            do {
                return try APIKeyFile.read(from: URL(filePath: apiKeyFile))
            } catch {
                printError("scamhub: \(error)")
                throw ExitCode(error)
            }
        }
        guard let text = environment["SCAMHUB_API_KEY"] else {
            if !required { return nil }
            printError("scamhub: no API key: pass --api-key-file FILE or set SCAMHUB_API_KEY")
            throw ExitCode.usage
        }
        do {
            return try APIKey(fileContents: text)
        } catch {
            printError("scamhub: SCAMHUB_API_KEY: \(error)")
            throw ExitCode.dataError
        }
    }
}

/// Prints a wire value as the hub's JSON, indented.
func printJSON(_ value: some Encodable) throws {
    let encoder = WireCoding.makeEncoder()
    encoder.outputFormatting.insert(.prettyPrinted)
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

private func printHubError(_ error: HubClientError) {
    guard case .problem(let problem) = error else {
        printError("error: \(error)")
        return
    }
    printError("error: \(problem.title)" + (problem.detail.map { ": \($0)" } ?? ""))
    for field in problem.errors ?? [] { printError("  \(field.pointer): \(field.detail)") }
    if let seconds = problem.retryAfterSeconds { printError("  try again in \(seconds) s") }
    if problem.status >= 500, let instance = problem.instance {
        printError("  quote \(instance) to the hub's operator")
    }
}

extension ExitCode {
    /// The exit code for an API key file that cannot be read or written.
    init(_ error: APIKeyFileError) {
        switch error {
        case .missing: self = .noInput
        case .malformed: self = .dataError
        case .unreadable: self = .ioError
        case .exists, .unwritable: self = .cannotCreate
        }
    }

    /// The exit code for a failed call: what kind of failure, so that scripts can react.
    init(_ error: HubClientError) {
        switch error {
        case .unreachable: self = .unavailable
        case .invalidAPIKey: self = .dataError
        case .invalidHubURL: self = .usage
        case .problem(let problem): self = ExitCode(status: problem.status, isProblem: true)
        case .unexpectedResponse(let status, _): self = ExitCode(status: status, isProblem: false)
        }
    }

    private init(status: Int, isProblem: Bool) {
        switch status {
        case 401, 403: self = .noPermission
        case 429: self = .temporaryFailure
        case 500...: self = .unavailable
        case 400..<500 where isProblem: self = .dataError
        default: self = .protocolError
        }
    }
}

/// Dates in tables: RFC 3339 in UTC, to the second.
func formatted(_ date: Date) -> String {
    date.formatted(.iso8601)
}
