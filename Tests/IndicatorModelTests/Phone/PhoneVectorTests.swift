import Foundation
import Testing

@testable import IndicatorModel

/// libphonenumber's example numbers, written in many forms and judged by phonenumbers 9.0.43
/// (tools/generate-phone-vectors.py): we must accept exactly what it calls valid, with its E.164.
struct PhoneVectorTests {
    struct ValidCase: Decodable {
        let input: String
        let region: String?
        let e164: String
        let source: String
    }

    struct InvalidCase: Decodable {
        let input: String
        let region: String?
        let verdict: String
        let source: String
    }

    static func load<Case: Decodable>(_ name: String, as type: [Case].Type) throws -> [Case] {
        let url = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../Vectors/Phone/\(name).json")
        return try JSONDecoder().decode(type, from: Data(contentsOf: url))
    }

    @Test func validNumbersBecomeTheirE164Form() throws {
        let cases = try Self.load("valid", as: [ValidCase].self)
        #expect(cases.count > 10_000)
        var failures: [String] = []
        for vector in cases {
            do {
                let canonical = try canonicalPhoneNumber(vector.input, defaultRegion: vector.region)
                if canonical != vector.e164 {
                    failures.append("\(vector.source): \(vector.input) → \(canonical), expected \(vector.e164)")
                }
            } catch {
                failures.append("\(vector.source): \(vector.input) → \(error), expected \(vector.e164)")
            }
        }
        #expect(
            failures.isEmpty,
            "\(failures.count) of \(cases.count) failed:\n\(failures.prefix(30).joined(separator: "\n"))")
    }

    @Test func invalidNumbersAreRejected() throws {
        let cases = try Self.load("invalid", as: [InvalidCase].self)
        #expect(cases.count > 2_000)
        var failures: [String] = []
        for vector in cases {
            if let canonical = try? canonicalPhoneNumber(vector.input, defaultRegion: vector.region) {
                failures.append("\(vector.source): \(vector.input) → \(canonical), phonenumbers says \(vector.verdict)")
            }
        }
        #expect(
            failures.isEmpty,
            "\(failures.count) of \(cases.count) failed:\n\(failures.prefix(30).joined(separator: "\n"))")
    }
}
