public import Foundation
public import IndicatorModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A community key kept in a file as 64 hexadecimal characters, readable by its owner only.
public enum CommunityKeyFile {
    /// Reads and checks the key in `url`.
    public static func read(from url: URL) throws(CommunityKeyFileError) -> CommunityKey {
        let path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let code = (error as NSError).code
            if !FileManager.default.fileExists(atPath: path) { throw .missing(path: path) }
            throw .unreadable(
                path: path,
                reason: code == NSFileReadNoPermissionError ? "permission denied" : "\(error.localizedDescription)")
        }
        guard data.count <= 1_024, let text = String(data: data, encoding: .utf8) else {
            throw .malformed(path: path, reason: "not a key file: expected 64 hexadecimal characters")
        }
        do {
            return try CommunityKey(hex: text)
        } catch {
            throw .malformed(path: path, reason: error.description)
        }
    }

    /// Writes `key` to a new file with mode 0600; never replaces an existing file.
    public static func write(_ key: CommunityKey, to url: URL) throws(CommunityKeyFileError) {
        let path = url.path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw .exists(path: path) }
            throw .unwritable(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        let bytes = Array((key.hexEncoded + "\n").utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw .unwritable(path: path, reason: reason)
        }
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
