import Testing

@testable import IndicatorModel

struct CanonicalizeTests {
    @Test(
        "Surrounding whitespace of any common kind is ignored",
        arguments: [
            " example.com", "example.com\t", "\u{00A0}example.com\u{3000}", "\u{FEFF}example.com",
            "\n example.com \r\n",
            "\u{2003}example.com\u{200B}",
        ])
    func surroundingWhitespaceIsIgnored(raw: String) throws {
        #expect(try canonicalize(raw, as: .domain) == CanonicalValue(kind: .domain, value: "example.com"))
    }

    @Test func whitespaceOnlyIsEmpty() {
        #expect(throws: CanonicalizationError.empty) { try canonicalize(" \u{00A0}\t", as: .phone) }
    }

    @Test func overlongInputIsRefusedBeforeParsing() {
        #expect(throws: CanonicalizationError.tooLong(kind: .email, bytes: 1_025, limit: 1_024)) {
            try canonicalize(String(repeating: "a", count: 1_025), as: .email)
        }
        #expect(throws: CanonicalizationError.tooLong(kind: .url, bytes: 16_385, limit: 16_384)) {
            try canonicalize("http://a.example/" + String(repeating: "a", count: 16_368), as: .url)
        }
    }

    @Test func onlyURLsMayCarryBytesThatAreNotUTF8() throws {
        #expect(throws: CanonicalizationError.notUTF8) { try canonicalize(utf8: [0x61, 0xFF], as: .domain) }
        #expect(
            try canonicalize(utf8: Array("http://a.example/".utf8) + [0xFF], as: .url).value == "http://a.example/%FF")
    }

    @Test func kindErrorsCarryTheKindsOwnError() {
        #expect(throws: CanonicalizationError.phone(.regionRequired)) { try canonicalize("081 234 5678", as: .phone) }
        #expect(
            performing: { try canonicalize("1.2.3", as: .ip) },
            throws: { error in
                guard case CanonicalizationError.ip = error else { return false }
                return "\(error)".contains("IPv4")
            })
    }

    @Test func phoneRegionsAreThoseOfLibphonenumber() {
        #expect(isSupportedPhoneRegion("TH") && isSupportedPhoneRegion("th") && isSupportedPhoneRegion("US"))
        #expect(!isSupportedPhoneRegion("ZZ") && !isSupportedPhoneRegion("") && !isSupportedPhoneRegion("THA"))
    }
}
