import Foundation

/// One Server-Sent Event as received: its fields after the WHATWG parsing rules.
public struct ServerSentEventMessage: Hashable, Sendable {
    public var id: String?
    public var event: String
    public var data: String
}

/// Parses a `text/event-stream` incrementally, as chunks arrive (WHATWG HTML, "Server-sent events"):
/// lines end in LF, CRLF or CR; `:` starts a comment; a blank line dispatches the event; `data` lines
/// join with LF; an event without data is not dispatched, but its `id` still counts.
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var afterCR = false
    private var id: String?
    private var event = ""
    private var data: [String] = []
    private var hasData = false
    /// The id of the last event seen, dispatched or not (the stream's `Last-Event-ID`).
    public private(set) var lastEventID: String?
    /// The reconnection delay the server asked for, in milliseconds.
    public private(set) var retry: Int?

    public init() {}

    /// Feeds bytes; returns the events they completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEventMessage] {
        var events: [ServerSentEventMessage] = []
        for byte in bytes {
            if afterCR {
                afterCR = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0A, 0x0D:
                afterCR = byte == 0x0D
                if let event = endLine() { events.append(event) }
            default:
                line.append(byte)
            }
        }
        return events
    }

    private mutating func endLine() -> ServerSentEventMessage? {
        defer { line.removeAll(keepingCapacity: true) }
        guard !line.isEmpty else { return dispatch() }
        if line[0] == UInt8(ascii: ":") { return nil }
        let colon = line.firstIndex(of: UInt8(ascii: ":"))
        let name = String(decoding: line[..<(colon ?? line.count)], as: UTF8.self)
        var valueStart = colon.map { $0 + 1 } ?? line.count
        if valueStart < line.count, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        let value = String(decoding: line[valueStart...], as: UTF8.self)
        switch name {
        case "id" where !value.contains("\0"): id = value
        case "event": event = value
        case "data":
            data.append(value)
            hasData = true
        case "retry":
            if !value.isEmpty, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let milliseconds = Int(value) {
                retry = milliseconds
            }
        default: break
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEventMessage? {
        defer {
            id = nil
            event = ""
            data = []
            hasData = false
        }
        if let id { lastEventID = id }
        guard hasData else {
            // An id alone still moves the stream's last event id; the message itself is not dispatched.
            return nil
        }
        return ServerSentEventMessage(
            id: id ?? lastEventID, event: event.isEmpty ? "message" : event, data: data.joined(separator: "\n"))
    }
}
