import Testing

@testable import IndicatorModel

struct CanonicalEmailTests {
    @Test(
        "Addresses are lowercased and their domain IDNA-encoded",
        arguments: [
            ("User@Bücher.Example", "user@xn--bcher-kva.example"),
            ("John.Doe+Promo@Example.COM", "john.doe+promo@example.com"),
            ("ÜSER@example.com", "üser@example.com"),
            ("u\u{308}ser@example.com", "üser@example.com"),
            ("a..b.@docomo.ne.jp", "a..b.@docomo.ne.jp"),
            ("ΣΟΦΊΑ@example.gr", "σοφία@example.gr"),
            ("admin@localhost", "admin@localhost"),
        ])
    func canonicalForm(raw: String, expected: String) throws {
        #expect(try canonicalEmail(raw) == expected)
    }

    @Test(
        "Malformed addresses are refused with the reason",
        arguments: [
            ("a@b@example.com", EmailAddressError.multipleAtSigns(count: 2)),
            ("@example.com", .emptyLocalPart),
            ("user.example.com", .missingAtSign),
            ("Jane Doe <jane@example.com>", .angleBrackets),
            ("mailto:jane@example.com", .mailtoLink),
            ("MAILTO:jane@example.com", .mailtoLink),
            ("\"jane doe\"@example.com", .quotedLocalPart),
            ("jane doe@example.com", .disallowedCharacter(" ")),
            ("jane\tdoe@example.com", .disallowedCharacter("\t")),
            ("jane,doe@example.com", .disallowedCharacter(",")),
            (String(repeating: "a", count: 65) + "@example.com", .localPartTooLong(octets: 65)),
            ("jane@", .domain(.emptyLabel)),
            ("jane@exa mple.com", .domain(.disallowedCharacter(" "))),
            ("jane@example.com:25", .domain(.hasPort)),
            ("jane@-example.com", .domain(.hyphenAtLabelEdge)),
        ])
    func refusesMalformed(raw: String, error: EmailAddressError) {
        #expect(throws: error) { try canonicalEmail(raw) }
    }

    @Test func sixtyFourOctetLocalPartIsAccepted() throws {
        let local = String(repeating: "a", count: 64)
        #expect(try canonicalEmail(local + "@example.com") == local + "@example.com")
    }

    @Test func domainErrorsExplainThePartAfterTheAtSign() {
        #expect(EmailAddressError.domain(.emptyLabel).description.hasPrefix("after @: "))
        #expect(EmailAddressError.angleBrackets.description.contains("pass only the address"))
    }
}
