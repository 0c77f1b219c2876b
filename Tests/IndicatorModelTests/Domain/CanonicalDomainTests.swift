import Testing

@testable import IndicatorModel

struct CanonicalDomainTests {
    // Expected A-labels as computed by the idna 3.20 Python package (see tools/generate-idna-vectors.py),
    // the first two also in UTS #46 and RFC 3492 examples.
    @Test(
        "Unicode and mixed-case names become lowercase A-labels",
        arguments: [
            ("Bücher.example", "xn--bcher-kva.example"),
            ("faß.de", "xn--fa-hia.de"),
            ("EXAMPLE.COM.", "example.com"),
            ("münchen.de", "xn--mnchen-3ya.de"),
            ("ไทย.ไทย", "xn--o3cw4h.xn--o3cw4h"),
            ("例え。テスト", "xn--r8jz45g.xn--zckzah"),
            ("ｅｘａｍｐｌｅ．ｃｏｍ", "example.com"),
            ("ΣΊΣΥΦΟΣ.gr", "xn--kxa6akbbkh.gr"),
            ("σίσυφος.gr", "xn--kxa6ajbbmh.gr"),
            ("مثال.إختبار", "xn--mgbh0fb.xn--kgbechtv"),
            ("XN--BCHER-KVA.Example", "xn--bcher-kva.example"),
            ("bu\u{308}cher.example", "xn--bcher-kva.example"),
            ("a\u{AD}b.com", "ab.com"),
            ("localhost", "localhost"),
        ])
    func canonicalForm(raw: String, expected: String) throws {
        #expect(try canonicalDomain(raw) == expected)
    }

    @Test func alreadyCanonicalNameIsReturnedUnchanged() throws {
        #expect(try canonicalDomain("scam-shop.example.co.th") == "scam-shop.example.co.th")
    }

    @Test func domainToASCIIKeepsOneTrailingDotForURLHosts() throws {
        #expect(try domainToASCII("Bücher.example.") == "xn--bcher-kva.example.")
        #expect(throws: DomainNameError.emptyLabel) { try domainToASCII("example.com..") }
    }

    @Test(
        "Malformed names are refused with the rule they break",
        arguments: [
            ("a..b", DomainNameError.emptyLabel),
            (".example.com", .emptyLabel),
            (".", .emptyLabel),
            (String(repeating: "a", count: 64) + ".com", .labelTooLong(octets: 64)),
            (String(repeating: "ü", count: 60) + ".de", .labelTooLong(octets: 66)),
            (
                [String](repeating: String(repeating: "a", count: 63), count: 4).joined(separator: "."),
                .domainTooLong(octets: 255)
            ),
            ("-scam.com", .hyphenAtLabelEdge),
            ("scam-.com", .hyphenAtLabelEdge),
            ("ab--cd.com", .hyphensInThirdAndFourthPosition),
            ("xn--abc-.com", .invalidPunycode),
            ("xn---bcher-kva.example", .hyphenAtLabelEdge),  // decodes to "-bücher"
            ("xn--a.com", .disallowedCharacter("\u{80}")),  // "a" is Punycode for U+0080
            ("xn--a!.com", .disallowedCharacter("!")),
            ("xn--9999999999a.com", .invalidPunycode),
            ("a_b.com", .disallowedCharacter("_")),
            ("scam shop.com", .disallowedCharacter(" ")),
            ("😀.com", .disallowedCharacter("😀")),
            ("xn--ls8h.la", .disallowedCharacter("💩")),
            ("\u{301}a.com", .leadingCombiningMark("\u{301}")),
            ("a\u{200C}b.com", .joinerNotAllowedHere("\u{200C}")),
            ("a·b.cat", .contextNotAllowedHere("·")),
            ("0a.מבחן", .bidiRule),
            ("1מבחן.com", .bidiRule),
        ])
    func refusesMalformed(raw: String, error: DomainNameError) {
        #expect(throws: error) { try canonicalDomain(raw) }
    }

    @Test(
        "Values of other kinds are pointed to their kind",
        arguments: [
            ("https://evil.com/x", DomainNameError.looksLikeURL),
            ("evil.com/login", .looksLikeURL),
            ("user@evil.com", .looksLikeEmailAddress),
            ("evil.com:8080", .hasPort),
            ("192.168.1.10", .looksLikeIPAddress),
            ("2001:db8::1", .looksLikeIPAddress),
        ])
    func pointsToOtherKinds(raw: String, error: DomainNameError) {
        #expect(throws: error) { try canonicalDomain(raw) }
    }

    @Test func errorDescriptionsSayWhatToDo() {
        #expect(DomainNameError.looksLikeURL.description.contains("use kind url"))
        #expect(DomainNameError.disallowedCharacter("_").description.contains("U+005F"))
        #expect(DomainNameError.labelTooLong(octets: 64).description.contains("64 octets"))
    }
}
