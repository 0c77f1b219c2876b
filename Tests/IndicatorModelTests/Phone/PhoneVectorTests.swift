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

    @Test func validNumbersBecomeTheirE164Form() throws {
        let cases = try VectorFile("Phone/valid.json").decode([ValidCase].self)
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
        let cases = try VectorFile("Phone/invalid.json").decode([InvalidCase].self)
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
