import Testing

@testable import IndicatorModel

/// The regex engine on its own; expected results are those of Python's `re` (fullmatch for the
/// automaton, match for the prefix matcher), which libphonenumber's data is written for.
struct PhonePatternTests {
    static func automaton(_ pattern: String) throws -> DigitAutomaton {
        DigitAutomaton(try PhonePattern(parsing: pattern))
    }

    static func matcher(_ pattern: String) throws -> PrefixMatcher {
        PrefixMatcher(try PhonePattern(parsing: pattern))
    }

    @Test(
        "Full matches agree with re.fullmatch",
        arguments: [
            ("\\d{3}", "123", true), ("\\d{3}", "12", false), ("\\d{3}", "1234", false),
            ("[2-57]\\d{2}", "712", true), ("[2-57]\\d{2}", "612", false),
            ("(?:001800|[2-57]|[689]\\d)\\d{7}|1\\d{7,9}", "812345678", true),
            ("(?:001800|[2-57]|[689]\\d)\\d{7}|1\\d{7,9}", "12345678", true),
            ("(?:001800|[2-57]|[689]\\d)\\d{7}|1\\d{7,9}", "1234567", false),
            ("(?:001800|[2-57]|[689]\\d)\\d{7}|1\\d{7,9}", "0018001234567", true),
            ("1\\d{7,9}", "12345678901", false), ("9?8", "8", true), ("9?8", "98", true), ("9?8", "998", false),
            ("(?:12)+3", "12123", true), ("(?:12)+3", "3", false), ("(?:12)*3", "3", true),
            ("0(?:1|23)?4", "0234", true),
        ])
    func fullMatch(pattern: String, input: String, expected: Bool) throws {
        #expect(try Self.automaton(pattern).matches(DigitString(input)) == expected)
    }

    @Test func prefixQuestionsOfTheAutomaton() throws {
        let leadingDigits = try Self.automaton("8(?:0[0-2]|3)")
        #expect(leadingDigits.matchesPrefix(of: DigitString("83999")))
        #expect(leadingDigits.matchesPrefix(of: DigitString("801")))
        #expect(!leadingDigits.matchesPrefix(of: DigitString("804")))
        #expect(!leadingDigits.matchesPrefix(of: DigitString("8")))
        let mobile = try Self.automaton("[89]\\d{8}")
        #expect(mobile.canExtend(DigitString("8123456")))
        #expect(!mobile.canExtend(DigitString("7123456")))
        #expect(mobile.matches(DigitString("8123456789"), count: 9))
    }

    @Test(
        "Prefix matches end where re.match ends",
        arguments: [
            ("00[1-9]", "0012345", 3), ("00|99(?:[01469]|5(?:[14]1))", "995112", 5), ("0|1", "123", 1),
            ("011", "01", -1), ("(?:0|1(?:1[0-69]))0", "11000", 4), ("0?", "812", 0), ("0?", "0812", 1),
            ("\\d{2,4}", "123456", 4), ("(?:1|12)3", "123", 3),
        ])
    func prefixMatch(pattern: String, input: String, end: Int) throws {
        #expect(try Self.matcher(pattern).lookingAt(DigitString(input))?.end ?? -1 == end)
    }

    @Test func capturesFollowLeftmostFirstOrder() throws {
        // Python: re.match(r'0?(?:(11|2)15)?', '01115') → end 5, group(1) '11'.
        let argentina = try Self.matcher("0?(?:(11|2)15)?")
        let match = try #require(argentina.lookingAt(DigitString("011152345")))
        #expect(match.end == 5)
        #expect(match.group(1) == 1..<3)
        #expect(argentina.lookingAt(DigitString("0341"))?.group(1) == nil)
        // Python: re.match(r'([267]\d{6})$|1', ...) needs the end of input for the first branch.
        let anchored = try Self.matcher("([267]\\d{6})$|1")
        #expect(anchored.lookingAt(DigitString("2345678"))?.group(1) == 0..<7)
        #expect(anchored.lookingAt(DigitString("23456789")) == nil)
        #expect(anchored.lookingAt(DigitString("123"))?.end == 1)
    }

    @Test(
        "Patterns outside the subset are refused",
        arguments: [
            "a", "\\w", "[^0]", "(?=1)", "1{2,}", "1*?", "(1", "1)", "[]", "(?:)*", "[5-2]",
        ])
    func unsupportedSyntax(pattern: String) {
        #expect(throws: PhonePatternSyntaxError.self) { try PhonePattern(parsing: pattern) }
    }

    @Test func patternTreeKeepsGroupsAndCounts() throws {
        #expect(try PhonePattern(parsing: "(1)(?:2)(3)").captureCount == 2)
        #expect(
            try PhonePattern(parsing: "1[2-4]") == .sequence([.digits(.single(1)), .digits(DigitSet(mask: 0b11100))]))
    }

    @Test func everyRegionsMetadataCompiles() {
        let table = PhoneMetadataTable.shared
        #expect(table.regions.count == 245 + 9)
        #expect(table.regionsByCountryCode[1].count > 20)
        #expect(table.regions[table.regionsByCountryCode[1][0]].regionCode == "US")
        for countryCode in table.regionsByCountryCode.indices where !table.regionsByCountryCode[countryCode].isEmpty {
            let country = PhoneCountry.at(countryCode)
            #expect(country.regions.allSatisfy { $0.countryCode == countryCode && !$0.general.lengths.isEmpty })
        }
        #expect(PhoneCountry.region(forCode: "ca")?.regionCode == "CA")
        #expect(PhoneCountry.region(forCode: "XX") == nil)
    }
}
