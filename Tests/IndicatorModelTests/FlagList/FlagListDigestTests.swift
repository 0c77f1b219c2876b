import Testing

@testable import IndicatorModel

struct FlagListDigestTests {
    @Test func snapshotCodesArePositionsInAllCasesAsTheGeneratorLists() throws {
        let codes = try FlagListVectors.load().codes
        #expect(IndicatorKind.allCases.map(\.rawValue) == codes.kind)
        #expect(Listing.allCases.map(\.rawValue) == codes.list)
        #expect(Category.allCases.map(\.rawValue) == codes.category)
        #expect(Confidence.Band.allCases.map(\.rawValue) == codes.confidenceBand)
        #expect(IndicatorKind.allCases.map(\.snapshotCode) == Array(0..<UInt8(codes.kind.count)))
        #expect(Category.allCases.map(\.snapshotCode) == Array(0..<UInt8(codes.category.count)))
        #expect(Confidence.Band.allCases.map(\.snapshotCode) == [0, 1, 2])
        #expect(Listing.flag.snapshotCode == 0 && Listing.allow.snapshotCode == 1)
    }

    @Test func entryHashesMatchThePythonImplementation() throws {
        let vectors = try FlagListVectors.load().entryHashes
        #expect(vectors.count == 11)
        for vector in vectors {
            #expect(hexString(FlagListDigest.entryHash(of: vector.key)) == vector.entryHash, "\(vector.key)")
        }
    }

    @Test func digestsOfKeySetsMatchThePythonImplementation() throws {
        let vectors = try FlagListVectors.load().digests
        #expect(vectors.map(\.name) == ["empty", "one", "three", "conflict", "wraparound"])
        for vector in vectors {
            #expect(FlagListDigest(vector.keys).hex == vector.digest, "\(vector.name)")
            #expect(try FlagListDigest(hex: vector.digest) == FlagListDigest(vector.keys), "\(vector.name)")
        }
    }

    @Test func emptyListHasTheZeroDigest() {
        #expect(FlagListDigest().hex == String(repeating: "0", count: 64))
        #expect(FlagListDigest([]) == FlagListDigest())
    }

    @Test func removingEveryKeyReturnsToZero() throws {
        for vector in try FlagListVectors.load().digests {
            var digest = FlagListDigest(vector.keys)
            for key in vector.keys.reversed() { digest.remove(key) }
            #expect(digest == FlagListDigest(), "\(vector.name)")
        }
    }

    @Test func removalOrderDoesNotMatter() throws {
        let keys = try #require(FlagListVectors.load().digests.first { $0.name == "wraparound" }).keys
        var generator = SeededGenerator(state: 42)
        for _ in 0..<5 {
            var digest = FlagListDigest(keys.shuffled(using: &generator))
            let removed = keys.shuffled(using: &generator)
            for key in removed.prefix(25) { digest.remove(key) }
            #expect(digest == FlagListDigest(removed.dropFirst(25)))
            for key in removed.dropFirst(25).shuffled(using: &generator) { digest.remove(key) }
            #expect(digest == FlagListDigest())
        }
    }

    @Test func removingFromTheEmptyListWrapsAroundAndInsertingUndoesIt() throws {
        let key = try #require(FlagListVectors.load().digests.first { $0.name == "one" }?.keys.first)
        var digest = FlagListDigest()
        digest.remove(key)
        // 2^256 - h: the two's complement of the entry hash, so adding h gives zero.
        let hash = FlagListDigest.entryHash(of: key)
        #expect(digest.hex != hexString(hash) && digest != FlagListDigest())
        digest.insert(key)
        #expect(digest == FlagListDigest())
    }

    @Test func textThatIsNotADigestIsRejected() {
        #expect(throws: FlagListFormatError.digestWrongLength(characters: 63)) {
            try FlagListDigest(hex: String(repeating: "a", count: 63))
        }
        #expect(throws: FlagListFormatError.digestNotLowercaseHex) {
            try FlagListDigest(hex: String(repeating: "A", count: 64))
        }
        #expect(throws: FlagListFormatError.digestNotLowercaseHex) {
            try FlagListDigest(hex: String(repeating: "g", count: 64))
        }
    }

    @Test func digestTextRoundTrips() throws {
        let text = "ff" + String(repeating: "0", count: 60) + "0a"
        #expect(try FlagListDigest(hex: text).hex == text)
        #expect(try FlagListDigest(hex: text).description == text)
    }
}
