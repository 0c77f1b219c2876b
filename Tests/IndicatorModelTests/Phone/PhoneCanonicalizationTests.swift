import Testing

@testable import IndicatorModel

/// Hand-picked cases. Every accepted input's E.164 is phonenumbers 9.0.43's answer (parse,
/// is_valid_number, format_number E164), checked when the test was written; phonenumbers rejects
/// the rejected ones too, except letters, extensions and `*`, which it converts or drops and we
/// refuse on purpose. The lengths in tooShort/tooLong come from libphonenumber's possible lengths.
struct PhoneCanonicalizationTests {
    @Test(
        "Thai numbers in any common format become E.164",
        arguments: [
            "081 234 5678", "+66 81-234-5678", "001 66 81 234 5678", "66812345678", "tel:+66-81-234-5678",
            "(081) 234-5678", "081.234.5678", "+66 (0) 81 234 5678",
        ])
    func thaiNumbers(raw: String) throws {
        #expect(try canonicalPhoneNumber(raw, defaultRegion: "TH") == "+66812345678")
    }

    @Test(
        "RFC 3966 phone-context supplies the country code or is ignored",
        arguments: [
            ("tel:812345678;phone-context=+66", nil), ("tel:081-234-5678;phone-context=+66", nil),
            ("tel:0812345678;phone-context=example.com", "TH"),
        ] as [(String, String?)])
    func phoneContext(raw: String, region: String?) throws {
        #expect(try canonicalPhoneNumber(raw, defaultRegion: region) == "+66812345678")
    }

    @Test(
        "A malformed or conflicting tel: URI parameter is refused",
        arguments: [
            ("tel:0812345678;phone-context=+", "TH", PhoneNumberError.invalidPhoneContext),
            ("tel:0812345678;phone-context=", "TH", .invalidPhoneContext),
            ("tel:+66812345678;phone-context=+66", nil, .unexpectedCharacter("+")),
            ("tel:+66812345678;isub=12", nil, .extensionNotAllowed),
        ] as [(String, String?, PhoneNumberError)])
    func invalidPhoneContextIsRejected(raw: String, region: String?, error: PhoneNumberError) {
        #expect(throws: error) { try canonicalPhoneNumber(raw, defaultRegion: region) }
    }

