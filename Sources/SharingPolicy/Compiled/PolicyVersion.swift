import Crypto
import Foundation

/// The SHA-256 of a compiled policy's canonical form: what it decides, not how the file is
/// written, so comments, descriptions and key order do not change it.
public struct PolicyVersion: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 64 lowercase hexadecimal characters.
    public let hex: String

    init(canonicalText: String) {
        hex = SHA256.hash(data: Data(canonicalText.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// `sha256:` and the hash, as carried in deliveries and audit entries.
    public var description: String { "sha256:\(hex)" }
    /// The first 12 hexadecimal characters, for people.
    public var short: String { String(hex.prefix(12)) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        hex = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
