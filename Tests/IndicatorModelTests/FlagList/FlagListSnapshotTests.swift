import Testing

@testable import IndicatorModel

struct FlagListSnapshotTests {
    @Test func encodingMatchesThePythonBytesWhateverTheInputOrder() throws {
        var generator = SeededGenerator(state: 7)
        let vectors = try FlagListVectors.load().snapshots
        #expect(vectors.map(\.name) == ["empty", "three", "conflict"])
        for vector in vectors {
            for entries in [vector.entries, vector.entries.reversed(), vector.entries.shuffled(using: &generator)] {
                let bytes = try FlagListSnapshotWriter.encode(
                    cursor: vector.cursor, policyVersion: vector.policyVersion, entries: entries)
                #expect(hexString(bytes) == vector.hex, "\(vector.name)")
            }
        }
    }

    @Test(arguments: [1, 50, 100, 64 * 1024])
    func streamingInChunksGivesTheSameBytes(chunkSize: Int) throws {
        for vector in try FlagListVectors.load().snapshots {
            var writer = try FlagListSnapshotWriter(
                cursor: vector.cursor, policyVersion: vector.policyVersion,
                keyIDs: vector.entries.map(\.keyID).reversed(), entryCount: vector.entries.count,
                chunkSize: chunkSize)
            var chunks: [[UInt8]] = []
            for entry in vector.entries {
                if let chunk = try writer.append(entry) { chunks.append(chunk) }
            }
            let last = try writer.finish()
            #expect(chunks.allSatisfy { $0.count >= chunkSize }, "\(vector.name)")
            #expect(hexString((chunks + [last]).joined()) == vector.hex, "\(vector.name)")
            #expect(writer.digest.hex == vector.digest, "\(vector.name)")
        }
    }

    @Test func decodingGivesBackWhatThePythonEncoded() throws {
        for vector in try FlagListVectors.load().snapshots {
            let contents = try FlagListSnapshotReader.decode(vector.bytes)
            #expect(contents.cursor == vector.cursor, "\(vector.name)")
            #expect(contents.policyVersion == vector.policyVersion, "\(vector.name)")
            #expect(contents.entries == vector.entries, "\(vector.name)")
            #expect(contents.digest.hex == vector.digest, "\(vector.name)")
        }
    }

    @Test func everyCorruptionIsReportedAsTheGeneratorSays() throws {
        let corruptions = try FlagListVectors.load().corruptions
        #expect(corruptions.count == 23)
        for corruption in corruptions {
            let expected = try corruption.error.formatError()
            #expect(throws: expected, "\(corruption.name)") { try FlagListSnapshotReader.decode(corruption.bytes) }
        }
    }

    @Test func errorDescriptionsNeverEchoATokenOrDigestInFull() throws {
        let vectors = try FlagListVectors.load()
        let secrets = vectors.snapshots.flatMap { $0.entries.map(\.token.hex) + [$0.digest] }
        for corruption in vectors.corruptions {
            let error = try corruption.error.formatError()
            #expect(error.description.count > 40)
            #expect(secrets.allSatisfy { !error.description.contains($0) }, "\(corruption.name)")
        }
    }

    @Test func writerRejectsEntriesOutOfOrderOrTwice() throws {
        let entries = try threeEntries()
        var writer = try makeWriter(for: entries)
        _ = try writer.append(entries[1])
        #expect(throws: FlagListFormatError.entriesOutOfOrder(entry: 1)) { try writer.append(entries[0]) }
        #expect(throws: FlagListFormatError.duplicateEntry(entry: 1)) { try writer.append(entries[1]) }
    }

    @Test func writerRejectsAKeyIDItWasNotGiven() throws {
        let entries = try threeEntries()
        var writer = try FlagListSnapshotWriter(
            cursor: 0, policyVersion: policyVersion, keyIDs: [entries[0].keyID], entryCount: 3)
        let stranger = try #require(entries.first { $0.keyID != entries[0].keyID })
        #expect(throws: FlagListFormatError.keyIDNotInTable(stranger.keyID, entry: 0)) { try writer.append(stranger) }
    }

