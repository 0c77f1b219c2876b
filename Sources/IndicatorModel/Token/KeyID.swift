/// The epoch of a community key (`kid` on the wire): a token always travels with the key id
/// it was derived under, so keys can rotate without mixing tokens of different keys.
public struct KeyID: Hashable, Sendable, CustomStringConvertible {
    /// The key id as written, e.g. `tha-2026-11`.
    public let rawValue: String

    /// 1 to 64 characters of `A-Z a-z 0-9 . _ -`, e.g. `tha-2026-11`.
    public init(_ text: String) throws(KeyIDError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= 64 else { throw .tooLong(characters: bytes.count) }
        guard bytes.allSatisfy(isKeyIDByte) else { throw .disallowedCharacter }
        rawValue = text
    }

    public var description: String { rawValue }
}

extension KeyID: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(decoder) { text throws(KeyIDError) in try KeyID(text) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Why text is not a key id.
public enum KeyIDError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case tooLong(characters: Int)
    case disallowedCharacter

    public var description: String {
        switch self {
        case .empty: "key id (kid) is empty; name the key epoch, e.g. \"2026-11\""
        case .tooLong(let characters): "key id (kid) has \(characters) characters, at most 64"
        case .disallowedCharacter: "key id (kid) may use only letters, digits, '.', '_' and '-'"
        }
    }
}

private func isKeyIDByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
        true
    default: false
    }
}
