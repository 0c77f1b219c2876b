import Testing

@testable import IndicatorModel

struct IBANTests {
    // The examples published in the SWIFT IBAN registry and on Wikipedia's IBAN article.
    @Test(
        "Published example IBANs in every accepted spelling",
        arguments: [
            ("GB82 WEST 1234 5698 7654 32", "iban:GB82WEST12345698765432"),
            ("iban:GB82WEST12345698765432", "iban:GB82WEST12345698765432"),
            ("IBAN GB82 WEST 1234 5698 7654 32", "iban:GB82WEST12345698765432"),
            ("IBAN: gb82-west-1234-5698-7654-32", "iban:GB82WEST12345698765432"),
            ("DE89 3704 0044 0532 0130 00", "iban:DE89370400440532013000"),
            ("Iban:de89370400440532013000", "iban:DE89370400440532013000"),
            ("DE89\u{00A0}3704\u{202F}0044\u{2009}0532 0130 00", "iban:DE89370400440532013000"),
        ])
    func publishedExamples(raw: String, expected: String) throws {
        #expect(try canonicalBankAccount(raw) == expected)
    }

    @Test func mistypedCharacterFailsTheChecksum() {
        #expect(throws: BankAccountError.checksum) { try canonicalBankAccount("GB82 WEST 1234 5698 7654 33") }
    }

    @Test func checkDigitAliasesThatPassMod97AreRejected() throws {
        // Valid IBANs from schwifty's IBAN.generate with check digits 98 and 02; 98 - 97 = 01 and
        // 02 + 97 = 99 also give mod 97 = 1, but ISO 13616 check digits are 02...98 only.
        #expect(try canonicalBankAccount("GB98 WEST 1234 5698 7654 35") == "iban:GB98WEST12345698765435")
        #expect(try canonicalBankAccount("DE02 3704 0044 0532 0130 14") == "iban:DE02370400440532013014")
        #expect(throws: BankAccountError.checksum) { try canonicalBankAccount("GB01 WEST 1234 5698 7654 35") }
        #expect(throws: BankAccountError.checksum) { try canonicalBankAccount("DE99 3704 0044 0532 0130 14") }
    }

    @Test func countryWithoutIBANPointsToTheDomesticForm() {
        #expect(throws: BankAccountError.notAnIBANCountry("US")) {
            try canonicalBankAccount("iban:US12 3456 7890 1234")
        }
        #expect(throws: BankAccountError.notAnIBANCountry("TH")) { try canonicalBankAccount("TH12 3456 7890") }
        #expect(
            BankAccountError.notAnIBANCountry("US").description
                == "US does not use IBAN; use the domestic form US:bankcode:account")
    }

    @Test func unknownCountryIsNamed() {
        #expect(throws: BankAccountError.unknownCountry("ZZ")) { try canonicalBankAccount("iban:ZZ12345678") }
    }

    @Test func wrongLengthSaysWhatIsExpected() {
        #expect(throws: BankAccountError.wrongLength(country: "GB", length: 21, expected: 22)) {
            try canonicalBankAccount("GB82 WEST 1234 5698 7654 3")
        }
    }

    @Test func structureErrorNamesThePosition() {
        #expect(throws: BankAccountError.bbanStructure(country: "GB", position: 5, expected: .letter)) {
            try canonicalBankAccount("iban:GB82 1EST 1234 5698 7654 32")
        }
        #expect(
            BankAccountError.bbanStructure(country: "DE", position: 5, expected: .digit).description
                == "IBAN position 5: expected a digit for a DE IBAN; check that character")
    }

    @Test(
        "Malformed IBANs and unrecognised values are refused with the reason",
        arguments: [
            ("iban:GBX2WEST12345698765432", BankAccountError.checkDigitsNotNumeric),
            ("iban:1234", .missingCountryCode),
            ("iban:GB82_WEST12345698765432", .disallowedCharacter("_")),
            ("iban:GB82é", .disallowedCharacter("é")),
            ("1234567890", .unrecognizedForm),
            ("ZZ12 3456", .unrecognizedForm),
            ("some_account", .unrecognizedForm),
            ("GB82_WEST", .disallowedCharacter("_")),
        ])
    func refusesMalformed(raw: String, error: BankAccountError) {
        #expect(throws: error) { try canonicalBankAccount(raw) }
    }
}

struct DomesticAccountTests {
    @Test(
        "Separators go, letters are uppercased",
        arguments: [
            ("TH:004:123-4-56789-0", "TH:004:1234567890"),
            ("th : 004 : 123 4 56789 0", "TH:004:1234567890"),
            ("US:021000021:1234.5678/90", "US:021000021:1234567890"),
            ("gb:bukb:ab12", "GB:BUKB:AB12"),
            ("DE:37040044:0532013000", "DE:37040044:0532013000"),
            ("XK:1212:0123456789", "XK:1212:0123456789"),
        ])
    func canonicalForms(raw: String, expected: String) throws {
        #expect(try canonicalBankAccount(raw) == expected)
    }

    @Test(
        "Malformed domestic accounts are refused with the reason",
        arguments: [
            ("ZZ:004:123", BankAccountError.unknownCountry("ZZ")),
            ("THA:004:123", .unrecognizedForm),
            ("TH:1234567890", .badDomesticForm(parts: 2)),
            ("TH:004:12:34", .badDomesticForm(parts: 4)),
            ("TH: - :123", .missingBankCode(country: "TH")),
            ("TH:004:", .missingAccountNumber(country: "TH")),
            ("TH:123456789012:1", .bankCodeTooLong(length: 12, limit: 11)),
            ("TH:004:" + String(repeating: "1", count: 35), .accountNumberTooLong(length: 35, limit: 34)),
            ("TH:004:12#3", .disallowedCharacter("#")),
        ])
    func refusesMalformed(raw: String, error: BankAccountError) {
        #expect(throws: error) { try canonicalBankAccount(raw) }
    }
}
