import ArgumentParser
import Foundation
import HubClient
import IndicatorModel

extension AuditCommand {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the audit log as JSON Lines, ending on a checkpoint the hub signs for the export.",
            discussion: """
                The file is written whole or not at all (a partial download is removed). Keep the \
                checkpoints too (--checkpoints), and verify with `scamhub audit verify`.

                Example: scamhub audit export -o log.jsonl --checkpoints checkpoints.json
                """
        )

        @OptionGroup var hub: HubOptions

        @Option(name: .shortAndLong, help: "A new file to write the entries to.")
        var output: String

        @Option(help: "Also save every signed checkpoint to this new file (JSON).")
        var checkpoints: String?

        @Option(help: "Only entries numbered above this one, to extend an earlier export.")
        var after: Int64 = 0

        func run() async throws {
            for path in [output] + (checkpoints.map { [$0] } ?? []) { try refuseToOverwrite(path) }
            let file = try PartialFile(final: output)
            var lines = 0
            let through: Int64
            do {
                through = try await hub.call { connection in
                    try await connection.exportAudit(after: after) { chunk in
                        lines += chunk.count { $0 == UInt8(ascii: "\n") }
                        try file.write(chunk)
                    }
                }
                try file.commit()
            } catch {
                file.discard()
                throw error
            }
            printError("scamhub: exported \(lines) entries (through entry \(through)) to \(output)")
            guard let checkpoints else { return }
            let list = try await hub.call { connection in
                var all: [AuditCheckpoint] = []
                while true {
                    let page = try await connection.auditCheckpoints(after: all.last?.size ?? -1, limit: 10_000)
                    // Checkpoints signed after the export would cover entries it does not hold.
                    all += page.checkpoints.filter { $0.size <= through }
                    if page.checkpoints.count < 10_000 || page.checkpoints.contains(where: { $0.size > through }) {
                        return AuditCheckpointList(checkpoints: all)
                    }
                }
            }
            let encoder = WireCoding.makeEncoder()
            encoder.outputFormatting.insert(.prettyPrinted)
            try writeNewFile(checkpoints, contents: try encoder.encode(list))
            printError("scamhub: saved \(list.checkpoints.count) signed checkpoints to \(checkpoints)")
        }
    }

    struct Checkpoints: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the hub's signed audit checkpoints.")

        @OptionGroup var hub: HubOptions

        @Option(help: "Only checkpoints larger than this size.")
        var after: Int64 = -1

        @Option(help: "At most this many (1–10000).")
        var limit = 1_000

        func run() async throws {
            let list = try await hub.call { try await $0.auditCheckpoints(after: after, limit: limit) }
            if hub.json { return try printJSON(list) }
            var table = TextTable(header: ["SIZE", "AT", "HEAD", "KEY"])
            table.rows = list.checkpoints.map { ["\($0.size)", $0.at, $0.head, $0.keyID] }
            table.print()
        }
    }

    struct PublicKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "public-key",
            abstract: "Fetch the hub's audit signing key (to verify exports offline).",
            discussion: """
                Save it once, from a connection you trust, and keep it: a verifier that takes the key from \
                the same place as the log proves less. Needs no API key.
                """
        )

        @OptionGroup var hub: HubOptions

        @Option(name: .shortAndLong, help: "A new file to write the key to (JSON).")
        var output: String?

        func run() async throws {
            let published = try await hub.call(keyRequired: false) { try await $0.auditPublicKey() }
            guard let output else { return try printJSON(published) }
            try refuseToOverwrite(output)
            let encoder = WireCoding.makeEncoder()
            encoder.outputFormatting.insert(.prettyPrinted)
            try writeNewFile(output, contents: try encoder.encode(published))
            printError("scamhub: saved the hub's audit key \(published.keyID) to \(output)")
        }
    }
}

/// A file written under a temporary name and renamed into place once complete.
private final class PartialFile: @unchecked Sendable {
    let final: String
    let temporary: String
    let handle: FileHandle

    init(final: String) throws {
        self.final = final
        temporary = final + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            printError("scamhub: cannot create \(final)")
            throw ExitCode.cannotCreate
        }
        self.handle = handle
    }

    func write(_ data: Data) throws {
        do { try handle.write(contentsOf: data) } catch {
            printError("scamhub: cannot write \(final): \(error.localizedDescription)")
            throw ExitCode.ioError
        }
    }

    func commit() throws {
        do {
            try handle.synchronize()
            try handle.close()
            try FileManager.default.moveItem(atPath: temporary, toPath: final)
        } catch {
            printError("scamhub: cannot write \(final): \(error.localizedDescription)")
            throw ExitCode.ioError
        }
    }

    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }
}

/// Refuses an output path that exists: an audit's files are evidence, never overwritten.
private func refuseToOverwrite(_ path: String) throws {
    guard FileManager.default.fileExists(atPath: path) else { return }
    printError("scamhub: \(path) already exists; choose another file")
    throw ExitCode.cannotCreate
}

/// Writes a new file whole; a failure is printed and becomes the exit code.
func writeNewFile(_ path: String, contents: Data) throws {
    guard FileManager.default.createFile(atPath: path, contents: contents) else {
        printError("scamhub: cannot create \(path)")
        throw ExitCode.cannotCreate
    }
}
