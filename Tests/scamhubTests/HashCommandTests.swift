import Foundation
import Testing

struct HashCommandTests {
    /// The key `00 01 … 1f` and a token from tools/generate-token-vectors.py (Python's hmac).
    private let sequentialKey = (0..<32).map { String(format: "%02x", $0) }.joined()
    private let expectedToken = "de837c2906af947a86af37695b0ce84b54164153457f1589ef7c32b6c513a0b0"

    private func withKeyFile(_ contents: String, _ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appending(path: "community.key")
        try Data(contents.utf8).write(to: file)
        try body(file)
    }

    @Test func hashesTheCanonicalFormWithTheCommunityKey() throws {
        try withKeyFile(sequentialKey + "\n") { file in
            let result = try ScamhubProcess.run(
                ["hash", "--kind", "phone", "--region", "TH", "--key-file", file.path, "081-234-5678"])
            #expect(result.status == 0)
            let object = try #require(try result.jsonLines().first)
            #expect(object == ["input": "081-234-5678", "canonical": "+66812345678", "token": expectedToken])
        }
    }

    @Test func invalidValuesGetAnErrorAndNoToken() throws {
        try withKeyFile(sequentialKey) { file in
            let result = try ScamhubProcess.run(
                ["hash", "--kind", "phone", "--key-file", file.path], input: Data("12\n".utf8))
            let object = try #require(try result.jsonLines().first)
            #expect(object["token"] == nil && object["error"] != nil)
        }
    }

    @Test func missingKeyFileExits66() throws {
        let result = try ScamhubProcess.run(["hash", "--kind", "ip", "--key-file", "/nonexistent/k.key", "192.0.2.1"])
        #expect(result.status == 66)
        #expect(result.error.contains("does not exist"))
        #expect(result.output.isEmpty)
    }

    @Test("Malformed key files exit 65", arguments: ["abc", String(repeating: "zz", count: 32), ""])
    func malformedKeyFileExits65(contents: String) throws {
        try withKeyFile(contents) { file in
            let result = try ScamhubProcess.run(["hash", "--kind", "ip", "--key-file", file.path, "192.0.2.1"])
            #expect(result.status == 65)
            #expect(result.error.contains("is not a community key"))
        }
    }
}

struct KeysCommandTests {
    @Test func generatesAnOwnerOnlyKeyAndRefusesToOverwriteIt() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let first = try ScamhubProcess.run(["keys", "generate", "--output", "k.key"], in: directory)
        #expect(first.status == 0)
        let path = directory.appending(path: "k.key").path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let key = try String(contentsOfFile: path, encoding: .utf8)
        #expect(key.count == 65 && key.hasSuffix("\n"))
        #expect(!first.output.contains(key.prefix(64)) && !first.error.contains(key.prefix(64)))

        let second = try ScamhubProcess.run(["keys", "generate", "--output", "k.key"], in: directory)
        #expect(second.status == 73)
        #expect(second.error.contains("refusing to overwrite"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == key)
    }
}
