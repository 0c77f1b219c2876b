import Testing

@testable import IndicatorModel

/// The regex engine against Python's `re` on every pattern of libphonenumber's metadata
/// (tools/generate-phone-vectors.py writes Vectors/Phone/regex.json): `re.match` end and groups
/// for prefixes, `re.fullmatch` for validation patterns.
struct PhonePatternVectorTests {
    struct PatternCase: Decodable {
        struct Result: Decodable {
            let input: String
            let end: Int
            let groups: [[Int]?]
        }

        let pattern: String
        let kind: String
        let results: [Result]?
        let matching: [String]?
        let notMatching: [String]?
    }

    @Test func engineAgreesWithPythonOnEveryMetadataPattern() throws {
        let cases = try VectorFile("Phone/regex.json").decode([PatternCase].self)
        #expect(cases.count > 1_500)
        var failures: [String] = []
        var checked = 0
        for vector in cases {
            let pattern = try PhonePattern(parsing: vector.pattern)
            if vector.kind == "match" {
                let matcher = PrefixMatcher(pattern)
                for result in vector.results ?? [] {
                    checked += 1
                    let match = matcher.lookingAt(DigitString(result.input))
                    let groups = (0..<matcher.captureCount).map { offset in
                        match?.group(offset + 1).map { [$0.lowerBound, $0.upperBound] }
                    }
                    if (match?.end ?? -1) != result.end || (match != nil && groups != result.groups) {
                        failures.append(
                            "match \(vector.pattern) on \(result.input): \(match?.end ?? -1), expected \(result.end)")
                    }
                }
            } else {
                let automaton = DigitAutomaton(pattern)
                for input in vector.matching ?? [] where !automaton.matches(DigitString(input)) {
                    failures.append("fullmatch \(vector.pattern) should match \(input)")
                }
                for input in vector.notMatching ?? [] where automaton.matches(DigitString(input)) {
                    failures.append("fullmatch \(vector.pattern) should not match \(input)")
                }
                checked += (vector.matching?.count ?? 0) + (vector.notMatching?.count ?? 0)
            }
        }
        #expect(checked > 40_000)
        #expect(failures.isEmpty, "\(failures.count) failed:\n\(failures.prefix(20).joined(separator: "\n"))")
    }
}
