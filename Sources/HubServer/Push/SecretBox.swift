import Crypto
import Foundation
import IndicatorModel

/// Seals webhook secrets before they reach the database: AES-256-GCM under a key kept in the data
/// directory (`webhook-secrets.key`, mode 0600), so that a copy of the database alone signs nothing.
///
/// The hub must hold webhook secrets (it signs with them); this keeps them out of backups and dumps
/// of the database file.
struct SecretBox: Sendable {
    private let key: SymmetricKey

    static let fileName = "webhook-secrets.key"

    init(key: SymmetricKey) {
        self.key = key
    }

    /// The key in `directory`, created when there is none.
    init(in directory: URL) throws {
        key = try HubKeyFile.loadOrCreate(
            Self.fileName, in: directory, failing: SecretBoxKeyError.self,
            make: {
                let key = SymmetricKey(size: .bits256)
                return (key, key.withUnsafeBytes { Data($0) }.base64EncodedString())
            },
            parse: { text in Data(base64Encoded: text).flatMap { $0.count == 32 ? SymmetricKey(data: $0) : nil } },
            expected: "a base64 256-bit key")
    }

    func seal(_ secret: WebhookSecret, id: String) throws -> Data {
        try AES.GCM.seal(secret.bytes, using: key, authenticating: Data(id.utf8)).combined ?? Data()
    }

    /// The secret sealed under `id`; fails when the box was sealed under another key or altered.
    func open(_ sealed: Data, id: String) throws -> WebhookSecret {
        WebhookSecret(
            bytes: try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key, authenticating: Data(id.utf8)))
    }
}

/// Why the webhook secret-box key could not be read or created.
enum SecretBoxKeyError: Error, CustomStringConvertible, SecretFileFailure {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case exists(path: String)
    case unwritable(path: String, reason: String)

    var description: String {
        switch self {
        case .missing(let path): "the webhook secret key \(path) is missing"
        case .unreadable(let path, let reason): "the webhook secret key \(path) cannot be read: \(reason)"
        case .exists(let path): "the webhook secret key \(path) already exists"
        case .unwritable(let path, let reason): "the webhook secret key \(path) cannot be written: \(reason)"
        }
    }
}
