import Foundation
import HubClient
import IndicatorModel

/// `scamhub serve` running as a separate process on a free port, its output captured in files.
final class HubProcess {
    let process = Process()
    let directory: URL
    let output: URL
    let errors: URL
    private(set) var port = 0

    static let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Starts the hub with its data in `directory/scamhub-data` and waits until it listens.
    init(in directory: URL, demo: Bool, logLevel: String = "info") throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let stamp = UUID().uuidString.prefix(8)
        output = directory.appending(path: "serve-\(stamp).out")
        errors = directory.appending(path: "serve-\(stamp).err")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.executableURL = ScamhubProcess.binary
        process.arguments =
            [
                "serve", "--port", "0", "--log-level", logLevel, "--policy",
                Self.repositoryRoot.appending(path: "policies/national-anti-scam-centre.yaml").path,
            ] + (demo ? ["--demo"] : [])
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while port == 0 {
            let text = try String(contentsOf: output, encoding: .utf8)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("scamhub: listening on ") }),
                let number = line.split(separator: ":").last.flatMap({ Int($0) })
            {
                port = number
            } else if !process.isRunning || Date() > deadline {
                throw HubProcessError.didNotStart(try String(contentsOf: errors, encoding: .utf8))
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// The API keys `--demo` printed, by participant id.
    func demoKeys() throws -> [String: String] {
        let text = try String(contentsOf: output, encoding: .utf8)
        var keys: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 3, fields[0].hasPrefix("demo-"), fields[2].hasPrefix("shk_") {
                keys[String(fields[0])] = String(fields[2])
            }
        }
        return keys
    }

    func connection(as participant: String) throws -> HubConnection {
        let key = try demoKeys()[participant] ?? ""
        return try HubConnection(hub: url, apiKey: try APIKey(key), timeout: .seconds(20))
    }

    /// Everything the hub wrote to standard error (its log).
    func log() throws -> String { try String(contentsOf: errors, encoding: .utf8) }

    /// Kills the hub without warning, as a crash or power cut would.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the hub gracefully and waits for it to exit; returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.interrupt() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill() }
    }
}

enum HubProcessError: Error {
    case didNotStart(String)
}
