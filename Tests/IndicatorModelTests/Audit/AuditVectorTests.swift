import Crypto
import Foundation
import Testing

@testable import IndicatorModel

/// Vectors/Audit/vectors.json, written by tools/generate-audit-vectors.py: an independent Python
/// implementation of docs/audit.md (json, hashlib, pycryptodome's Ed25519).
private struct AuditVectors: Decodable {
    var signingKey: SigningKey
    var entries: [Entry]
    var checkpoints: [Checkpoint]
    var tampered: [Tampered]

    enum CodingKeys: String, CodingKey {
        case entries, checkpoints, tampered
        case signingKey = "signing_key"
    }

    struct SigningKey: Decodable {
        var seed: String
        var publicKey: String
        var keyID: String
        var pem: String

        enum CodingKeys: String, CodingKey {
            case seed, pem
            case publicKey = "public_key"
            case keyID = "key_id"
        }
    }

    struct Entry: Decodable {
        var entry: AuditRecord
        var canonical: String
        var prevHash: String
        var hash: String
        var line: String

        enum CodingKeys: String, CodingKey {
            case entry, canonical, hash, line
            case prevHash = "prev_hash"
        }
    }

    struct Checkpoint: Decodable {
        var size: Int64
        var head: String
        var at: String
        var keyID: String
        var signature: String
        var message: String

        enum CodingKeys: String, CodingKey {
            case size, head, at, signature, message
            case keyID = "key_id"
        }
    }

    struct Tampered: Decodable {
        var name: String
        var lines: [String]
        var checkpoints: [AuditCheckpoint]
        var error: Failure?
    }

    struct Failure: Decodable {
        var kind: String
        var entry: Int64
    }

    static func load() throws -> Self {
        try VectorFile("Audit/vectors.json").decode(Self.self)
    }

    var publicKey: AuditPublicKey {
        get throws { try AuditPublicKey(parsing: signingKey.publicKey) }
    }
}

struct AuditVectorTests {
    @Test("Entries encode canonically (RFC 8785) byte for byte, escapes included")
    func canonicalEncoding() throws {
        for vector in try AuditVectors.load().entries {
            #expect(
                String(decoding: vector.entry.canonicalBytes, as: UTF8.self) == vector.canonical,
                "entry \(vector.entry.seq)")
        }
    }

    @Test("The chain's hashes and export lines match the independent implementation")
    func chainAndExportLines() throws {
        var previous = AuditHash.genesis
        for vector in try AuditVectors.load().entries {
            #expect(previous.hex == vector.prevHash)
            let hash = previous.next(vector.entry)
            #expect(hash.hex == vector.hash, "entry \(vector.entry.seq)")
            let line = vector.entry.exportLine(hash: hash, previous: previous)
            #expect(String(decoding: line, as: UTF8.self) == vector.line, "entry \(vector.entry.seq)")
            let parsed = try AuditExportLine(parsing: Array(vector.line.utf8))
            #expect(parsed.record == vector.entry)
            #expect(parsed.hash == hash && parsed.previous == previous)
            previous = hash
        }
    }

    @Test("Checkpoints sign the documented message; Ed25519 signatures verify and reproduce")
    func checkpoints() throws {
        let vectors = try AuditVectors.load()
        let seed = try #require(Data(base64Encoded: vectors.signingKey.seed))
        let signingKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        let publicKey = try vectors.publicKey
        #expect(AuditPublicKey(signingKey.publicKey) == publicKey)
        #expect(publicKey.keyID == vectors.signingKey.keyID)
        #expect(try AuditPublicKey(parsing: vectors.signingKey.pem) == publicKey)
        #expect(try AuditPublicKey(parsing: publicKey.pem) == publicKey)
        let published = String(decoding: try JSONEncoder().encode(publicKey.published), as: UTF8.self)
        #expect(try AuditPublicKey(parsing: published) == publicKey)
        for vector in vectors.checkpoints {
            let checkpoint = AuditCheckpoint(
                size: vector.size, head: vector.head, at: vector.at, keyID: vector.keyID, signature: vector.signature)
            #expect(String(decoding: checkpoint.signedMessage, as: UTF8.self) == vector.message)
            #expect(checkpoint.isSigned(by: publicKey), "checkpoint \(vector.size)")
            // Ed25519 is deterministic (RFC 8032): signing the same statement gives the same bytes.
            let resigned = try AuditCheckpoint(
                size: vector.size, head: try #require(AuditHash(hex: vector.head)),
                at: try #require(AuditTime(parsing: vector.at)), signingKey: signingKey)
            #expect(resigned == checkpoint)
        }
    }

    @Test("Every tampered export is caught at the entry the independent verifier names")
    func tamperedExports() throws {
        let vectors = try AuditVectors.load()
        let publicKey = try vectors.publicKey
        for tampered in vectors.tampered {
            var verifier = AuditVerifier(publicKey: publicKey, checkpoints: tampered.checkpoints)
            for line in tampered.lines { verifier.consume(line: Array(line.utf8)) }
            switch (verifier.finish(), tampered.error) {
            case (.success, nil): break
            case (.failure(let failure), let expected?):
                #expect(failure.kind.rawValue == expected.kind, "\(tampered.name): \(failure)")
                #expect(failure.entry == expected.entry, "\(tampered.name): \(failure)")
            case (.success, let expected?):
                Issue.record("\(tampered.name): verified, expected \(expected.kind) at entry \(expected.entry)")
            case (.failure(let failure), nil):
                Issue.record("\(tampered.name): expected to verify, got \(failure)")
            }
        }
    }
}

