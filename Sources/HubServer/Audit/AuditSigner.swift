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
        key = try HubKeyFile.loadOrCreate(
            Self.fileName, in: directory, failing: AuditKeyFileError.self,
            make: {
                let key = Curve25519.Signing.PrivateKey()
                return (key, key.rawRepresentation.base64EncodedString())
            },
            parse: { text in
                Data(base64Encoded: text).flatMap { try? Curve25519.Signing.PrivateKey(rawRepresentation: $0) }
            },
            expected: "a base64 Ed25519 seed")
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
