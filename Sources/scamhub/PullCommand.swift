import ArgumentParser
import Foundation
import HubClient
import IndicatorModel

/// Where the local flag-list cache lives: `--cache`, else `$SCAMHUB_CACHE`, else the user's cache directory.
struct CacheOptions: ParsableArguments {
    @Option(help: "The local flag-list cache (SQLite). Default: $SCAMHUB_CACHE, else ~/.cache/scamhub/flaglist.sqlite.")
    var cache: String?

    var cacheFile: URL {
        let environment = ProcessInfo.processInfo.environment.filter { !$0.value.isEmpty }
        if let path = cache ?? environment["SCAMHUB_CACHE"] { return URL(filePath: path) }
        let base =
            environment["XDG_CACHE_HOME"].map { URL(filePath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appending(path: ".cache")
        return base.appending(path: "scamhub/flaglist.sqlite")
    }
}

/// `scamhub pull`: keeps the local copy of your flag list in step with the hub.
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Bring the local copy of your flag list up to date with the hub (for `scamhub check`).",
        discussion: """
            Fetches the changes since the last pull and applies them in one transaction, then checks the \
            list's state digest against the hub's. The whole list is fetched instead — written beside the \
            old copy and swapped in at once, so `scamhub check` keeps answering from the old copy meanwhile \
            — on the first pull, when the hub asks for it (a new policy), when the digests differ, or when \
            the local copy is damaged. --watch keeps pulling, no more often than the hub asks.

            Exit codes: 0 up to date, 64 usage error, 69 hub unreachable or failing, 73 cache not \
            writable, 77 key not accepted or lacking the consume scope.
            """
    )

    @OptionGroup var hub: HubOptions
    @OptionGroup var cacheOptions: CacheOptions

    @Flag(help: "Keep pulling; wait at least --interval seconds and what the hub asks between pulls.")
    var watch = false

    @Option(help: "With --watch, the least seconds between pulls.")
    var interval = 60

    func validate() throws {
        guard interval >= 1 else { throw ValidationError("--interval must be at least 1 second") }
    }

    func run() async throws {
        let cache = FlagListCache(file: cacheOptions.cacheFile)
        try await hub.call { connection in
            let sync = FlagListSync(connection: connection, cache: cache)
            while true {
                let result: FlagListSync.Result
                do { result = try await sync.run() } catch let error as FlagListCacheError {
                    printError("scamhub: \(error)")
                    throw ExitCode.cannotCreate
                }
                report(result, cache: cache.file)
                guard watch else { return }
                try await Task.sleep(for: .seconds(max(interval, result.minimumWaitSeconds)))
            }
        }
    }

    private func report(_ result: FlagListSync.Result, cache: URL) {
        if hub.json {
            let line: [String: String] = [
                "cursor": "\(result.state.cursor)", "entries": "\(result.state.entryCount)",
                "added": "\(result.added)", "removed": "\(result.removed)", "state_digest": result.state.digest.hex,
                "resync": result.resyncReason ?? "",
            ]
            if let data = try? WireCoding.makeEncoder().encode(line) { print(String(decoding: data, as: UTF8.self)) }
            return
        }
        if let reason = result.resyncReason {
            print(
                "Fetched the whole list (\(reason)): \(result.state.entryCount) entries, cursor \(result.state.cursor)."
            )
        } else {
            print(
                "Up to date: +\(result.added) −\(result.removed), \(result.state.entryCount) entries, "
                    + "cursor \(result.state.cursor); state digest verified.")
        }
        printError("cache: \(cache.path)")
    }
}

/// `scamhub check`: looks values up in the local flag-list cache, offline.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check values against your local flag list, offline: canonicalized and hashed here.",
        discussion: """
            Each value (arguments, or one per line of --file, or standard input with --file -) is \
            canonicalized as --kind, hashed with the community key and looked up in the cache that \
            `scamhub pull` keeps; nothing is sent anywhere. Matches are printed with the list, category \
            and confidence band the sharing policy lets you see; --json prints one JSON line per value.

            Example (a bank's payment pipeline): scamhub check --kind bank_account --key-file community.key \
            "TH:004:1234567890" && pay || hold

            Exit codes: 0 no value matched, 1 a value matched, 2 an error (a value that is not a valid \
            --kind, no cache, a damaged cache, an unreadable key or file) — an error wins, since then \
            not every value was checked.
            """
    )

    @OptionGroup var cacheOptions: CacheOptions

    @Argument(help: "Values to check.") var values: [String] = []
    @Option(help: "A file of values, one per line (- for standard input).") var file: String?
    @Option(help: "What the values are: \(IndicatorKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: IndicatorKind
    @Option(help: "ISO 3166 region for national-format phone numbers and domestic accounts, e.g. TH.")
    var region: String?
    @Option(help: "File holding the community key.") var keyFile: String
    @Flag(help: "One JSON line per value, matched or not.") var json = false

    func validate() throws {
        guard values.isEmpty != (file == nil) else {
            throw ValidationError("give values as arguments or --file, one of the two")
        }
    }

    func run() throws {
        do {
            let key = try readCommunityKey(keyFile)
            let index = try FlagListCache(file: cacheOptions.cacheFile).index()
            var checker = ValueCheck(kind: kind, region: region, key: key, index: index, json: json)
            if let file {
                try checker.run(file: file)
            } else {
                try checker.run(values: values)
            }
            checker.finish()
            throw ExitCode(checker.errors > 0 ? 2 : checker.matches > 0 ? 1 : 0)
        } catch let error as FlagListCacheError {
            printError("scamhub: \(error)")
            throw ExitCode(2)
        } catch let error as ValueCheckError {
            printError("scamhub: \(error)")
            throw ExitCode(2)
        } catch let code as ExitCode where ![0, 1, 2].contains(code.rawValue) {
            // An unreadable key file (its message printed): an error, as the exit codes promise.
            throw ExitCode(2)
        }
    }
}
