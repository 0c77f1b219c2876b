import Foundation
import IndicatorModel

/// One call to the hub as the routes describe it, before it meets the transport.
struct HubRequest: Sendable {
    enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case delete = "DELETE"
    }

    var method: Method
    /// The path's segments after the base URL, unencoded: `["v1", "participants", id]`.
    var path: [String]
    var query: [Parameter] = []
    var body: Data?
    var accept = "application/json"
    var idempotencyKey: String?
    /// Further headers, e.g. `Last-Event-ID`.
    var headers: [Parameter] = []
    /// The largest answer body read; a larger one fails the call rather than filling memory.
    var responseLimit = HubRequest.jsonResponseLimit

    /// One query parameter.
    struct Parameter: Sendable, Equatable {
        var name: String
        var value: String
    }

    /// Enough for the largest page the hub serves (10 000 feed changes with their fields).
    static let jsonResponseLimit = 32 << 20
    /// Full flag-list snapshots can hold millions of entries.
    static let snapshotResponseLimit = 1 << 30

    static func get(_ path: String..., query: [Parameter] = []) -> HubRequest {
        HubRequest(method: .get, path: path, query: query)
    }

    static func post(_ path: String..., body: (any Encodable)? = nil) throws -> HubRequest {
        HubRequest(method: .post, path: path, body: try body.map { try WireCoding.makeEncoder().encode($0) })
    }

    /// The full URL under `base`: each path segment and query value percent-encoded, so an id
    /// can never reach another route.
    func url(under base: URL) -> String {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        for segment in path { text += "/" + encodedSegment(segment) }
        let pairs = query.map { "\(percentEncoded($0.name))=\(percentEncoded($0.value))" }
        if !pairs.isEmpty { text += "?" + pairs.joined(separator: "&") }
        return text
    }
}

/// Percent-encodes every byte but RFC 3986's unreserved characters (letters, digits, `-._~`).
func percentEncoded(_ text: String) -> String {
    var encoded = ""
    for byte in text.utf8 {
        if isUnreserved(byte) {
            encoded.unicodeScalars.append(Unicode.Scalar(byte))
        } else {
            encoded += "%" + String(byte >> 4, radix: 16, uppercase: true)
            encoded += String(byte & 0x0F, radix: 16, uppercase: true)
        }
    }
    return encoded
}

/// A path segment, encoded so that it stays one segment: `.` and `..` are dot-segments that URL
/// resolution would remove, so their dots are encoded too.
private func encodedSegment(_ segment: String) -> String {
    segment == "." || segment == ".." ? String(repeating: "%2E", count: segment.count) : percentEncoded(segment)
}

private func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        true
    case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
    default: false
    }
}
