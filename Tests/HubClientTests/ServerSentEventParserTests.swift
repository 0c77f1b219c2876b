import Testing

@testable import HubClient

/// What a page's listener sees of one event (WHATWG HTML, §9.2.6 "Interpreting an event stream"):
/// the event's type ("message" unless an `event` field named another), its `data`, and its
/// `lastEventId`, which is the empty string until the stream sets an id.
private struct Seen: Equatable, Sendable, CustomStringConvertible {
    var type: String
    var data: String
    var lastEventID: String

    static func message(_ data: String, lastEventID: String = "") -> Seen {
        Seen(type: "message", data: data, lastEventID: lastEventID)
    }

    static func event(_ type: String, _ data: String, lastEventID: String = "") -> Seen {
        Seen(type: type, data: data, lastEventID: lastEventID)
    }

    /// The parser reports no id as nil; the specification's `lastEventId` is then the empty string.
    static func of(_ message: ServerSentEventMessage) -> Seen {
        Seen(type: message.event, data: message.data, lastEventID: message.id ?? "")
    }

    var description: String { "\(type) \(data.debugDescription) (last event id \(lastEventID.debugDescription))" }
}

/// The events a new parser dispatches for `stream` fed in one piece, and the parser after it.
private func parse(_ stream: String) -> (seen: [Seen], parser: ServerSentEventParser) {
    var parser = ServerSentEventParser()
    let seen = parser.feed(Array(stream.utf8)).map { Seen.of($0) }
    return (seen, parser)
}

/// The same, fed one byte at a time.
private func parseByteByByte(_ stream: String) -> (seen: [Seen], parser: ServerSentEventParser) {
    var parser = ServerSentEventParser()
    var seen: [Seen] = []
    for byte in stream.utf8 {
        seen += parser.feed([byte]).map { Seen.of($0) }
    }
    return (seen, parser)
}

/// The same, fed in the given pieces.
private func parse(pieces: [[UInt8]]) -> (seen: [Seen], parser: ServerSentEventParser) {
    var parser = ServerSentEventParser()
    var seen: [Seen] = []
    for piece in pieces {
        seen += parser.feed(piece).map { Seen.of($0) }
    }
    return (seen, parser)
}

/// "Lines must be separated by either a U+000D CARRIAGE RETURN U+000A LINE FEED (CRLF) character pair,
/// a single U+000A LINE FEED (LF) character, or a single U+000D CARRIAGE RETURN (CR) character."
private enum LineEnding: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case lf = "\n"
    case crlf = "\r\n"
    case cr = "\r"

    /// `stream`, written with LF, with every LF replaced by this ending.
    func apply(_ stream: String) -> String {
        String(stream.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: rawValue))
    }

    var testDescription: String {
        switch self {
        case .lf: "LF"
        case .crlf: "CRLF"
        case .cr: "CR"
        }
    }
}

/// The specification's own example streams (WHATWG HTML §9.2.1 and §9.2.6), with the events it says
/// they fire.
private struct SpecExample: Sendable, CustomTestStringConvertible {
    var name: String
    var stream: String
    var expected: [Seen]
    var lastEventID = ""

    var testDescription: String { name }

    static let all: [SpecExample] = [
        SpecExample(
            name: "§9.2.6: three data lines give one event, joined by LF",
            stream: "data: YHOO\ndata: +2\ndata: 10\n\n",
            expected: [.message("YHOO\n+2\n10")]),
        SpecExample(
            name: "§9.2.6: a comment, an id, an empty id, a leading space kept",
            stream: ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n",
            expected: [
                .message("first event", lastEventID: "1"),
                .message("second event", lastEventID: ""),
                .message(" third event", lastEventID: ""),
            ],
            lastEventID: ""),
        SpecExample(
            name: "§9.2.6: empty data, a single newline, an unterminated last block discarded",
            stream: "data\n\ndata\ndata\n\ndata:\n",
            expected: [.message(""), .message("\n")]),
        SpecExample(
            name: "§9.2.6: one space after the colon is ignored",
            stream: "data:test\n\ndata: test\n\n",
            expected: [.message("test"), .message("test")]),
        SpecExample(
            name: "§9.2.1: three messages, the second of two lines",
            stream:
                "data: This is the first message.\n\ndata: This is the second message, it\ndata: has two lines.\n\n"
                + "data: This is the third message.\n\n",
            expected: [
                .message("This is the first message."),
                .message("This is the second message, it\nhas two lines."),
                .message("This is the third message."),
            ]),
        SpecExample(
            name: "§9.2.1: two event types, add and remove",
            stream: "event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\nevent: add\ndata: 113411\n\n",
            expected: [.event("add", "73857293"), .event("remove", "2153"), .event("add", "113411")]),
    ]

