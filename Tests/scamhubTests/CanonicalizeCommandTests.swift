import Foundation
import Testing

struct CanonicalizeCommandTests {
    @Test func valuesGivenAsArgumentsComeOutInOrder() throws {
        let result = try ScamhubProcess.run([
            "canonicalize", "--kind", "phone", "--region", "th", "081 234 5678", "+66 81-234-5678",
            "001 66 81 234 5678",
        ])
        #expect(result.status == 0)
        #expect(try result.jsonLines().map { $0["canonical"] } == Array(repeating: "+66812345678", count: 3))
        #expect(
            try result.jsonLines().map { $0["input"] } == ["081 234 5678", "+66 81-234-5678", "001 66 81 234 5678"])
    }

    @Test func everyInputLineGivesExactlyOneOutputLine() throws {
        let lines = ["+66 81 234 5678", "", "not a number", String(repeating: "9", count: 10_000), "+14155552671"]
        let input = Data((lines.joined(separator: "\n") + "\n").utf8)
        let result = try ScamhubProcess.run(["canonicalize", "--kind", "phone"], input: input)
        #expect(result.status == 0)
        let objects = try result.jsonLines()
        #expect(objects.count == lines.count)
        #expect(objects.map { $0["input"] } == lines)
        #expect(objects[0]["canonical"] == "+66812345678")
        #expect(objects[1]["error"] == "empty value: nothing but whitespace")
        #expect(objects[2]["error"] != nil && objects[2]["canonical"] == nil)
        #expect(objects[3]["error"] == "value too long for phone: 10000 bytes, at most 1024")
        #expect(objects[4]["canonical"] == "+14155552671")
    }

    @Test func binaryGarbageStillGivesValidJSONPerLine() throws {
        var input = Data([0xFF, 0xFE, 0x00, 0x01, 0x22, 0x5C, 0x0A])  // invalid UTF-8, NUL, quote, backslash
        input.append(contentsOf: Array("example.COM\r\n".utf8))  // CRLF line ending
        let result = try ScamhubProcess.run(["canonicalize", "--kind", "domain"], input: input)
        #expect(result.status == 0)
        let objects = try result.jsonLines()
        #expect(objects.count == 2)
        #expect(objects[0]["input"] == "\u{FFFD}\u{FFFD}\u{0}\u{1}\"\\")
        #expect(objects[0]["error"] == "value is not valid UTF-8 text")
        #expect(objects[1]["input"] == "example.COM")
        #expect(objects[1]["canonical"] == "example.com")
    }

    @Test func lastLineWithoutNewlineCounts() throws {
        let result = try ScamhubProcess.run(
            ["canonicalize", "--kind", "ip"], input: Data("192.0.2.1\n2001:DB8:0::1".utf8))
        #expect(try result.jsonLines().map { $0["canonical"] } == ["192.0.2.1", "2001:db8::1"])
    }

    @Test func nationalNumberWithoutRegionSaysToPassOne() throws {
        let result = try ScamhubProcess.run(["canonicalize", "--kind", "phone", "081 234 5678"])
        #expect(result.status == 0)
        #expect(try result.jsonLines().first?["error"]?.contains("--region") == true)
    }

    @Test(
        "Usage errors exit 64 with a message",
        arguments: [
            ["canonicalize", "--kind", "fax", "1"],
            ["canonicalize", "1"],
            ["canonicalize", "--kind", "phone", "--region", "THA", "1"],
            ["canonicalize", "--kind", "phone", "--region", "ZZ", "1"],
            ["frobnicate"],
        ])
    func usageErrorExits64(arguments: [String]) throws {
        let result = try ScamhubProcess.run(arguments)
        #expect(result.status == 64)
        #expect(result.error.contains("Error:"))
        #expect(result.output.isEmpty)
    }
}
