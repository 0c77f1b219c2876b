import Testing

@testable import IndicatorModel

/// One `Canonicalize("…") = "…";` line of the Safe Browsing documentation.
struct SafeBrowsingCase: CustomTestStringConvertible, Sendable {
    let line: Int
    let input: [UInt8]
    let expected: String

    var testDescription: String { "line \(line): \(expected)" }
}

/// Reads the documentation's cases, decoding the C escapes (`\t`, `\r`, `\n`, `\xNN`) of the inputs.
private func loadSafeBrowsingCases() throws -> [SafeBrowsingCase] {
    let text = try VectorFile("URL/safe-browsing-canonicalization.txt").text()
    var cases: [SafeBrowsingCase] = []
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let bytes = Array(line.utf8)
        guard bytes.starts(with: Array("Canonicalize(".utf8)) else { continue }
        var index = "Canonicalize(".utf8.count
        let input = try quotedBytes(bytes, from: &index)
        guard let equals = bytes[index...].firstIndex(of: UInt8(ascii: "=")) else {
            throw VectorError(line: offset + 1)
        }
        index = equals + 1
        while bytes[index] == UInt8(ascii: " ") { index += 1 }
        let expected = try quotedBytes(bytes, from: &index)
        cases.append(
            SafeBrowsingCase(line: offset + 1, input: input, expected: String(decoding: expected, as: UTF8.self)))
    }
    return cases
}

private struct VectorError: Error { let line: Int }

/// The bytes of the C string literal starting at `index` (at its opening quote); moves past it.
private func quotedBytes(_ bytes: [UInt8], from index: inout Int) throws -> [UInt8] {
    guard bytes[index] == UInt8(ascii: "\"") else { throw VectorError(line: index) }
    index += 1
    var output: [UInt8] = []
    while bytes[index] != UInt8(ascii: "\"") {
        guard bytes[index] == UInt8(ascii: "\\") else {
            output.append(bytes[index])
            index += 1
            continue
        }
        let escape = bytes[index + 1]
        switch escape {
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "x"):
            guard let byte = UInt8(String(decoding: bytes[(index + 2)...(index + 3)], as: UTF8.self), radix: 16)
            else { throw VectorError(line: index) }
            output.append(byte)
            index += 2
        default: output.append(escape)
        }
        index += 2
    }
    index += 1
    return output
}

struct SafeBrowsingCanonicalizationTests {
    @Test func documentationListsAllItsCases() throws {
        let cases = try loadSafeBrowsingCases()
        #expect(cases.count == 33)
        #expect(cases.contains { $0.input == Array("http://\u{01}".utf8) + [0x80] + Array(".com/".utf8) })
        #expect(cases.contains { $0.input.contains(0x09) && $0.input.contains(0x0D) && $0.input.contains(0x0A) })
    }

    @Test("Every Safe Browsing documentation case", arguments: try loadSafeBrowsingCases())
    func documentationCase(_ vector: SafeBrowsingCase) throws {
        #expect(try canonicalize(utf8: vector.input, as: .url).value == vector.expected)
    }
}
