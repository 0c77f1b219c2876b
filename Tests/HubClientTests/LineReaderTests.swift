import Foundation
import Testing

@testable import HubClient

struct LineReaderTests {
    /// Feeds `input` through a pipe and collects the lines a reader with tiny chunks sees.
    private func lines(of input: [UInt8], chunkSize: Int, maximumLineLength: Int = 16) throws -> [(String, Bool)] {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data(input))
        try pipe.fileHandleForWriting.close()
        var reader = LineReader(
            descriptor: pipe.fileHandleForReading.fileDescriptor, maximumLineLength: maximumLineLength,
            chunkSize: chunkSize)
        var seen: [(String, Bool)] = []
        try reader.forEachLine { seen.append((String(decoding: $0.bytes, as: UTF8.self), $0.isCut)) }
        return seen
    }

    @Test("Lines survive any chunk boundary", arguments: [1, 2, 3, 7, 64])
    func chunkBoundaries(chunkSize: Int) throws {
        let seen = try lines(of: Array("a\r\nbb\n\nccc\rx\nlast".utf8), chunkSize: chunkSize)
        #expect(seen.map(\.0) == ["a", "bb", "", "ccc\rx", "last"])
        #expect(seen.allSatisfy { !$0.1 })
    }

    @Test func overlongLineIsCutOnceAndTheRestSkipped() throws {
        let input = Array((String(repeating: "x", count: 40) + "\nshort\n").utf8)
        let seen = try lines(of: input, chunkSize: 4, maximumLineLength: 16)
        #expect(seen.map(\.0) == [String(repeating: "x", count: 16), "short"])
        #expect(seen.map(\.1) == [true, false])
    }

    @Test func emptyInputHasNoLines() throws {
        #expect(try lines(of: [], chunkSize: 8).isEmpty)
    }
}
