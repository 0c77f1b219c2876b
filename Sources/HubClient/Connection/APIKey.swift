import Foundation

/// A bearer API key as its holder keeps it: `shk_<16 hex key id>_<64 hex secret>`.
///
/// Prints, dumps and debug-prints as `<redacted>`; only `keyID`, the public part, may be logged.
public struct APIKey: Sendable {
    /// The public part of the key, safe to log and quote; what `KeyRecord.id` holds.
    public let keyID: String
    /// The whole key, as sent in `Authorization: Bearer …`.
    let text: String

    /// Checks that `text` is a whole API key, exactly as the hub issued it.
    public init(_ text: String) throws(HubClientError) {
        guard !text.isEmpty else { throw .invalidAPIKey(.empty) }
        guard text.hasPrefix("shk_") else { throw .invalidAPIKey(.missingPrefix) }
        let parts = text.utf8.split(separator: UInt8(ascii: "_"), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].count == 16, parts[2].count == 64,
            parts[1].allSatisfy(isLowercaseHex), parts[2].allSatisfy(isLowercaseHex)
        else { throw .invalidAPIKey(.malformed) }
        keyID = String(decoding: parts[1], as: UTF8.self)
        self.text = text
    }

    /// Reads a key from the contents of a key file or an environment variable, ignoring the
    /// whitespace and line break around it.
    public init(fileContents: String) throws(HubClientError) {
        try self.init(fileContents.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Why text is not an API key; never includes the text itself.
    public enum Defect: Sendable, Hashable, CustomStringConvertible {
        case empty
        /// It does not start with `shk_`: perhaps another secret, such as a community key.
        case missingPrefix
        /// It starts with `shk_` but is cut short, padded or otherwise changed.
        case malformed

        public var description: String {
            switch self {
            case .empty: "the API key is empty"
            case .missingPrefix:
                "the text is not an API key: API keys start with shk_ (a community key is not an API key)"
            case .malformed:
                "the API key is not of the form shk_<16 hex key id>_<64 hex secret>; copy it whole as it was issued"
            }
        }
    }
}

extension APIKey: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

extension APIKey: CustomReflectable {
    /// Leaves the secret out of `dump` and debuggers.
    public var customMirror: Mirror { Mirror(self, children: ["keyID": keyID]) }
}

private func isLowercaseHex(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
}
