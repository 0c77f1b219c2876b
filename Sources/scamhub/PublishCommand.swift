public import ArgumentParser
import Crypto
import Foundation
import HubClient
public import IndicatorModel

extension TLP: ExpressibleByArgument {}

/// `scamhub publish FILE`: reports the values of a file, hashed here, in batches; resumable.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Report the values of a CSV or JSON Lines file: canonicalized and hashed here, sent in batches.",
        discussion: """
            Columns (CSV header, or JSON Lines members): value (required), kind, category, confidence, tlp, \
            list, region, narrative, expires_at, recipients and jurisdictions (both ;-separated); a missing \
            column takes the flag of the same name. Only tokens leave this machine.

            Batches carry idempotency keys derived from the file and their place in it, and a progress \
            file (FILE.scamhub-progress) records each acknowledged batch: run the same command again \
            after an interruption and it resumes where it stopped, without duplicates. Rows that cannot \
            be published — a broken CSV row, a value that is not a valid kind, a row the hub refuses — \
            are listed with their line and reason in the rejects file (FILE.rejects.jsonl); the others are \
            published.

            Example: scamhub publish banned.csv --key-file community.key --kid th-2026-11 --kind \
            platform_account --category impersonation --confidence 90 --tlp green

            Exit codes: 0 done (rejected rows are in the rejects file), 64 usage error, 65 a file that is \
            not usable (a bad CSV header), 66 no such file, 69 hub unreachable (rerun to resume), 73 cannot \
            write the rejects or progress file, 77 key not accepted or lacking the publish scope.
            """
    )

    @OptionGroup var hub: HubOptions
    @Argument(help: "The file: .csv (with a header row) or .jsonl.") var file: String
    @Option(help: "csv or jsonl (default: from the file's extension).") var format: String?
    @Option(help: "File holding the community key.") var keyFile: String
    @Option(help: "The community key id (kid) tokens are made under, e.g. th-2026-11.") var kid: String
    @Option(help: "Default kind.") var kind: IndicatorKind?
    @Option(help: "Default category, e.g. mule_account.") var category: IndicatorModel.Category?
    @Option(help: "Default confidence, 0–100.") var confidence: Int?
    @Option(help: "Default TLP: clear, green, amber, amber+strict, red.") var tlp: TLP?
    @Option(help: "Default list: flag or allow.") var list: Listing?
    @Option(help: "Default region for national phone numbers and domestic accounts, e.g. TH.") var region: String?
    @Option(help: "Reports per request (1–1000).") var batch = 500
    @Option(help: "Where rejected rows are listed (default: FILE.rejects.jsonl).") var rejects: String?
    @Flag(help: "Ignore the progress file and publish from the first row.") var restart = false

    func validate() throws {
        guard (1...1_000).contains(batch) else { throw ValidationError("--batch must be 1 to 1000") }
        guard (try? KeyID(kid)) != nil else { throw ValidationError("--kid \(kid) is not a key id such as th-2026-11") }
        if let format, !["csv", "jsonl"].contains(format) { throw ValidationError("--format must be csv or jsonl") }
        if let confidence, !(0...100).contains(confidence) { throw ValidationError("--confidence must be 0 to 100") }
    }

    func run() async throws {
        let url = URL(filePath: file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            printError("scamhub: cannot read \(file)")
            throw FileManager.default.fileExists(atPath: url.path) ? ExitCode.ioError : ExitCode.noInput
        }
        let bytes = [UInt8](data)
        let rows: [PublishRows.Row]
        do {
            let isJSONLines = (format ?? (url.pathExtension.lowercased() == "jsonl" ? "jsonl" : "csv")) == "jsonl"
            rows = isJSONLines ? PublishRows.jsonLines(bytes) : try PublishRows.csv(bytes)
        } catch {
            printError("scamhub: \(file): \(error)")
            throw ExitCode.dataError
        }
        var defaults: [String: String] = [:]
        defaults["kind"] = kind?.rawValue
        defaults["category"] = category?.rawValue
        defaults["confidence"] = confidence.map(String.init)
        defaults["tlp"] = tlp?.rawValue
        defaults["list"] = list?.rawValue
        defaults["region"] = region
        let publisher = PublishRows(key: try readCommunityKey(keyFile), keyID: try KeyID(kid), defaults: defaults)
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        var progress = PublishProgress(file: url.path + ".scamhub-progress", digest: digest)
        if restart { progress.reset() } else { progress.load() }
        var rejected = try RejectsFile(path: rejects ?? url.path + ".rejects.jsonl", append: progress.rowsDone > 0)
        if progress.rowsDone > 0 { printError("scamhub: resuming after row \(progress.rowsDone) of \(rows.count)") }
        let display = ProgressDisplay(total: rows.count)

        try await hub.call { connection in
            var pending: [(row: Int, line: Int, report: Report)] = []
            // Rows refused here wait with the batch, so that a resumed run does not list them twice.
            var refusedHere: [(line: Int, reason: String)] = []
            var index = progress.rowsDone
            func send() async throws {
                if !pending.isEmpty {
                    let key = "publish-" + String(digest.prefix(24)) + "-\(pending[0].row)-\(pending.count)"
                    let answer = try await connection.publish(
                        PublishRequest(reports: pending.map(\.report)), idempotencyKey: key)
                    for result in answer.results where result.status == .rejected {
                        let item = pending[result.index]
                        try rejected.add(line: item.line, reason: "refused by the hub: \(result.error ?? "invalid")")
                        progress.rejected += 1
                    }
                    progress.accepted += answer.accepted
                    pending = []
                }
                for refusal in refusedHere { try rejected.add(line: refusal.line, reason: refusal.reason) }
                refusedHere = []
                progress.rowsDone = index
                try progress.save()
                display.show(progress)
            }
            while index < rows.count {
                let row = rows[index]
                index += 1
                switch row.fields.flatMap(publisher.report) {
                case .failure(let error):
                    refusedHere.append((row.line, error.description))
                    progress.rejected += 1
                case .success(let report):
                    pending.append((index - 1, row.line, report))
                    if pending.count == batch { try await send() }
                }
            }
            try await send()
        }
        display.finish(progress)
        progress.remove()
        print(
            "Published \(file): \(progress.accepted) accepted, \(progress.rejected) rejected"
                + (progress.rejected > 0 ? " (reasons in \(rejected.path))" : "") + ".")
    }
}

