import Foundation
import Testing

@testable import HubClient

struct APIKeyTests {
    static let id = "9e605a5dec279804"
    static let secret = "4fa3643d0aed879a97f9f036d56f592f99d8ffe636f49e6b0ac929c814a891e5"
    static let text = "shk_\(id)_\(secret)"

    @Test func aWholeKeyParsesAndKeepsItsIDAsThePublicPart() throws {
        let key = try APIKey(Self.text)
        #expect(key.keyID == Self.id)
        #expect(key.text == Self.text)
    }

    @Test(
        "Key files and variables may carry whitespace around the key",
        arguments: [
            "\(text)\n", "  \(text)\r\n", "\t\(text)  \n\n",
        ])
    func surroundingWhitespaceIsIgnored(contents: String) throws {
        #expect(try APIKey(fileContents: contents).keyID == Self.id)
    }

    @Test func theSecretNeverAppearsInDescriptionsOrDumps() throws {
        let key = try APIKey(Self.text)
        var dumped = ""
        dump(key, to: &dumped)
        let renderings = [
            "\(key)", String(describing: key), String(reflecting: key), dumped, "\([key])", "\(Optional(key) as Any)",
        ]
        for rendering in renderings {
            #expect(!rendering.contains(Self.secret), "\(rendering)")
        }
        #expect("\(key)" == "<redacted>")
        #expect(dumped.contains(Self.id))
    }

    @Test(
        "Text that is not a whole key says what is wrong",
        arguments: [
            ("", APIKey.Defect.empty),
            ("   \n", .empty),
            (secret, .missingPrefix),  // a community key's shape: 64 hex digits
            ("Bearer \(text)", .missingPrefix),
            ("shk_\(id)", .malformed),
            ("shk_\(id)_\(secret.dropLast())", .malformed),
            ("shk_\(id)_\(secret)0", .malformed),
            ("shk_\(id.uppercased())_\(secret)", .malformed),
            ("shk_\(id)_\(secret)_extra", .malformed),
            ("shk_\(id)_\(secret)\nshk_\(id)_\(secret)", .malformed),
        ])
    func malformedKeysAreRefused(text: String, defect: APIKey.Defect) {
        #expect(throws: HubClientError.invalidAPIKey(defect)) { try APIKey(fileContents: text) }
    }

    @Test func aRefusedKeyIsNotQuotedInTheError() {
        let almost = "shk_\(Self.id)_\(Self.secret.dropLast())"
        do {
            _ = try APIKey(almost)
            Issue.record("accepted a key one digit short")
        } catch {
            #expect(!"\(error)".contains(Self.secret.dropLast()))
            #expect("\(error)".contains("shk_<16 hex key id>_<64 hex secret>"))
        }
    }
}

struct APIKeyFileTests {
    private func withDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-apikey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    @Test func aWrittenKeyIsOwnerOnlyReadsBackAndIsNeverOverwritten() throws {
        try withDirectory { directory in
            let file = directory.appending(path: "bank.key")
            let key = try APIKey(APIKeyTests.text)
            try APIKeyFile.write(key, to: file)
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try String(contentsOf: file, encoding: .utf8) == APIKeyTests.text + "\n")
            #expect(try APIKeyFile.read(from: file).keyID == APIKeyTests.id)
            #expect(throws: APIKeyFileError.exists(path: file.path)) { try APIKeyFile.write(key, to: file) }
        }
    }

    @Test func missingAndMalformedFilesAreTold() throws {
        try withDirectory { directory in
            let missing = directory.appending(path: "none.key")
            #expect(throws: APIKeyFileError.missing(path: missing.path)) { try APIKeyFile.read(from: missing) }
            let community = directory.appending(path: "community.key")
            try Data((APIKeyTests.secret + "\n").utf8).write(to: community)
            #expect(throws: APIKeyFileError.malformed(path: community.path, .missingPrefix)) {
                try APIKeyFile.read(from: community)
            }
        }
    }
}