    @Test func writerCountsTheEntriesItWasPromised() throws {
        let entries = try threeEntries()
        var short = try makeWriter(for: entries)
        _ = try short.append(entries[0])
        #expect(throws: FlagListFormatError.entryCountMismatch(declared: 3, appended: 1)) { try short.finish() }

        var long = try makeWriter(for: Array(entries.prefix(2)))
        _ = try long.append(entries[0])
        _ = try long.append(entries[1])
        #expect(throws: FlagListFormatError.entryCountMismatch(declared: 2, appended: 3)) {
            try long.append(entries[2])
        }
    }

    @Test(arguments: [
        "", "sha256:", "SHA256:" + String(repeating: "a", count: 64), "sha256:" + String(repeating: "A", count: 64),
        "sha256:" + String(repeating: "a", count: 63), String(repeating: "a", count: 64),
    ])
    func writerRejectsAPolicyVersionThatIsNotASHA256(text: String) {
        #expect(throws: FlagListFormatError.invalidPolicyVersion) {
            try FlagListSnapshotWriter(cursor: 0, policyVersion: text, keyIDs: [], entryCount: 0)
        }
    }

    @Test func writerRejectsMoreKeyIDsThanTheTableCanIndex() throws {
        let keyIDs = try (0...65_535).map { try KeyID("k\($0)") }
        #expect(throws: FlagListFormatError.tooManyKeyIDs(count: 65_536)) {
            try FlagListSnapshotWriter(cursor: 0, policyVersion: policyVersion, keyIDs: keyIDs, entryCount: 0)
        }
        let bytes = try FlagListSnapshotWriter.encode(cursor: 0, policyVersion: policyVersion, entries: [])
        #expect(FlagListSnapshotWriter.mediaType == "application/vnd.scamhub.flaglist.v1")
        #expect(bytes.count == 90)
    }

    @Test func encodingNamesTheRepeatedEntry() throws {
        let entries = try threeEntries()
        var repeated = entries[2]
        repeated.category = .other  // the same key with other details is still the same entry
        #expect(throws: FlagListFormatError.duplicateEntry(entry: 3)) {
            try FlagListSnapshotWriter.encode(cursor: 0, policyVersion: policyVersion, entries: entries + [repeated])
        }
    }

    @Test func aHundredThousandEntriesRoundTrip() throws {
        var generator = SeededGenerator(state: 2026)
        let keyIDs = try ["tha-2026-05", "tha-2026-11", "mys-2026-11"].map { try KeyID($0) }
        let entries = (0..<100_000).map { _ in
            FlagListEntry(
                token: randomToken(using: &generator),
                keyID: keyIDs.randomElement(using: &generator) ?? keyIDs[0],
                kind: IndicatorKind.allCases.randomElement(using: &generator) ?? .phone,
                listing: Bool.random(using: &generator) ? .flag : .allow,
                category: Category.allCases.randomElement(using: &generator),
                confidenceBand: Bool.random(using: &generator) ? nil : .medium)
        }
        let bytes = try FlagListSnapshotWriter.encode(cursor: 99, policyVersion: policyVersion, entries: entries)
        #expect(bytes.count == 50 + 3 * 12 + 8 + 100_000 * 38 + 32)
        let contents = try FlagListSnapshotReader.decode(bytes)
        #expect(contents.cursor == 99 && contents.policyVersion == policyVersion)
        #expect(contents.entries.count == entries.count)
        #expect(Set(contents.entries) == Set(entries))
        #expect(contents.digest == FlagListDigest(entries.map(\.key)))
        #expect(zip(contents.entries, contents.entries.dropFirst()).allSatisfy { isInSnapshotOrder($0, $1) })
    }

    private func threeEntries() throws -> [FlagListEntry] {
        try #require(FlagListVectors.load().snapshots.first { $0.name == "three" }).entries
    }

    private func makeWriter(for entries: [FlagListEntry]) throws -> FlagListSnapshotWriter {
        try FlagListSnapshotWriter(
            cursor: 0, policyVersion: policyVersion, keyIDs: entries.map(\.keyID), entryCount: entries.count)
    }
}

private func randomToken(using generator: inout SeededGenerator) -> Token {
    let words = (generator.next(), generator.next(), generator.next(), generator.next())
    return Token(bytes: withUnsafeBytes(of: words) { $0.loadUnaligned(as: SIMD32<UInt8>.self) })
}

private let policyVersion = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

/// Whether two entries are in snapshot order: token bytes, key id, then `flag` before `allow`.
private func isInSnapshotOrder(_ first: FlagListEntry, _ second: FlagListEntry) -> Bool {
    let listRank: [Listing: Int] = [.flag: 0, .allow: 1]
    let (firstToken, secondToken) = (UInt256(first.token), UInt256(second.token))
    guard firstToken == secondToken else { return firstToken < secondToken }
    return (first.keyID.rawValue, listRank[first.listing] ?? 0) < (second.keyID.rawValue, listRank[second.listing] ?? 0)
}