/// How far a file's publication got: rows handed to the hub and acknowledged, kept in a small JSON file.
private struct PublishProgress: Codable {
    let file: String
    let digest: String
    var rowsDone = 0
    var accepted = 0
    var rejected = 0

    init(file: String, digest: String) {
        self.file = file
        self.digest = digest
    }

    /// Picks up where an earlier run of the same file stopped; a progress file of another content is ignored.
    mutating func load() {
        guard let data = FileManager.default.contents(atPath: file),
            let saved = try? JSONDecoder().decode(PublishProgress.self, from: data), saved.digest == digest
        else { return }
        self = saved
    }

    mutating func reset() {
        rowsDone = 0
        accepted = 0
        rejected = 0
    }

    /// Writes the progress whole (a temporary file renamed over it).
    func save() throws {
        let temporary = file + ".tmp"
        do {
            try JSONEncoder().encode(self).write(to: URL(filePath: temporary))
        } catch {
            printError("scamhub: cannot write \(file): \(error.localizedDescription)")
            throw ExitCode.cannotCreate
        }
        guard rename(temporary, file) == 0 else {
            printError("scamhub: cannot write \(file): \(String(cString: strerror(errno)))")
            throw ExitCode.cannotCreate
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: file) }
}

/// The rejected rows, one JSON line each: `{"line": 12, "reason": "…"}`.
private struct RejectsFile {
    let path: String
    private let handle: FileHandle

    init(path: String, append: Bool) throws {
        self.path = path
        if !append || !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                printError("scamhub: cannot create the rejects file \(path)")
                throw ExitCode.cannotCreate
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            printError("scamhub: cannot write the rejects file \(path)")
            throw ExitCode.cannotCreate
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    mutating func add(line: Int, reason: String) throws {
        let text =
            (try? JSONSerialization.data(withJSONObject: ["line": line, "reason": reason], options: [.sortedKeys]))
            ?? Data()
        do { try handle.write(contentsOf: text + Data("\n".utf8)) } catch {
            printError("scamhub: cannot write the rejects file \(path): \(error.localizedDescription)")
            throw ExitCode.cannotCreate
        }
    }
}

/// A progress bar on a terminal; a line every 20 batches otherwise.
private final class ProgressDisplay: @unchecked Sendable {
    let total: Int
    let isTerminal = isatty(2) == 1
    private var updates = 0

    init(total: Int) {
        self.total = total
    }

    func show(_ progress: PublishProgress) {
        updates += 1
        let text = "\(progress.rowsDone)/\(total) rows, \(progress.accepted) accepted, \(progress.rejected) rejected"
        if isTerminal {
            let width = 30
            let filled = total == 0 ? width : width * progress.rowsDone / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            FileHandle.standardError.write(Data("\r\(bar) \(text)".utf8))
        } else if updates % 20 == 0 {
            printError("scamhub: \(text)")
        }
    }

    func finish(_ progress: PublishProgress) {
        if isTerminal, updates > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
