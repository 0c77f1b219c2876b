package import Crypto
package import Foundation
package import IndicatorModel

/// The hub's audit signing key: Ed25519, generated on first start and kept in the data directory
/// (`audit-signing.key`, mode 0600, base64 of the 32-byte seed). Its public half is published at
/// `/v1/audit/public-key`; checkpoints are signed with it.
package struct AuditSigner: Sendable {
    package let key: Curve25519.Signing.PrivateKey

    package init(key: Curve25519.Signing.PrivateKey) {
        self.key = key
    }

    /// The key file's name in the data directory.
    package static let fileName = "audit-signing.key"

    /// The key in `directory`, created when there is none.
    package init(in directory: URL) throws {
        let file = directory.appending(path: Self.fileName)
        guard FileManager.default.fileExists(atPath: file.path) else {
            let key = Curve25519.Signing.PrivateKey()
            try SecretFile.create(
                at: file, holding: key.rawRepresentation.base64EncodedString(), failing: AuditKeyFileError.self)
            self.key = key
            return
        }
        let mode = (try? FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) ?? 0
        guard mode & 0o077 == 0 else {
            throw AuditKeyFileError.unreadable(
                path: file.path, reason: "it is readable by others (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        guard let text = try SecretFile.read(at: file, failing: AuditKeyFileError.self),
            let seed = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        else { throw AuditKeyFileError.unreadable(path: file.path, reason: "not a base64 Ed25519 seed") }
        self.key = key
    }

    package var publicKey: AuditPublicKey { AuditPublicKey(key.publicKey) }

    /// Signs that the log's first `size` entries hash to `head`, now.
    package func checkpoint(size: Int64, head: AuditHash) throws -> AuditCheckpoint {
        try AuditCheckpoint(size: size, head: head, at: AuditTime(Date()), signingKey: key)
    }
}

/// Why the audit signing key could not be read or created.
package enum AuditKeyFileError: Error, CustomStringConvertible, SecretFileFailure {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case exists(path: String)
    case unwritable(path: String, reason: String)

    package var description: String {
        switch self {
        case .missing(let path): "the audit signing key \(path) is missing"
        case .unreadable(let path, let reason): "the audit signing key \(path) cannot be read: \(reason)"
        case .exists(let path): "the audit signing key \(path) already exists"
        case .unwritable(let path, let reason): "the audit signing key \(path) cannot be written: \(reason)"
        }
    }
}
