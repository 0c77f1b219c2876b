import ArgumentParser
import Foundation
import HubClient
import IndicatorModel
import Synchronization

/// `scamhub subscribe`: the hub's changes as JSON Lines, live, resuming where the last run stopped.
struct SubscribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribe",
        abstract: "Stream the changes you may see as JSON Lines, live; resume from a cursor file.",
        discussion: """
            Each change the sharing policy lets you see (narrowed by the filter flags, or by an sse \
            subscription's filter with --subscription) is printed as one JSON line, as GET /v1/feed returns \
            it. With --cursor-file, the last sequence number is saved after each batch is written, and the \
            next run starts after it: no gap, no duplicate. Without a cursor the stream starts now. The \
            connection is re-opened after network failures, with backoff.

            --exec CMD runs CMD (through /bin/sh) once per batch with the batch's lines on its standard \
            input, and moves the cursor only when CMD exits 0; otherwise scamhub exits 75 and the next run \
            hands the same changes again.

            Example: scamhub subscribe --kind bank_account --list flag --cursor-file mules.cursor

            Exit codes: 0 done (--count reached), 64 usage error, 65 a bad cursor file or a request the hub \
            refused (an unknown or paused subscription, a cursor ahead of the hub), 66 the subscription was \
            deleted while streaming, 69 hub unreachable at start, 73 cannot write the cursor file, 75 --exec \
            failed or the subscription was paused while streaming, 77 key not accepted, revoked, or lacking \
            the subscribe scope.
            """
    )

    @OptionGroup var hub: HubOptions
    @OptionGroup var filter: FilterOptions

    @Option(help: "Read this sse subscription (its filter) instead of filter flags.")
    var subscription: String?

    @Option(help: "File keeping the last sequence number received; read at start, written after each batch.")
    var cursorFile: String?

    @Option(help: "Start after this sequence number (wins over --cursor-file's); 0 for everything.")
    var after: Int64?

    @Option(help: "Run this command once per batch with the batch as JSON Lines on its standard input.")
    var exec: String?

    @Option(help: "Exit after this many changes.")
    var count: Int?

    func validate() throws {
        if subscription != nil, try filter.filter() != SubscriptionFilter() {
            throw ValidationError("--subscription carries its own filter; drop the filter flags")
        }
        if let after, after < 0 { throw ValidationError("--after must be 0 or more") }
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
    }

    func run() async throws {
        let source: StreamSource = try subscription.map { .subscription($0) } ?? .filter(filter.filter())
        let state = SubscribeState(
            cursor: try after ?? readCursor(), cursorFile: cursorFile.map { URL(filePath: $0) }, exec: exec,
            remaining: count)
        try await hub.call { connection in
            var delay = 1
            while true {
                do {
                    try await state.followStream(connection, source: source)
                    delay = 1
                } catch let error as HubClientError {
                    // At start, the hub's refusals and absence are the answer; once streaming, a dropped
                    // connection or a failing hub is retried. A refusal (a revoked key) always ends the run.
                    if case .problem(let problem) = error, problem.status < 500 { throw error }
                    guard state.hasConnected else { throw error }
                    printError("scamhub: stream interrupted (\(error)); reconnecting in \(delay) s")
                } catch is StreamIdle {
                    printError("scamhub: no heartbeat from the hub for 45 s; reconnecting in \(delay) s")
                }
                try await Task.sleep(for: .seconds(delay))
                delay = min(delay * 2, 30)
            }
        }
    }

    private func readCursor() throws -> Int64? {
        guard let cursorFile, FileManager.default.fileExists(atPath: cursorFile) else { return nil }
        guard let text = try? String(contentsOfFile: cursorFile, encoding: .utf8),
            let value = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)), value >= 0
        else {
            printError("scamhub: \(cursorFile) does not hold a sequence number; fix it, or delete it to start from now")
            throw ExitCode.dataError
        }
        return value
    }
}

/// No bytes, not even a heartbeat, for three heartbeat intervals: the connection is presumed dead.
private struct StreamIdle: Error {}

/// Where a `subscribe` run stands; used by one stream at a time.
private final class SubscribeState: Sendable {
    private let position: Mutex<(cursor: Int64?, remaining: Int?)>
    private let lastActivity = Mutex(ContinuousClock.now)
    private let connected = Mutex(false)
    let cursorFile: URL?
    let exec: String?