    static var fourBlocks: SpecExample { all[1] }
}

struct ServerSentEventParserTests {
    @Test(
        "The specification's examples fire the events it names, whatever the line ending and chunking",
        arguments: SpecExample.all, LineEnding.allCases)
    fileprivate func specificationExamples(example: SpecExample, ending: LineEnding) {
        let stream = ending.apply(example.stream)
        let whole = parse(stream)
        #expect(whole.seen == example.expected)
        #expect((whole.parser.lastEventID ?? "") == example.lastEventID)
        let bytewise = parseByteByByte(stream)
        #expect(bytewise.seen == example.expected)
        #expect((bytewise.parser.lastEventID ?? "") == example.lastEventID)
    }

    @Test("An id sets the last event id when its block is dispatched; a valueless id resets it to empty")
    func lastEventIDAfterEachBlock() {
        var parser = ServerSentEventParser()
        let comment = parser.seen(after: ": test stream\n\n")
        #expect(comment.isEmpty)
        #expect((parser.lastEventID ?? "") == "")
        let first = parser.seen(after: "data: first event\nid: 1\n\n")
        #expect(first == [.message("first event", lastEventID: "1")])
        #expect(parser.lastEventID == "1")
        let second = parser.seen(after: "data:second event\nid\n\n")
        #expect(second == [.message("second event", lastEventID: "")])
        #expect(parser.lastEventID == "")
        // "the last still has to end with a blank line, the end of the stream is not enough"
        let unterminated = parser.seen(after: "data:  third event\n")
        #expect(unterminated.isEmpty)
        let third = parser.seen(after: "\n")
        #expect(third == [.message(" third event", lastEventID: "")])
    }

    @Test("Any split of a stream into two chunks gives the same events", arguments: LineEnding.allCases)
    fileprivate func everySplitPoint(ending: LineEnding) {
        let example = SpecExample.fourBlocks
        let bytes = Array(ending.apply(example.stream).utf8)
        for split in 0...bytes.count {
            let result = parse(pieces: [Array(bytes[..<split]), Array(bytes[split...])])
            #expect(result.seen == example.expected, "split at \(split)")
        }
    }

