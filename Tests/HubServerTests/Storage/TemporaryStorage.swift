import Foundation
import IndicatorModel
import SharingPolicy

@testable import HubServer

/// A store on a fresh database file in its own temporary directory, with a few participants.
struct TemporaryStorage {
    let storage: SQLiteStorage
    let file: URL

    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    init(participants: [(String, Role)] = defaultParticipants) async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-storage-\(UUID().uuidString)")
        file = directory.appending(path: "scamhub.sqlite")
        storage = try SQLiteStorage(file: file)
        for (id, role) in participants {
            try await storage.directory.createParticipant(
                Participant(id: ParticipantID(id), role: role, jurisdiction: Jurisdiction("TH")),
                communities: ["th-finance"], at: Self.start)
        }
    }

    static let defaultParticipants: [(String, Role)] = [
        ("bank-alpha", .bank), ("bank-beta", .bank), ("social-net", .platform), ("thai-police", .lawEnforcement),
    ]
}

func participant(_ id: String) throws -> ParticipantID { try ParticipantID(id) }

/// A token whose bytes spell out `number`, so tests can make as many distinct tokens as they need.
func token(_ number: Int) -> Token {
    var bytes = SIMD32<UInt8>()
    withUnsafeBytes(of: UInt64(number).bigEndian) { raw in
        for (index, byte) in raw.enumerated() { bytes[24 + index] = byte }
    }
    bytes[0] = 0xAB
    return Token(bytes: bytes)
}

func sampleReport(_ number: Int, confidence: Int = 80, expiresAt: Date? = nil) throws -> Report {
    Report(
        token: token(number), keyID: try KeyID("tha-2026-11"), kind: .phone, category: .investmentScam,
        confidence: try Confidence(confidence), tlp: .green, expiresAt: expiresAt)
}

func indicator(_ number: Int) throws -> IndicatorID {
    IndicatorID(token: token(number), keyID: try KeyID("tha-2026-11"))
}