    init(cursor: Int64?, cursorFile: URL?, exec: String?, remaining: Int?) {
        position = Mutex((cursor, remaining))
        self.cursorFile = cursorFile
        self.exec = exec
    }

    /// Whether a stream ever opened: failures after that are retried.
    var hasConnected: Bool { connected.withLock { $0 } }

    /// Streams until the hub ends the stream (returns, to reconnect) or the run must stop (throws).
    func followStream(_ connection: HubConnection, source: StreamSource) async throws {
        lastActivity.withLock { $0 = .now }
        pending.withLock { $0 = "" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await connection.stream(source, after: self.position.withLock { $0.cursor }) { events in
                    self.lastActivity.withLock { $0 = .now }
                    self.connected.withLock { $0 = true }
                    try await self.handle(events)
                }
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: .seconds(5))
                    if ContinuousClock.now - self.lastActivity.withLock({ $0 }) > .seconds(45) { throw StreamIdle() }
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Changes received in the current batch, not yet handed on.
    private let pending = Mutex("")

    /// Hands on each batch when its closing cursor event arrives (or at once when --count is reached),
    /// then saves the cursor. A batch cut off by a dropped connection is not handed on: it comes again.
    private func handle(_ events: [StreamEvent]) async throws {
        let encoder = WireCoding.makeEncoder()
        for event in events {
            switch event {
            case .change(let change):
                let line = String(decoding: try encoder.encode(change), as: UTF8.self) + "\n"
                pending.withLock { $0 += line }
                let left = position.withLock { position -> Int? in
                    position.remaining = position.remaining.map { $0 - 1 }
                    return position.remaining
                }
                if left == 0 {
                    try await flush(through: change.sequence)
                    throw ExitCode.success
                }
            case .cursor(let next):
                try await flush(through: next)
            case .disconnect(let goodbye):
                try end(goodbye)
            }
        }
    }

    private func flush(through cursor: Int64) async throws {
        let lines = pending.withLock { pending in
            defer { pending = "" }
            return pending
        }
        if !lines.isEmpty { try await deliver(lines) }
        if position.withLock({ $0.cursor }) != cursor {
            position.withLock { $0.cursor = cursor }
            try save(cursor)
        }
    }

    private func deliver(_ lines: String) async throws {
        guard let exec else {
            FileHandle.standardOutput.write(Data(lines.utf8))
            return
        }
        let process = Process()
        process.executableURL = URL(filePath: "/bin/sh")
        process.arguments = ["-c", exec]
        let input = Pipe()
        process.standardInput = input
        do { try process.run() } catch {
            printError("scamhub: cannot run --exec: \(error.localizedDescription)")
            throw ExitCode.temporaryFailure
        }
        try? input.fileHandleForWriting.write(contentsOf: Data(lines.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            printError(
                "scamhub: --exec exited with status \(process.terminationStatus); the cursor stays before this batch")
            throw ExitCode.temporaryFailure
        }
    }

    /// Writes the cursor file whole (a temporary file renamed over it), so a crash leaves the old or the new.
    private func save(_ cursor: Int64) throws {
        guard let cursorFile else { return }
        let temporary = cursorFile.deletingLastPathComponent().appending(path: ".\(cursorFile.lastPathComponent).tmp")
        do {
            try Data("\(cursor)\n".utf8).write(to: temporary)
        } catch {
            printError("scamhub: cannot write the cursor file \(cursorFile.path): \(error.localizedDescription)")
            throw ExitCode.cannotCreate
        }
        guard rename(temporary.path, cursorFile.path) == 0 else {
            printError("scamhub: cannot write the cursor file \(cursorFile.path): \(String(cString: strerror(errno)))")
            throw ExitCode.cannotCreate
        }
    }

    private func end(_ goodbye: StreamDisconnect) throws {
        switch goodbye.reason {
        case .keyRevoked:
            printError("scamhub: the hub closed the stream: this API key is no longer valid")
            throw ExitCode.noPermission
        case .subscriptionDeleted:
            printError("scamhub: the subscription was deleted")
            throw ExitCode.noInput
        case .subscriptionPaused:
            printError("scamhub: the subscription was paused; resume it with `scamhub subscriptions resume`")
            throw ExitCode.temporaryFailure
        case .slowConsumer, .shutdown:
            printError(
                "scamhub: the hub closed the stream (\(goodbye.reason.rawValue)); resuming after \(goodbye.resumeAfter)"
            )
        }
    }
}
