import Foundation
import Testing

/// `scamhub admin …` as an operator runs it, for what needs no running hub.
struct AdminCommandTests {
    static let apiKey = "shk_9e605a5dec279804_4fa3643d0aed879a97f9f036d56f592f99d8ffe636f49e6b0ac929c814a891e5"
    /// Nothing listens on port 1 (tcpmux) on a test machine: the connection is refused at once.
    static let closedHub = "http://127.0.0.1:1"
    /// An environment with no SCAMHUB_ variables, so that flags alone decide.
    static let plainEnvironment = ["PATH": "/usr/bin:/bin"]

    private func withDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-admin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    private func withKeyFile(_ contents: String = apiKey, _ body: (URL, String) throws -> Void) throws {
        try withDirectory { directory in
            let file = directory.appending(path: "admin.key")
            try Data((contents + "\n").utf8).write(to: file)
            try body(directory, file.path)
        }
    }

    @Test func issuingAKeyWithoutAScopeIsAUsageError() throws {
        let result = try ScamhubProcess.run(["admin", "keys", "issue", "--participant", "bank-a"])
        #expect(result.status == 64)
        #expect(result.error.contains("give the key at least one --scope (publish, consume, lookup"))
    }

    @Test func aHubThatIsNotRunningExits69NamingItsURL() throws {
        try withKeyFile { _, keyFile in
            let result = try ScamhubProcess.run(
                ["admin", "participants", "list", "--hub", Self.closedHub, "--api-key-file", keyFile],
                environment: Self.plainEnvironment)
            #expect(result.status == 69, "\(result.error)")
            #expect(result.error.hasPrefix("error: cannot reach the hub at \(Self.closedHub)/v1/participants"))
            #expect(result.error.contains("may not be running"))
            #expect(result.output.isEmpty)
        }
    }

    @Test func theHubURLComesFromTheEnvironmentWhenTheFlagIsAbsent() throws {
        try withKeyFile { _, keyFile in
            let result = try ScamhubProcess.run(
                ["admin", "participants", "show", "bank-a", "--api-key-file", keyFile],
                environment: Self.plainEnvironment.merging(["SCAMHUB_URL": Self.closedHub]) { $1 })
            #expect(result.status == 69)
            #expect(result.error.contains("\(Self.closedHub)/v1/participants/bank-a"))
        }
    }

    @Test func withoutAnAPIKeyTheCommandSaysWhereToPutOne() throws {
        let result = try ScamhubProcess.run(
            ["admin", "participants", "list", "--hub", Self.closedHub], environment: Self.plainEnvironment)
        #expect(result.status == 64)
        #expect(result.error.contains("pass --api-key-file FILE or set SCAMHUB_API_KEY"))
    }

    @Test func aMissingKeyFileExits66() throws {
        let result = try ScamhubProcess.run(
            ["admin", "participants", "list", "--hub", Self.closedHub, "--api-key-file", "no-such.key"],
            environment: Self.plainEnvironment)
        #expect(result.status == 66)
        #expect(result.error.contains("no-such.key does not exist"))
    }

    @Test func aCommunityKeyGivenAsAnAPIKeyExits65WithoutQuotingIt() throws {
        let communityKey = String(repeating: "ab", count: 32)
        try withKeyFile(communityKey) { _, keyFile in
            let result = try ScamhubProcess.run(
                ["admin", "participants", "list", "--hub", Self.closedHub, "--api-key-file", keyFile],
                environment: Self.plainEnvironment)
            #expect(result.status == 65)
            #expect(result.error.contains("not an API key"))
            #expect(!result.error.contains(communityKey))
        }
    }

    @Test func anExistingOutputFileStopsIssuingBeforeTheHubIsCalled() throws {
        try withKeyFile { directory, keyFile in
            let result = try ScamhubProcess.run(
                [
                    "admin", "keys", "issue", "--participant", "bank-a", "--scope", "consume", "--output", keyFile,
                    "--hub", Self.closedHub, "--api-key-file", keyFile,
                ], in: directory, environment: Self.plainEnvironment)
            #expect(result.status == 73)
            #expect(result.error.contains("already exists; refusing to overwrite a key"))
            #expect(try String(contentsOfFile: keyFile, encoding: .utf8) == Self.apiKey + "\n")
        }
    }

    @Test func bootstrapWritesTheFirstAdminKeyOnceAndRefusesASecond() throws {
        try withDirectory { directory in
            let arguments = [
                "admin", "bootstrap", "--data-dir", "data", "--id", "hub-operator", "--jurisdiction", "TH",
            ]
            let first = try ScamhubProcess.run(arguments + ["--output", "admin.key"], in: directory)
            #expect(first.status == 0, "\(first.error)")
            let keyID = first.output.trimmingCharacters(in: .newlines)
            #expect(keyID.count == 16 && keyID.allSatisfy(\.isHexDigit))
            let file = directory.appending(path: "admin.key")
            let key = try String(contentsOf: file, encoding: .utf8)
            #expect(key.hasPrefix("shk_\(keyID)_") && key.count == 4 + 16 + 1 + 64 + 1)
            #expect(!first.output.contains(key.dropFirst(22)))
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

            let second = try ScamhubProcess.run(arguments, in: directory)
            #expect(second.status == 65)
            #expect(second.error.contains("the hub already has an admin key (held by hub-operator)"))
            #expect(second.output.isEmpty)
        }
    }

    @Test func bootstrapWithoutOutputPrintsTheKeyOnceWithAWarning() throws {
        try withDirectory { directory in
            let result = try ScamhubProcess.run(
                ["admin", "bootstrap", "--data-dir", "data", "--id", "hub-operator", "--jurisdiction", "TH", "--json"],
                in: directory)
            #expect(result.status == 0, "\(result.error)")
            let issued = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
            let secret = try #require(issued?["secret"] as? String)
            let key = try #require(issued?["key"] as? [String: Any])
            #expect(secret.hasPrefix("shk_\(key["id"] as? String ?? "?")_"))
            #expect(key["scopes"] as? [String] == ["admin"])
            #expect(result.error.hasPrefix("warning: this is the only time key"))
        }
    }
}
