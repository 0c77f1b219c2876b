import Testing

@testable import IndicatorModel

/// IBANs from schwifty (one per IBAN registry country) and schwifty-rejected corruptions of them,
/// written by tools/generate-iban-vectors.py.
struct IBANVectors: Decodable {
    struct Valid: Decodable, Sendable, CustomTestStringConvertible {
        let country: String
        let electronic: String
        let print: String
        var testDescription: String { country }
    }

    struct Invalid: Decodable, Sendable, CustomTestStringConvertible {
        let country: String
        let iban: String
        let corruption: String
        let expectedLength: Int?
        let position: Int?
        let schwifty: String
        var testDescription: String { "\(country) \(corruption)" }
    }

    let valid: [Valid]
    let invalid: [Invalid]

    static let all: IBANVectors = {
        do {
            return try VectorFile("BankAccount/iban-registry-examples.json").decode(IBANVectors.self)
        } catch {
            preconditionFailure("cannot read IBAN vectors: \(error)")
        }
    }()
}

struct IBANRegistryVectorTests {
    @Test func vectorsCoverEveryRegistryCountry() {
        #expect(IBANVectors.all.valid.count == 127)
        #expect(IBANVectors.all.invalid.count == 369)
    }

    @Test(
        "Every registry country's IBAN, in print format, becomes its electronic format",
        arguments: IBANVectors.all.valid)
    func printFormat(vector: IBANVectors.Valid) throws {
        #expect(try canonicalBankAccount("iban:" + vector.print) == "iban:" + vector.electronic)
    }

    @Test("Bare lowercase IBANs of every registry country are recognised", arguments: IBANVectors.all.valid)
    func bareLowercase(vector: IBANVectors.Valid) throws {
        #expect(try canonicalBankAccount(vector.electronic.lowercased()) == "iban:" + vector.electronic)
    }

    @Test("Corruptions schwifty rejects are rejected for the same reason", arguments: IBANVectors.all.invalid)
    func corruption(vector: IBANVectors.Invalid) throws {
        let expected: BankAccountError
        switch (vector.corruption, vector.schwifty) {
        case ("checkDigit", "InvalidChecksumDigits"):
            expected = .checksum
        case ("length", "InvalidLength"):
            let length = try #require(vector.expectedLength)
            expected = .wrongLength(country: vector.country, length: length - 1, expected: length)
        case ("structure", "InvalidStructure"):
            expected = .bbanStructure(
                country: vector.country, position: try #require(vector.position), expected: .digit)
        default:
            Issue.record("unexpected vector \(vector.corruption) / \(vector.schwifty)")
            return
        }
        #expect(throws: expected) { try canonicalBankAccount("iban:" + vector.iban) }
    }
}
