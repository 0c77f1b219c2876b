import ArgumentParser
import Foundation
import HubClient
import IndicatorModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension AuditCommand {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify an audit export offline: the hash chain, and every checkpoint's signature and head.",
            discussion: """
                Recomputes every entry's hash (docs/audit.md), checks each checkpoint was signed by the hub's \
                key and matches the chain, and that the export reaches every checkpoint given — so a later \
                export must extend the checkpoints of earlier ones: nothing rewritten, dropped or cut off. \
                Reports the first broken entry. Exit 0 intact, 1 tampering found, 65 unreadable key or \
                checkpoint file, 66 missing file.

                Example: scamhub audit verify --export log.jsonl --public-key hub.pub --checkpoint checkpoints.json
                """
        )

        @Option(help: "The export to verify (JSON Lines, from `scamhub audit export`).")
        var export: String

        @Option(
            name: .customLong("public-key"),
            help:
                "The hub's audit key: the JSON of `scamhub audit public-key`, a PEM, or base64; repeat for the keys before a rotation."
        )
        var publicKeys: [String]

        @Option(
            name: .customLong("checkpoint"),
            help: "Checkpoints to hold the export to: a file with one, a JSON list, or JSON Lines; repeat for several.")
        var checkpointFiles: [String] = []

        @Flag(help: "Print the verdict as JSON.")
        var json = false

        func run() throws {
            var keys: [AuditPublicKey] = []
            for path in publicKeys {
                do { keys.append(try AuditPublicKey(parsing: try readText(path))) } catch let error as AuditKeyError {
                    printError("scamhub: \(path): \(error)")
                    throw ExitCode.dataError
                }
            }
            var checkpoints: [AuditCheckpoint] = []
            for file in checkpointFiles { checkpoints += try readCheckpoints(file) }
            var verifier = AuditVerifier(publicKeys: keys, checkpoints: checkpoints)
            let descriptor = open(export, O_RDONLY)
            guard descriptor >= 0 else {
                printError("scamhub: cannot open \(export): \(String(cString: strerror(errno)))")
                throw errno == ENOENT ? ExitCode.noInput : ExitCode.ioError
            }
            defer { close(descriptor) }
            var reader = LineReader(descriptor: descriptor, maximumLineLength: 1 << 20, chunkSize: 1 << 20)
            do {
                try reader.forEachLine { line in verifier.consume(line: line.bytes) }
            } catch {
                printError("scamhub: cannot read \(export): \(error)")
                throw ExitCode.ioError
            }
            switch verifier.finish() {
            case .success(let report):
                if json { return try printJSON(VerifyVerdict(report: report)) }
                print(summary(report))
            case .failure(let failure):
                if json { try printJSON(VerifyVerdict(failure: failure)) } else { print("TAMPERED \(failure)") }
                throw ExitCode(1)
            }
        }

        private func summary(_ report: AuditVerificationReport) -> String {
            guard let first = report.firstEntry, let last = report.lastEntry else {
                return "intact: the export is empty and no checkpoint given covers an entry"
            }
            var lines = ["intact: entries \(first)–\(last) (\(report.entryCount)) chain to head \(report.head)"]
            if let latest = report.latestCheckpoint {
                lines.append(
                    "\(report.checkpointsVerified) signed checkpoint(s) verified; the latest covers \(latest.size) entries, signed \(latest.at)"
                )
                if latest.size < last {
                    lines.append("note: entries \(latest.size + 1)–\(last) are not yet covered by a signed checkpoint")
                }
            } else {
                lines.append(
                    "note: no checkpoint given: the chain is consistent, but nothing signed ties it to the hub")
            }
            if !report.isAnchored {
                lines.append(
                    "note: the export starts at entry \(first) and no checkpoint of size \(first - 1) was given: its start is unanchored"
                )
            }
            return lines.joined(separator: "\n")
        }

        private func readText(_ path: String) throws -> String {
            guard FileManager.default.fileExists(atPath: path) else {
                printError("scamhub: \(path) does not exist")
                throw ExitCode.noInput
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                printError("scamhub: cannot read \(path)")
                throw ExitCode.ioError
            }
            guard let text = String(data: data, encoding: .utf8) else {
                printError("scamhub: \(path) is not UTF-8 text")
                throw ExitCode.dataError
            }
            return text
        }

        /// A checkpoint, a JSON list of them, the hub's `{"checkpoints": […]}`, or JSON Lines of them.
        private func readCheckpoints(_ path: String) throws -> [AuditCheckpoint] {
            let text = try readText(path)
            let decoder = WireCoding.makeDecoder()
            let data = Data(text.utf8)
            if let list = try? decoder.decode(AuditCheckpointList.self, from: data) { return list.checkpoints }
            if let list = try? decoder.decode([AuditCheckpoint].self, from: data) { return list }
            if let one = try? decoder.decode(AuditCheckpoint.self, from: data) { return [one] }
            var checkpoints: [AuditCheckpoint] = []
            for (number, line) in text.split(whereSeparator: \.isNewline).enumerated()
            where !line.allSatisfy(\.isWhitespace) {
                guard let checkpoint = try? decoder.decode(AuditCheckpoint.self, from: Data(line.utf8)) else {
                    printError(
                        "scamhub: \(path) line \(number + 1) is not a checkpoint (size, head, at, key_id, signature)")
                    throw ExitCode.dataError
                }
                checkpoints.append(checkpoint)
            }
            guard !checkpoints.isEmpty else {
                printError("scamhub: \(path) holds no checkpoint")
                throw ExitCode.dataError
            }
            return checkpoints
        }
    }
}

/// `audit verify --json`.
private struct VerifyVerdict: Encodable {
    var intact: Bool
    var firstEntry: Int64?
    var lastEntry: Int64?
    var head: String?
    var checkpointsVerified: Int?
    var latestCheckpoint: AuditCheckpoint?
    var anchored: Bool?
    var failure: Failure?

    struct Failure: Encodable {
        var kind: String
        var entry: Int64
        var detail: String
    }

    init(report: AuditVerificationReport) {
        intact = true
        firstEntry = report.firstEntry
        lastEntry = report.lastEntry
        head = report.head.hex
        checkpointsVerified = report.checkpointsVerified
        latestCheckpoint = report.latestCheckpoint
        anchored = report.isAnchored
    }

    init(failure: AuditVerificationFailure) {
        intact = false
        self.failure = Failure(kind: failure.kind.rawValue, entry: failure.entry, detail: failure.detail)
    }

    enum CodingKeys: String, CodingKey {
        case intact, head, anchored, failure
        case firstEntry = "first_entry"
        case lastEntry = "last_entry"
        case checkpointsVerified = "checkpoints_verified"
        case latestCheckpoint = "latest_checkpoint"
    }
}
