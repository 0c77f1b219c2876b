public import Foundation
import IndicatorModel

/// An API key kept in a file, readable by its owner only: what `--api-key-file` names.
public enum APIKeyFile {
    /// Reads and checks the key in `url`, ignoring the whitespace around it.
    public static func read(from url: URL) throws(APIKeyFileError) -> APIKey {
        guard let text = try SecretFile.read(at: url, failing: APIKeyFileError.self) else {
            throw .malformed(path: url.path, .malformed)
        }
        do {
            return try APIKey(fileContents: text)
        } catch {
            guard case .invalidAPIKey(let defect) = error else { throw .malformed(path: url.path, .malformed) }
            throw .malformed(path: url.path, defect)
        }
    }

    /// Writes `key` to a new file with mode 0600; never replaces an existing file.
    public static func write(_ key: APIKey, to url: URL) throws(APIKeyFileError) {
        try SecretFile.create(at: url, holding: key.text, failing: APIKeyFileError.self)
    }
}

/// Why an API key file cannot be used.
public enum APIKeyFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case malformed(path: String, APIKey.Defect)
    case exists(path: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "API key file \(path) does not exist; the hub's operator issues keys with `scamhub admin keys issue`"
        case .unreadable(let path, let reason): "cannot read API key file \(path): \(reason)"
        case .malformed(let path, let defect): "API key file \(path): \(defect)"
        case .exists(let path): "\(path) already exists; refusing to overwrite a key (choose another --output path)"
        case .unwritable(let path, let reason): "cannot write API key file \(path): \(reason)"
        }
    }
}

extension APIKeyFileError: SecretFileFailure {}