extension AuditVectorTests {
    @Test("A line in another JSON form (members moved) verifies like its canonical form: the full parser re-encodes it")
    func nonCanonicalLinesTakeTheFullPath() throws {
        let vectors = try AuditVectors.load()
        let publicKey = try vectors.publicKey
        let checkpoints = vectors.checkpoints.map {
            AuditCheckpoint(size: $0.size, head: $0.head, at: $0.at, keyID: $0.keyID, signature: $0.signature)
        }
        var verifier = AuditVerifier(publicKey: publicKey, checkpoints: checkpoints)
        for vector in vectors.entries {
            // Moves `"hash":"…"` from its sorted place to the end of the object.
            let member = ",\"hash\":\"\(vector.hash)\""
            var line = vector.line.replacingOccurrences(of: member, with: "")
            line.removeLast()
            line += member + "}"
            #expect(line != vector.line)
            verifier.consume(line: Array(line.utf8))
        }
        let report = try verifier.finish().get()
        #expect(report.lastEntry == 12 && report.checkpointsVerified == 3)
    }
}

struct AuditFormatTests {
    @Test(
        "Times have one spelling: six fractional digits, UTC, real calendar days",
        arguments: [
            (Int64(0), "1970-01-01T00:00:00.000000Z"),
            (951_782_400_000_000, "2000-02-29T00:00:00.000000Z"),
            (1_790_000_000_123_456, "2026-09-21T14:13:20.123456Z"),
            (-1, "1969-12-31T23:59:59.999999Z"),
            (253_402_300_799_999_999, "9999-12-31T23:59:59.999999Z"),
        ])
    func times(microseconds: Int64, text: String) {
        #expect(AuditTime(microseconds: microseconds).description == text)
        #expect(AuditTime(parsing: text)?.microseconds == microseconds)
    }

    @Test(
        "Anything but the one spelling is refused",
        arguments: [
            "2026-11-26T01:57:36Z", "2026-11-26T01:57:36.12345Z", "2026-11-26T01:57:36.123456+00:00",
            "2026-02-29T00:00:00.000000Z", "1900-02-29T00:00:00.000000Z", "2026-13-01T00:00:00.000000Z",
            "2026-11-26T24:00:00.000000Z", "2026-11-26 01:57:36.123456Z",
        ])
    func malformedTimes(text: String) {
        #expect(AuditTime(parsing: text) == nil)
    }

    @Test("A line with numbers at the edge of Int64 is malformed, not a crash")
    func extremeNumbersAreMalformed() throws {
        let vectors = try AuditVectors.load()
        let line = vectors.entries[0].line.replacingOccurrences(
            of: "\"delivered\":\"1-1000\"", with: "\"delivered\":\"1-9223372036854775807,5\"")
        #expect(line != vectors.entries[0].line)
        var verifier = AuditVerifier(publicKey: try vectors.publicKey, checkpoints: [])
        verifier.consume(line: Array(line.utf8))
        guard case .failure(let failure) = verifier.finish() else {
            Issue.record("a line with an overflowing sequence set verified")
            return
        }
        #expect(failure.kind == .malformed && failure.entry == 1)
    }

    @Test func sequenceSetsAreCanonical() throws {
        let set = SequenceSet([12, 5, 6, 7, 8, 9, 40, 41, 6])
        #expect(set.description == "5-9,12,40-41")
        #expect(set.count == 8)
        #expect(SequenceSet(parsing: "5-9,12,40-41") == set)
        #expect([5, 9, 12, 40, 41].allSatisfy(set.contains))
        #expect(![4, 10, 11, 13, 39, 42].contains(where: set.contains))
        #expect(SequenceSet([Int64.max, Int64.max - 1, 1]).description == "1,9223372036854775806-9223372036854775807")
        for text in [
            "", "0", "5-5", "9-5", "1,1", "1,2", "1-3,4", "3,1", "01", "1 - 2", "-1", "1,", "1-9223372036854775807,5",
            "9223372036854775807,1", "99999999999999999999",
        ] {
            #expect(SequenceSet(parsing: text) == nil, "\(text)")
        }
    }
}
