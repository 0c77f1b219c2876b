import Testing

@testable import IndicatorModel

struct URLCanonicalizationTests {
    @Test(
        "Spellings of one URL meet in one canonical form",
        arguments: [
            ("https://www.example.com/a", "https://www.example.com/a"),
            ("HTTPS://WWW.Example.COM/Path", "https://www.example.com/Path"),
            ("hTTp://example.com", "http://example.com/"),
            ("http://user:secret@example.com/", "http://example.com/"),
            ("http://user@example.com:8080/x", "http://example.com/x"),
            ("http://example.com:/x", "http://example.com/x"),
            ("example.com:8080/x", "http://example.com/x"),
            ("//example.com/x", "http://example.com/x"),
            ("http://example.com?q=1", "http://example.com/?q=1"),
            ("http://example.com/a/b/../../../../c", "http://example.com/c"),
            ("http://example.com/..", "http://example.com/"),
            ("http://example.com/a/./b/.", "http://example.com/a/b/"),
            ("http://example.com/a/%2E%2E/b", "http://example.com/b"),
            ("http://example.com/a?b/../c#d", "http://example.com/a?b/../c"),
            ("http://example.com/ü", "http://example.com/%C3%BC"),
            ("http://example.com/%c3%bc", "http://example.com/%C3%BC"),
        ])
    func spellings(raw: String, canonical: String) throws {
        #expect(try canonicalize(raw, as: .url).value == canonical)
    }

    // Cases that Google's reference client (github.com/google/safebrowsing, urls_test.go) also checks.
    @Test(
        "Google's reference client cases agree",
        arguments: [
            ("http://12.0x12.01234/", "http://12.18.2.156/"),
            ("http://012.034.01.055/", "http://10.28.1.45/"),
            ("http://0x12.0x43.0x44.0x01", "http://18.67.68.1/"),
            ("http://167838211/", "http://10.1.2.3/"),
            ("http://4294967295/", "http://255.255.255.255/"),
            ("http://www.\u{FC}mlat.com/", "http://www.xn--mlat-zra.com/"),
            ("http%3A%2F%2Fwackyurl.com:80/", "http://wackyurl.com/"),
            ("http://W!eird<>Ho$^.com/", "http://w!eird<>ho$^.com/"),
            ("http://google.com.:8080/foo.html", "http://google.com/foo.html"),
            ("http://..google.com/foo.html", "http://google.com/foo.html"),
            ("http://a.com/foo/.././bar/./../foo.html", "http://a.com/foo.html"),
            ("http://a.com//a//b///c////", "http://a.com/a/b/c/"),
            ("www.google.com:80", "http://www.google.com/"),
        ]
    )
    func referenceClientCases(raw: String, canonical: String) throws {
        #expect(try canonicalize(raw, as: .url).value == canonical)
    }

    @Test(
        "URLs without a host are refused",
        arguments: ["/blah", "#ref", "?query#ref", "/blah;param", "http:///blah;param?query#ref", ":8080/foo.html"]
    )
    func withoutHost(raw: String) {
        #expect(throws: CanonicalizationError.url(.missingHost)) { try canonicalize(raw, as: .url) }
    }

    @Test(
        "IPv4 hosts in any inet_aton spelling become dotted decimal",
        arguments: [
            ("http://0xC3.0x7F.0.0xB/", "http://195.127.0.11/"),
            ("http://0303.0177.0.013/", "http://195.127.0.11/"),
            ("http://195.8323083/", "http://195.127.0.11/"),
            ("http://195.127.11/", "http://195.127.0.11/"),
            ("http://0xc37f000b/", "http://195.127.0.11/"),
            ("http://1.2.3.4./", "http://1.2.3.4/"),
        ])
    func ipv4Hosts(raw: String, canonical: String) throws {
        #expect(try canonicalize(raw, as: .url).value == canonical)
    }

