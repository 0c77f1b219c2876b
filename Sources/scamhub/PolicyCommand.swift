import ArgumentParser
import Foundation
import SharingPolicy

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check, explain and compare sharing policies.",
        discussion: """
            Policies (policies/*.yaml) decide who sees what; docs/policy.md is their language reference. \
            Exit codes: 0 done, 64 usage error, 65 a policy or scenario with errors, 66 missing file.
            """,
        subcommands: [Check.self, Explain.self, Diff.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate policy files and print their errors and warnings with file:line:column.",
            discussion: "Exits 65 when any file has an error; warnings alone exit 0."
        )

        @Argument(help: "Policy files or directories of *.yaml files.")
        var paths: [String] = ["policies"]

        func run() throws {
            var hasErrors = false
            for file in try policyFiles(in: paths) {
                let text = try readPolicyText(file)
                do {
                    let policy = try Policy(yaml: text, file: file)
                    policy.warnings.forEach { print($0) }
                    let summary = policy.warnings.isEmpty ? "" : ", \(policy.warnings.count) warning(s)"
                    print("\(file): ok, policy '\(policy.name)' version \(policy.version.short)\(summary)")
                } catch {
                    error.diagnostics.forEach { print($0) }
                    print("\(file): \(error.errors.count) error(s)")
                    hasErrors = true
                }
            }
            if hasErrors { throw ExitCode.dataError }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the (role, kind, category, jurisdiction) classes that gain or lose visibility.",
            discussion: "Lines start with + (gains), - (loses) or ~ (fields widen or narrow)."
        )

        @Argument(help: "The policy file as it is now.") var old: String
        @Argument(help: "The policy file as it would be.") var new: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() throws {
            let before = try loadPolicy(old)
            let after = try loadPolicy(new)
            let changes = after.changes(since: before)
            let requirements = after.requirementChanges(since: before)
            if json {
                let report = PolicyDiffOutput(
                    old: before.version, new: after.version, changes: changes, requirements: requirements)
                print(String(decoding: try makeJSONEncoder().encode(report), as: UTF8.self))
                return
            }
            print("\(old) (\(before.version.short)) → \(new) (\(after.version.short))")
            if changes.isEmpty, requirements.isEmpty { print("no change in who sees what") }
            changes.forEach { print($0) }
            requirements.forEach { print("~ \($0)") }
        }
    }
}

struct PolicyDiffOutput: Encodable {
    let old: PolicyVersion
    let new: PolicyVersion
    let changes: [VisibilityChange]
    let requirements: [String]
}

/// The files named, with directories expanded to the `.yaml` and `.yml` files in them, sorted.
func policyFiles(in paths: [String]) throws -> [String] {
    var files: [String] = []
    for path in paths {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            printError("scamhub: \(path) does not exist")
            throw ExitCode.noInput
        }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { URL(filePath: path).appending(path: $0).relativePath }
        } else {
            files.append(path)
        }
    }
    return files
}

func readPolicyText(_ file: String) throws -> String {
    guard FileManager.default.fileExists(atPath: file) else {
        printError("scamhub: \(file) does not exist")
        throw ExitCode.noInput
    }
    do {
        return try String(contentsOf: URL(filePath: file), encoding: .utf8)
    } catch {
        printError("scamhub: cannot read \(file) as UTF-8 text: \(error.localizedDescription)")
        throw ExitCode.dataError
    }
}

/// Reads and compiles a policy, printing its errors and exiting 65 if it has any.
func loadPolicy(_ file: String) throws -> Policy {
    let text = try readPolicyText(file)
    do {
        return try Policy(yaml: text, file: file)
    } catch {
        error.diagnostics.forEach { printError("\($0)") }
        throw ExitCode.dataError
    }
}

func makeJSONEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return encoder
}
