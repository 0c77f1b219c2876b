import Foundation
import IndicatorModel

/// A key the hub keeps in its data directory: base64 in a file only the hub's user can read, created
/// on first start. A file readable by group or others is refused rather than used.
enum HubKeyFile {
    /// The key in `directory/name`: parsed from the file, or made by `make` and written when there is none.
    static func loadOrCreate<Key, Failure: SecretFileFailure>(
        _ name: String, in directory: URL, failing: Failure.Type, make: () -> (key: Key, text: String),
        parse: (String) -> Key?, expected: String
    ) throws(Failure) -> Key {
        let file = directory.appending(path: name)
        guard FileManager.default.fileExists(atPath: file.path) else {
            let made = make()
            try SecretFile.create(at: file, holding: made.text, failing: Failure.self)
            return made.key
        }
        let mode = (try? FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) ?? 0
        guard mode & 0o077 == 0 else {
            throw .unreadable(
                path: file.path, reason: "it is readable by others (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        guard let text = try SecretFile.read(at: file, failing: Failure.self),
            let key = parse(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { throw .unreadable(path: file.path, reason: "not \(expected)") }
        return key
    }
}
