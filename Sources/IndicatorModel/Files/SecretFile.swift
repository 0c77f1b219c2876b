package import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and writes secrets (community keys, API keys) in files that only their owner can read.
///
/// Each kind of key file reports failures in its own error type, whose cases fit `SecretFileFailure`.
package enum SecretFile {
    /// Reads the text of a small secret file; nil when it is larger than a key file or not UTF-8.
    package static func read<Failure: SecretFileFailure>(at url: URL, failing: Failure.Type) throws(Failure) -> String?
    {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let code = (error as NSError).code
            if !FileManager.default.fileExists(atPath: url.path) { throw .missing(path: url.path) }
            throw .unreadable(
                path: url.path,
                reason: code == NSFileReadNoPermissionError ? "permission denied" : "\(error.localizedDescription)")
        }
        guard data.count <= 1_024 else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// Creates `url` with mode 0600 holding `text` and a newline, flushed to disk.
    ///
    /// Never replaces an existing file (`O_EXCL`), so a key cannot overwrite another by mistake; a
    /// partly written file is removed.
    package static func create<Failure: SecretFileFailure>(
        at url: URL, holding text: String, failing: Failure.Type
    ) throws(Failure) {
        let path = url.path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw .exists(path: path) }
            throw .unwritable(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        let bytes = Array((text + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw .unwritable(path: path, reason: reason)
        }
    }
}

/// The failures every secret file can meet; a key file's error enum provides them as cases.
package protocol SecretFileFailure: Error {
    static func missing(path: String) -> Self
    static func unreadable(path: String, reason: String) -> Self
    static func exists(path: String) -> Self
    static func unwritable(path: String, reason: String) -> Self
}
