import Foundation
import GRDB
import IndicatorModel
import SharingPolicy
import Testing

@testable import HubServer

struct ParticipantDirectoryTests {
    @Test func participantsAreCreatedListedAndDisabled() async throws {
        let temporary = try await TemporaryStorage()
        let directory = temporary.storage.directory
        let alpha = try participant("bank-alpha")
        #expect(try await directory.participants().map(\.id.rawValue).first == "bank-alpha")
        #expect(try await directory.participant(alpha)?.communities == ["th-finance"])
        await #expect(throws: StorageError.participantExists("bank-alpha")) {
            try await directory.createParticipant(
                Participant(id: alpha, role: .bank, jurisdiction: try Jurisdiction("TH")), communities: [],
                at: TemporaryStorage.start)
        }
        try await directory.disableParticipant(alpha, at: TemporaryStorage.start + 1)
        #expect(try await directory.participant(alpha)?.isDisabled == true)
    }

    @Test func anIssuedKeyAuthenticatesWithItsScopes() async throws {
        let temporary = try await TemporaryStorage()
        let directory = temporary.storage.directory
        let issued = try await directory.issueKey(
            for: try participant("bank-alpha"), scopes: [.consume, .lookup], at: TemporaryStorage.start)
        #expect(issued.secretText.hasPrefix("shk_\(issued.key.id)_"))
        #expect(!"\(issued)".contains(issued.secretText))
        let principal = try await directory.authenticate(issued.secretText)
        #expect(principal.participant.id.rawValue == "bank-alpha")
        #expect(principal.keyID == issued.key.id)
        #expect(principal.scopes == [.consume, .lookup])
        #expect(!principal.isAllowed(.publish))
        #expect(try await directory.keys(of: try participant("bank-alpha")).map(\.id) == [issued.key.id])
    }

    @Test func wrongSecretsRevokedKeysAndDisabledParticipantsAreRefused() async throws {
        let temporary = try await TemporaryStorage()
        let directory = temporary.storage.directory
        let issued = try await directory.issueKey(
            for: try participant("bank-alpha"), scopes: [.publish], at: TemporaryStorage.start)
        let wrongSecret = "shk_\(issued.key.id)_" + String(repeating: "0", count: 64)
        await #expect(throws: AuthenticationError.wrongSecret) { try await directory.authenticate(wrongSecret) }
        await #expect(throws: AuthenticationError.malformedKey) { try await directory.authenticate("Bearer nope") }
        await #expect(throws: AuthenticationError.unknownKey) {
            try await directory.authenticate("shk_0000000000000000_" + String(repeating: "1", count: 64))
        }

        try await directory.revokeKey(issued.key.id, at: TemporaryStorage.start + 1)
        await #expect(throws: AuthenticationError.keyRevoked) { try await directory.authenticate(issued.secretText) }

        let beta = try participant("bank-beta")
        let betaKey = try await directory.issueKey(for: beta, scopes: [.consume], at: TemporaryStorage.start)
        try await directory.disableParticipant(beta, at: TemporaryStorage.start + 1)
        await #expect(throws: AuthenticationError.participantDisabled) {
            try await directory.authenticate(betaKey.secretText)
        }
        await #expect(throws: StorageError.participantDisabled("bank-beta")) {
            try await directory.issueKey(for: beta, scopes: [.consume], at: TemporaryStorage.start + 2)
        }
    }

    @Test func theStoredKeyHoldsOnlyAHashOfTheSecret() async throws {
        let temporary = try await TemporaryStorage()
        let issued = try await temporary.storage.directory.issueKey(
            for: try participant("bank-alpha"), scopes: [.admin], at: TemporaryStorage.start)
        let secretHex = String(issued.secretText.split(separator: "_")[2])
        let secretBytes = Data(try KeyCredential(parsing: issued.secretText).secret)
        let stored: [DatabaseValue] = try await temporary.storage.pool.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [issued.key.id])
            return row.map { row in row.columnNames.map { row[$0] } } ?? []
        }
        #expect(stored.count == 6)
        for value in stored {
            switch value.storage {
            case .string(let text): #expect(!text.contains(secretHex))
            case .blob(let data): #expect(data != secretBytes && data.count == 32)
            default: break
            }
        }
        let fileBytes =
            try Data(contentsOf: temporary.file) + Data(contentsOf: URL(filePath: temporary.file.path + "-wal"))
        #expect(fileBytes.range(of: Data(secretHex.utf8)) == nil)
        #expect(fileBytes.range(of: secretBytes) == nil)
    }
}
