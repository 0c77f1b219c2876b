import Testing

@testable import IndicatorModel

/// A sample from RFC 3492 §7.1: code points and their Punycode, as printed there.
struct PunycodeSample: CustomTestStringConvertible, Sendable {
    let name: String
    let scalars: [Unicode.Scalar]
    let punycode: String
    var testDescription: String { name }
}

/// Reads RFC 3492 §7.1, kept verbatim: each `(X)` block lists `u+XXXX` code points (an uppercase `U+`
/// marks case annotation only) and a `Punycode:` line, continued after a trailing backslash.
let rfc3492Samples: [PunycodeSample] = {
    guard let text = try? VectorFile("Domain/rfc3492-section-7.1.txt").text() else { return [] }
    var samples: [PunycodeSample] = []
    var name = ""
    var scalars: [Unicode.Scalar] = []
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
    while let line = lines.popFirst() {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("("), trimmed.dropFirst(2).hasPrefix(")") {
            name = String(trimmed.prefix(3))
            scalars = []
        } else if trimmed.hasPrefix("Punycode: ") {
            var punycode = String(trimmed.dropFirst("Punycode: ".count))
            while punycode.hasSuffix("\\"), let next = lines.popFirst() {
                punycode = String(punycode.dropLast()) + next.drop { $0 == " " }
            }
            samples.append(PunycodeSample(name: name, scalars: scalars, punycode: punycode))
        } else if trimmed.lowercased().hasPrefix("u+") {
            scalars += trimmed.split(separator: " ").compactMap { UInt32($0.dropFirst(2), radix: 16) }
                .compactMap(Unicode.Scalar.init)
        }
    }
    return samples
}()

struct PunycodeTests {
    @Test func rfc3492HasNineteenSamples() {
        #expect(rfc3492Samples.count == 19)
    }

    @Test("RFC 3492 §7.1 samples encode (case annotation aside)", arguments: rfc3492Samples)
    func encodesSample(_ sample: PunycodeSample) throws {
        let encoded = try #require(Punycode.encode(sample.scalars))
        // Basic code points keep their case; only the annotation on delta digits (appendix A) is not produced.
        #expect(String(decoding: encoded, as: UTF8.self).lowercased() == sample.punycode.lowercased())
        #expect(
            encoded.filter { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }.count
                == sample.scalars.filter { $0.properties.isUppercase && $0.isASCII }.count)
    }

    @Test("RFC 3492 §7.1 samples decode", arguments: rfc3492Samples)
    func decodesSample(_ sample: PunycodeSample) throws {
        #expect(Punycode.decode(Array(sample.punycode.utf8)) == sample.scalars)
    }

    @Test("Malformed Punycode is refused", arguments: ["a!b", "99999999999", "zzzzzzzzzzzzzzzzz", "ü-abc", "a-"])
    func refusesMalformed(_ text: String) {
        // "a-" is valid Punycode for "a": it is the only one expected to decode.
        if text == "a-" {
            #expect(Punycode.decode(Array(text.utf8)) == ["a"])
        } else {
            #expect(Punycode.decode(Array(text.utf8)) == nil)
        }
    }
}