    @Test(
        "Numbers out of IPv4 range stay host names",
        arguments: [
            ("http://1.2.3.256/", "http://1.2.3.256/"),
            ("http://1.2.3.4.5/", "http://1.2.3.4.5/"),
            ("http://09.1.1.1/", "http://09.1.1.1/"),
        ])
    func notIPv4(raw: String, canonical: String) throws {
        #expect(try canonicalize(raw, as: .url).value == canonical)
    }

    @Test func ipv6HostIsWrittenInRFC5952Form() throws {
        #expect(try canonicalize("http://[2001:DB8::1]/", as: .url).value == "http://[2001:db8::1]/")
        #expect(
            try canonicalize("http://[2001:0db8:0:0:0:0:0:0001]:8080/a", as: .url).value == "http://[2001:db8::1]/a")
        #expect(try canonicalize("http://[::FFFF:c000:0201]/", as: .url).value == "http://[::ffff:192.0.2.1]/")
    }

    @Test func unicodeHostMeetsItsALabel() throws {
        let fromULabel = try canonicalize("http://bücher.example/", as: .url).value
        let fromEscapedULabel = try canonicalize("http://b%C3%BCcher.example/", as: .url).value
        let fromALabel = try canonicalize("http://XN--BCHER-KVA.example/", as: .url).value
        #expect(fromULabel == "http://xn--bcher-kva.example/")
        #expect(fromEscapedULabel == fromULabel)
        #expect(fromALabel == fromULabel)
    }

    @Test func hostThatIsNotUTF8KeepsSafeBrowsingEscaping() throws {
        let bytes = Array("http://a".utf8) + [0xC3] + Array(".example/".utf8)
        #expect(try canonicalize(utf8: bytes, as: .url).value == "http://a%C3.example/")
    }

    @Test func deepEscapingUnwindsInLinearTime() throws {
        let nested = "http://host/%" + String(repeating: "25", count: 5_000) + "41"
        #expect(try canonicalize(nested, as: .url).value == "http://host/A")
    }

    @Test(
        "Schemes other than http and https are refused",
        arguments: [
            ("ftp://example.com/file", "ftp"),
            ("javascript:alert(1)", "javascript"),
            ("data:text/html,hello", "data"),
            ("mailto:someone@example.com", "mailto"),
            ("FTP://example.com/", "ftp"),
        ])
    func unsupportedSchemes(raw: String, scheme: String) {
        #expect(throws: CanonicalizationError.url(.unsupportedScheme(scheme))) { try canonicalize(raw, as: .url) }
    }

    @Test(
        "Malformed URLs say what is wrong",
        arguments: [
            ("http:example.com", URLCanonicalizationError.missingSlashes(scheme: "http")),
            ("http:///path", .missingHost),
            ("http://.../", .missingHost),
            ("http://user@/", .missingHost),
            ("http://example.com:http/", .invalidPort),
            ("http://example.com:65536/", .invalidPort),
            ("example.com:abc/", .invalidPort),
            ("http://example.com:80:80/", .invalidPort),
            ("http://[2001:db8::1]x/", .invalidPort),
            ("http://2001:db8::1/", .unbracketedIPv6Host),
            ("http://[2001:db8::1/", .unclosedIPv6Bracket),
            ("http://[2001:db8::1::2]/", .invalidIPv6Host(.ipv6DoubleColonRepeated)),
            ("http://[fe80::1%25en0]/", .invalidIPv6Host(.zoneIdentifier)),
            ("http://[1.2.3.4]/", .invalidIPv6Host(.ipv6GroupCount(2))),
        ])
    func malformed(raw: String, error: URLCanonicalizationError) {
        #expect(throws: CanonicalizationError.url(error)) { try canonicalize(raw, as: .url) }
    }

    @Test func errorDescriptionsSayWhatToDo() {
        #expect(URLCanonicalizationError.unsupportedScheme("ftp").description.contains("only http and https"))
        #expect(URLCanonicalizationError.missingHost.description.contains("http://example.com/path"))
    }
}
