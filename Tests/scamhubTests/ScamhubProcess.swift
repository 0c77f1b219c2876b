import Foundation

/// Runs the built `scamhub` binary as a user would, with standard input and output in files.
struct ScamhubProcess {
    struct Result {
        let status: Int32
        let output: String
        let error: String

        /// Standard output decoded as JSON Lines.
        func jsonLines() throws -> [[String: String]] {
            try output.split(separator: "\n").map {
                try JSONDecoder().decode([String: String].self, from: Data($0.utf8))
            }
        }
    }

    /// The binary next to the test bundle in the build products directory.
    static let binary = URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appending(path: "scamhub")

    /// Runs the binary; `environment`, when given, replaces the inherited environment entirely.
    static func run(
        _ arguments: [String], input: Data = Data(), in directory: URL? = nil, environment: [String: String]? = nil
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appending(path: "scamhub-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inputFile = scratch.appending(path: "stdin")
        let outputFile = scratch.appending(path: "stdout")
        let errorFile = scratch.appending(path: "stderr")
        try input.write(to: inputFile)
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? scratch
        if let environment { process.environment = environment }
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: try String(contentsOf: outputFile, encoding: .utf8),
            error: try String(contentsOf: errorFile, encoding: .utf8))
    }
}
