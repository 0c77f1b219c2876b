import ArgumentParser
import HubClient

struct CanonicalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canonicalize",
        abstract: "Print the canonical form of values, one JSON object per value.",
        discussion: """
            Prints {"input": …, "canonical": …} or {"input": …, "error": …} per value, in order. \
            Reads standard input as a stream when no value is given.

            Example: scamhub canonicalize --kind phone --region TH "081 234 5678"
            """
    )

    @OptionGroup var options: ValueOptions

    func run() throws {
        try runBatch(ValueBatch(kind: options.kind, region: options.region, key: nil), values: options.values)
    }
}

/// Runs a batch over arguments or standard input, turning I/O failures into exit code 74.
func runBatch(_ batch: ValueBatch, values: [String]) throws {
    do {
        _ = values.isEmpty ? try batch.run() : try batch.run(values: values)
    } catch {
        printError("scamhub: \(error)")
        throw ExitCode.ioError
    }
}
