import Testing

@testable import IndicatorModel

/// Vectors computed by tools/generate-token-vectors.py with Python's own hmac module.
private struct TokenVectors: Decodable {
    struct Vector: Decodable, CustomTestStringConvertible {
        let key_name: String
        let key: String
        let kind: String
        let canonical: String
        let token: String
        var testDescription: String { "\(kind) \(canonical) under \(key_name)" }
    }
    let vectors: [Vector]

    static func load() throws -> [Vector] {
        try VectorFile("Token/token-vectors.json").decode(TokenVectors.self).vectors
    }
}

struct TokenDerivationTests {
    @Test("Tokens match an independent HMAC-SHA256 implementation", arguments: try TokenVectors.load())
    fileprivate func matchesPythonHMAC(vector: TokenVectors.Vector) throws {
        let key = try CommunityKey(hex: vector.key)
        let kind = try #require(IndicatorKind(rawValue: vector.kind))
        let token = Token(for: CanonicalValue(kind: kind, value: vector.canonical), using: key)
        #expect(token.hex == vector.token)
    }

    @Test func vectorsCoverEveryKind() throws {
        let kinds = Set(try TokenVectors.load().map(\.kind))
        #expect(kinds == Set(IndicatorKind.allCases.map(\.rawValue)))
    }

    @Test func sameValueUnderAnotherKeyGivesAnotherToken() throws {
        let value = CanonicalValue(kind: .phone, value: "+66812345678")
        let first = Token(for: value, using: try CommunityKey(hex: String(repeating: "00", count: 32)))
        let second = Token(for: value, using: try CommunityKey(hex: String(repeating: "01", count: 32)))
        #expect(first != second)
    }

    @Test func keyedStateIsNotConsumedByDerivingAToken() throws {
        let key = CommunityKey.generate()
        let value = CanonicalValue(kind: .domain, value: "example.com")
        #expect(Token(for: value, using: key) == Token(for: value, using: key))
    }
}

struct CommunityKeyTests {
    @Test func keyFileTextMayCarryWhitespaceAndUppercase() throws {
        let hex = String(repeating: "aB", count: 32)
        let key = try CommunityKey(hex: "  \(hex)\n")
        #expect(key.hexEncoded == String(repeating: "ab", count: 32))
    }

    @Test func shortKeySaysHowLongItMustBe() {
        #expect(throws: CommunityKeyError.wrongHexLength(characters: 62)) {
            try CommunityKey(hex: String(repeating: "a", count: 62))
        }
    }

    @Test func nonHexKeyIsRefused() {
        #expect(throws: CommunityKeyError.notHex) {
            try CommunityKey(hex: String(repeating: "g", count: 64))
        }
    }

    @Test func keyNeverShowsInItsDescription() {
        let key = CommunityKey.generate()
        #expect("\(key)" == "<redacted>")
        #expect(Mirror(reflecting: key).children.isEmpty)
    }

    @Test func generatedKeysDiffer() {
        #expect(CommunityKey.generate().hexEncoded != CommunityKey.generate().hexEncoded)
    }
}

struct TokenTextTests {
    @Test func tokenTextMustBeLowercaseHex() {
        #expect(throws: TokenError.notLowercaseHex) { try Token(hex: String(repeating: "A", count: 64)) }
        #expect(throws: TokenError.wrongLength(characters: 6)) { try Token(hex: "abc123") }
    }

    @Test(
        "Values sent in place of their token are named for what they look like",
        arguments: [
            ("+66 81 234 5678", PlaintextGuess.number), ("0812345678", .number), ("victim@example.com", .email),
            ("http://scam.example/login", .url), ("www.scam.example", .url), ("GB82WEST12345698765432", .iban),
            ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", .wallet), ("scam-shop.example", .domain),
        ])
    func plaintextIsRecognised(text: String, guess: PlaintextGuess) {
        #expect(throws: TokenError.looksLikePlaintext(guess)) { try Token(hex: text) }
    }

    @Test func tokenNamesItselfByItsFirstEightCharacters() throws {
        let token = try Token(hex: "de837c2906af947a86af37695b0ce84b54164153457f1589ef7c32b6c513a0b0")
        #expect("\(token)" == "de837c29…")
    }
}
