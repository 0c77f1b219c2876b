public import Foundation
public import IndicatorModel

/// A community key kept in a file as 64 hexadecimal characters, readable by its owner only.
public enum CommunityKeyFile {
    /// Reads and checks the key in `url`.
    public static func read(from url: URL) throws(CommunityKeyFileError) -> CommunityKey {
        guard let text = try SecretFile.read(at: url, failing: CommunityKeyFileError.self) else {
            throw .malformed(path: url.path, reason: "not a key file: expected 64 hexadecimal characters")
        }
        do {
            return try CommunityKey(hex: text)
        } catch {
            throw .malformed(path: url.path, reason: error.description)
        }
    }

    /// Writes `key` to a new file with mode 0600; never replaces an existing file.
    public static func write(_ key: CommunityKey, to url: URL) throws(CommunityKeyFileError) {
        try SecretFile.create(at: url, holding: key.hexEncoded, failing: CommunityKeyFileError.self)
    }
}

/// Why a key file cannot be used.
public enum CommunityKeyFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case malformed(path: String, reason: String)
    case exists(path: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "key file \(path) does not exist; create one with `scamhub keys generate --output \(path)`"
        case .unreadable(let path, let reason): "cannot read key file \(path): \(reason)"
        case .malformed(let path, let reason): "key file \(path) is not a community key: \(reason)"
        case .exists(let path): "\(path) already exists; refusing to overwrite a key (choose another --output path)"
        case .unwritable(let path, let reason): "cannot write key file \(path): \(reason)"
        }
    }
}

extension CommunityKeyFileError: SecretFileFailure {}
