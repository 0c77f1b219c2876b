import Testing

@testable import IndicatorModel

struct IPRFCVectors: Decodable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let section: String
        let input: String
        let canonical: String
        var testDescription: String { "\(section): \(input)" }
    }
    let cases: [Case]
}

private struct PythonVectors: Decodable {
    struct Case: Decodable {
        let input: String
        let canonical: String
    }
    let valid: [Case]
    let invalid: [String]
}

private func loadRFCCases() throws -> [IPRFCVectors.Case] {
    try VectorFile("IP/rfc-text-forms.json").decode(IPRFCVectors.self).cases
}

struct IPAddressCanonicalizationTests {
    @Test("RFC 4291 and RFC 5952 text forms", arguments: try loadRFCCases())
    func rfcTextForm(_ vector: IPRFCVectors.Case) throws {
        #expect(try canonicalIPAddress(vector.input) == vector.canonical)
    }

    @Test func agreesWithPythonIPAddressModule() throws {
        let vectors = try VectorFile("IP/python-ipaddress.json").decode(PythonVectors.self)
        #expect(vectors.valid.count > 2_000)
        for vector in vectors.valid {
            let result = Result { () throws(IPAddressError) -> String in try canonicalIPAddress(vector.input) }
            #expect(result == .success(vector.canonical), "\(vector.input)")
        }
        for input in vectors.invalid {
            #expect(throws: IPAddressError.self, "\(input)") { try canonicalIPAddress(input) }
        }
    }

    @Test func bracketsAroundIPv6AreDropped() throws {
        #expect(try canonicalIPAddress("[2001:DB8::1]") == "2001:db8::1")
    }

    @Test func dispatcherTrimsAndTagsTheKind() throws {
        let value = try canonicalize("  2001:0DB8:0:0:0:0:0:1 ", as: .ip)
        #expect(value == CanonicalValue(kind: .ip, value: "2001:db8::1"))
    }

    @Test(
        "Inputs that are not one address say what to fix",
        arguments: [
            ("010.1.1.1", IPAddressError.ipv4LeadingZero),
            ("1.2.3", .ipv4PartCount(3)),
            ("1.2.3.4.5", .ipv4PartCount(5)),
            ("3279880203", .ipv4PartCount(1)),
            ("1.2..4", .ipv4EmptyPart),
            ("1.2.3.256", .ipv4PartOutOfRange),
            ("1.2.3.1000", .ipv4PartOutOfRange),
            ("fe80::1%eth0", .zoneIdentifier),
            ("192.0.2.0/24", .prefixLength),
            ("2001:db8::/32", .prefixLength),
            ("example.com", .invalidCharacter("x")),
            ("1.2.3.4 ", .invalidCharacter(" ")),
            ("１.2.3.4", .invalidCharacter("１")),
            ("12345::", .ipv6GroupTooLong),
            ("1:2:3:4:5:6:7:8:9", .ipv6GroupCount(9)),
            ("1:2:3:4:5:6:7", .ipv6GroupCount(7)),
            ("1:2:3:4:5:6:7:8::", .ipv6GroupCount(9)),
            ("1::2::3", .ipv6DoubleColonRepeated),
            ("1:::2", .ipv6MisplacedColon),
            (":1:2:3:4:5:6:7", .ipv6MisplacedColon),
            ("1:2:3:4:5:6:7:", .ipv6MisplacedColon),
            ("1.2.3.4::", .ipv6MisplacedIPv4),
            ("::1.2.3.4:5", .ipv6MisplacedIPv4),
            ("::ffff:1.2.3.04", .ipv4LeadingZero),
            ("[2001:db8::1", .unclosedBracket),
            ("[2001:db8::1]:443", .textAfterBracket),
            ("[192.0.2.1]", .bracketedIPv4),
        ])
    func invalid(raw: String, error: IPAddressError) {
        #expect(throws: error) { try canonicalIPAddress(raw) }
    }

    @Test func leadingZeroErrorExplainsTheOctalAmbiguity() {
        #expect(IPAddressError.ipv4LeadingZero.description.contains("octal"))
        #expect(IPAddressError.zoneIdentifier.description.contains("drop it"))
        #expect(IPAddressError.prefixLength.description.contains("drop it"))
    }

    @Test(
        "URL hosts accept the inet_aton spellings the ip kind refuses",
        arguments: [
            ("3279880203", "195.127.0.11"),
            ("0xC3.0x7f.0.013", "195.127.0.11"),
            ("195.127.11", "195.127.0.11"),
            ("010.1.1.1", "8.1.1.1"),
        ])
    func lenientSyntax(raw: String, dotted: String) throws {
        #expect(formatIPv4Address(try parseIPv4Address(Array(raw.utf8)[...], syntax: .inetAton)) == dotted)
    }
}