    @Test("A CRLF split across chunks is one line ending, not two")
    func crlfAcrossChunks() {
        let result = parse(pieces: [Array("data: a\r".utf8), Array("\ndata: b\r".utf8), Array("\n\r".utf8), [0x0A]])
        #expect(result.seen == [.message("a\nb")])
        // The LF that ends the blank line's CRLF is not a second blank line either.
        #expect(
            parse(pieces: [Array("data: a\r\n\r".utf8), Array("\ndata: b\r\n\r\n".utf8)]).seen == [
                .message("a"), .message("b"),
            ])
    }

    @Test("Line endings may be mixed within one stream")
    func mixedLineEndings() {
        #expect(
            parse("data: a\r\ndata: b\rdata: c\n\r\nevent: x\rdata: d\n\r").seen == [
                .message("a\nb\nc"), .event("x", "d"),
            ])
    }

    @Test("Multi-byte UTF-8 split byte by byte decodes as a whole")
    func utf8AcrossChunks() {
        let stream = "data: ภาษาไทย 🦊\nevent: ประกาศ\n\n"
        let expected: [Seen] = [.event("ประกาศ", "ภาษาไทย 🦊")]
        #expect(parse(stream).seen == expected)
        #expect(parseByteByByte(stream).seen == expected)
    }

    @Test("The event type applies to its own block only, and a block with no data fires nothing")
    func eventTypes() {
        #expect(parse("event: add\ndata: 1\n\ndata: 2\n\n").seen == [.event("add", "1"), .message("2")])
        #expect(parse("event: add\n\ndata: x\n\n").seen == [.message("x")])
        // A field without a colon has the empty string as its value: the type falls back to "message".
        #expect(parse("event: add\nevent\ndata: x\n\n").seen == [.message("x")])
        #expect(parse("event: ping\ndata\n\n").seen == [.event("ping", "")])
    }

    @Test("`retry:` with ASCII digits sets the reconnection time, with or without an event")
    func retrySetsTheReconnectionTime() {
        var parser = ServerSentEventParser()
        #expect(parser.retry == nil)
        let alone = parser.seen(after: "retry: 5000\n")
        #expect(alone.isEmpty)
        #expect(parser.retry == 5000)
        // web-platform-tests eventsource/format-data-before-final-empty-line: a retry, an event, and an
        // unterminated block whose id is never dispatched.
        let events = parser.seen(after: "retry:1000\ndata:test1\n\nid:test\ndata:test2")
        #expect(events == [.message("test1")])
        #expect(parser.retry == 1000)
        #expect((parser.lastEventID ?? "") == "")
    }

    @Test(
        "`retry:` values other than only ASCII digits are ignored",
        arguments: ["abc", "5 s", "1.5", " 500", "-1", "+5", "٣٠٠٠", "1e3"])
    func retryIgnoresNonDigits(value: String) {
        var parser = ServerSentEventParser()
        _ = parser.seen(after: "retry: 3000\n")
        let events = parser.seen(after: "retry: \(value)\n\n")
        #expect(events.isEmpty)
        #expect(parser.retry == 3000, "retry: \(value.debugDescription)")
    }

    @Test("An id with no data moves the last event id without dispatching; later events carry it")
    func idWithoutData() {
        var parser = ServerSentEventParser()
        let idOnly = parser.seen(after: "id: 42\n\n")
        #expect(idOnly.isEmpty)
        #expect(parser.lastEventID == "42")
        let next = parser.seen(after: "data: x\n\n")
        #expect(next == [.message("x", lastEventID: "42")])
        let more = parser.seen(after: "id: 43\ndata: y\n\ndata: z\n\n")
        #expect(more == [.message("y", lastEventID: "43"), .message("z", lastEventID: "43")])
        #expect(parser.lastEventID == "43")
    }

    @Test("An id containing NULL is ignored")
    func idWithNullIsIgnored() {
        let result = parse("id: 1\n\ndata: a\nid: 2\u{0}3\n\n")
        #expect(result.seen == [.message("a", lastEventID: "1")])
        #expect(result.parser.lastEventID == "1")
    }

    @Test("Comments, unknown fields and field names that are not exactly `data` are ignored")
    func ignoredLines() {
        #expect(parse(": ping\n\n:\n\n").seen.isEmpty)
        #expect(parse("data: a\n: keep-alive\ndata: b\n\n").seen == [.message("a\nb")])
        #expect(parse("foo: bar\nDATA: no\ndata : no\ndata: yes\n\n").seen == [.message("yes")])
    }

    @Test("Only one U+0020 after the colon is dropped: a tab or a second space stays")
    func onlyOneSpaceIsDropped() {
        #expect(
            parse("data:\tx\n\ndata:  y\n\ndata: z \n\n").seen == [
                .message("\tx"), .message(" y"), .message("z "),
            ])
        // Everything after the first colon is the value, colons included.
        #expect(parse("data: a: b:c\n\n").seen == [.message("a: b:c")])
    }

    @Test("A block without its blank line waits for it, however long")
    func unterminatedBlockWaits() {
        var parser = ServerSentEventParser()
        let first = parser.seen(after: "data: a\n")
        let second = parser.seen(after: "data: b\n")
        let nothing = parser.feed([UInt8]())
        let blank = parser.seen(after: "\n")
        #expect(first.isEmpty && second.isEmpty && nothing.isEmpty)
        #expect(blank == [.message("a\nb")])
    }
}

extension ServerSentEventParser {
    /// Feeds `text`'s UTF-8; returns the events it completed, as a listener sees them.
    fileprivate mutating func seen(after text: String) -> [Seen] {
        feed(Array(text.utf8)).map { Seen.of($0) }
    }
}