    @Test func thaiInternationalPrefixNeedsItsCarrierDigit() {
        // Thailand's IDD is 00[1-9] (001, 007, 008, 009, ...): in 0066812345678 "006" is the
        // prefix and +681 (Wallis and Futuna) the code. phonenumbers agrees: not a valid number.
        #expect(throws: PhoneNumberError.impossibleLength(region: "WF", digits: 7, possible: [6, 9])) {
            try canonicalPhoneNumber("0066812345678", defaultRegion: "TH")
        }
    }

    @Test func internationalNumbersNeedNoRegion() throws {
        #expect(try canonicalPhoneNumber("+66812345678", defaultRegion: nil) == "+66812345678")
        #expect(try canonicalPhoneNumber("++66 81 234 5678", defaultRegion: nil) == "+66812345678")
    }

    @Test func regionIsCaseInsensitive() throws {
        #expect(try canonicalPhoneNumber("081 234 5678", defaultRegion: "th") == "+66812345678")
    }

    @Test func otherScriptsDigitsAndFullWidthFormsAreRead() throws {
        #expect(try canonicalPhoneNumber("＋６６ ８１ ２３４ ５６７８", defaultRegion: nil) == "+66812345678")
        #expect(try canonicalPhoneNumber("٠٨١٢٣٤٥٦٧٨", defaultRegion: "TH") == "+66812345678")
        #expect(try canonicalPhoneNumber("081\u{00A0}234\u{2013}5678", defaultRegion: "TH") == "+66812345678")
    }

    @Test func tooShortNumberSaysWhatLengthIsExpected() {
        // TH mobile numbers have 9 national digits (libphonenumber: mobile possible_length 9).
        #expect(throws: PhoneNumberError.tooShort(region: "TH", digits: 7, expected: 9)) {
            try canonicalPhoneNumber("+66 8123 456", defaultRegion: nil)
        }
        #expect(throws: PhoneNumberError.tooShort(region: "TH", digits: 8, expected: 9)) {
            try canonicalPhoneNumber("081 234 567", defaultRegion: "TH")
        }
    }

    @Test func tooLongNumberSaysWhatLengthIsExpected() {
        #expect(throws: PhoneNumberError.tooLong(region: "TH", digits: 10, expected: 9)) {
            try canonicalPhoneNumber("081 234 56789", defaultRegion: "TH")
        }
    }

    @Test(
        "Argentine mobile numbers lose the 15 carrier code and gain the 9",
        arguments: [
            ("011 15 2345 6789", "+5491123456789"),
            ("0341 15 234 5678", "+5493412345678"),
            ("+54 9 341 234 5678", "+5493412345678"),
        ])
    func argentineMobile(raw: String, e164: String) throws {
        #expect(try canonicalPhoneNumber(raw, defaultRegion: "AR") == e164)
    }

    @Test func italianLandlinesKeepTheirLeadingZero() throws {
        #expect(try canonicalPhoneNumber("02 1234 5678", defaultRegion: "IT") == "+390212345678")
        #expect(try canonicalPhoneNumber("+39 06 6982 1234", defaultRegion: nil) == "+390669821234")
    }

    @Test func nanpaNumbersAreValidatedForTheRegionTheyBelongTo() throws {
        // 613 is Ottawa (CA), 212 New York (US); both share +1 and validate as their own region.
        #expect(try canonicalPhoneNumber("(613) 555-0123", defaultRegion: "US") == "+16135550123")
        #expect(try canonicalPhoneNumber("1 613 555 0123", defaultRegion: "CA") == "+16135550123")
        #expect(try canonicalPhoneNumber("+1 212 555 0123", defaultRegion: "CA") == "+12125550123")
        #expect(try canonicalPhoneNumber("011 66 81 234 5678", defaultRegion: "US") == "+66812345678")
    }

    @Test func nonGeographicNumbersAreAccepted() throws {
        #expect(try canonicalPhoneNumber("+800 1234 5678", defaultRegion: nil) == "+80012345678")
        #expect(try canonicalPhoneNumber("+883 5100 1234 5678", defaultRegion: nil) == "+883510012345678")
    }

    @Test func numberMatchingNoPlanIsNotValid() {
        // +882 12345678 has a possible length but matches no +882 numbering plan.
        #expect(throws: PhoneNumberError.notValid(region: "+882")) {
            try canonicalPhoneNumber("+882 1234 5678", defaultRegion: nil)
        }
    }

    @Test func nationalNumberWithoutRegionAsksForOne() {
        #expect(throws: PhoneNumberError.regionRequired) {
            try canonicalPhoneNumber("081 234 5678", defaultRegion: nil)
        }
    }

    @Test func unknownRegionIsNamed() {
        #expect(throws: PhoneNumberError.unknownRegion("ZZ")) {
            try canonicalPhoneNumber("+66812345678", defaultRegion: "ZZ")
        }
    }

    @Test func unassignedCountryCodeIsRejected() {
        #expect(throws: PhoneNumberError.invalidCountryCode("999")) {
            try canonicalPhoneNumber("+999 123 456 789", defaultRegion: nil)
        }
        #expect(throws: PhoneNumberError.invalidCountryCode("081")) {
            try canonicalPhoneNumber("+081 234 5678", defaultRegion: nil)
        }
    }

    @Test(
        "Far too many digits are too long for the region",
        arguments: [
            (String(repeating: "1", count: 30), "TH", PhoneNumberError.tooLong(region: "TH", digits: 30, expected: 13)),
            ("+66" + String(repeating: "8", count: 28), nil, .tooLong(region: "TH", digits: 28, expected: 13)),
            ("+66" + String(repeating: "8", count: 98), nil, .tooLong(region: "TH", digits: 98, expected: 13)),
        ] as [(String, String?, PhoneNumberError)])
    func farTooManyDigitsAreTooLong(raw: String, region: String?, error: PhoneNumberError) {
        #expect(throws: error) { try canonicalPhoneNumber(raw, defaultRegion: region) }
    }

    @Test(
        "Letters and extensions are refused, not converted or dropped",
        arguments: [
            ("1-800-FLOWERS", "US", PhoneNumberError.lettersNotAllowed),
            ("call 081 234 5678", "TH", .lettersNotAllowed),
            ("081 234 5678 โทร", "TH", .lettersNotAllowed),
            ("081 234 5678 ext 123", "TH", .extensionNotAllowed),
            ("081 234 5678 x123", "TH", .extensionNotAllowed),
            ("tel:+66-81-234-5678;ext=12", nil, .extensionNotAllowed),
        ] as [(String, String?, PhoneNumberError)])
    func lettersAndExtensionsAreRejected(raw: String, region: String?, error: PhoneNumberError) {
        #expect(throws: error) { try canonicalPhoneNumber(raw, defaultRegion: region) }
    }

    @Test(
        "Other characters are named in the error",
        arguments: [
            ("*081 234 5678", PhoneNumberError.unexpectedCharacter("*")),
            ("66+812345678", .unexpectedCharacter("+")),
            ("081😀", .unexpectedCharacter("😀")),
        ])
    func otherCharactersAreNamed(raw: String, error: PhoneNumberError) {
        #expect(throws: error) { try canonicalPhoneNumber(raw, defaultRegion: "TH") }
    }

    @Test(
        "Inputs without a number are refused",
        arguments: [
            ("+", nil, PhoneNumberError.noDigits),
            ("( ) - .", "TH", .noDigits),
            ("+66", nil, .nationalNumberMissing),
            ("0066", "TH", .nationalNumberMissing),
        ] as [(String, String?, PhoneNumberError)])
    func inputsWithoutANumberAreRejected(raw: String, region: String?, error: PhoneNumberError) {
        #expect(throws: error) { try canonicalPhoneNumber(raw, defaultRegion: region) }
    }

    @Test func descriptionsSayWhatToDo() {
        #expect(
            PhoneNumberError.tooShort(region: "TH", digits: 7, expected: 9).description
                .hasPrefix("phone number too short for TH: 7 digits, expected 9"))
        #expect(PhoneNumberError.regionRequired.description.contains("--region TH"))
        #expect(PhoneNumberError.extensionNotAllowed.description.contains("not part of a phone indicator"))
    }
}
