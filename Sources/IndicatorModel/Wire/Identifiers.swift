/// An ISO 3166-1 alpha-2 jurisdiction, e.g. `TH`.
public struct Jurisdiction: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The two letters, uppercase: `TH`.
    public let code: String

    /// Accepts two ASCII letters in either case and stores them uppercased.
    public init(_ text: String) throws(WireValueError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 2, bytes.allSatisfy({ isASCIILetter($0) }) else { throw .jurisdiction }
        code = text.uppercased()
    }

    public static func < (lhs: Jurisdiction, rhs: Jurisdiction) -> Bool { lhs.code < rhs.code }
    public var description: String { code }
}

/// A participant (one organisation) on the hub: a slug such as `krungthai-bank`.
public struct ParticipantID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The slug, e.g. `krungthai-bank`.
    public let rawValue: String

    /// 2 to 64 characters of lowercase letters, digits and inner hyphens.
    public init(_ text: String) throws(WireValueError) {
        let bytes = Array(text.utf8)
        guard (2...64).contains(bytes.count),
            bytes.allSatisfy({ isLowercaseSlugByte($0) }),
            bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-")
        else { throw .participantID }
        rawValue = text
    }

    public static func < (lhs: ParticipantID, rhs: ParticipantID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

extension Jurisdiction: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(decoder) { text throws(WireValueError) in try Jurisdiction(text) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

extension ParticipantID: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(decoder) { text throws(WireValueError) in try ParticipantID(text) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

private func isLowercaseSlugByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || byte == UInt8(ascii: "-")
}
