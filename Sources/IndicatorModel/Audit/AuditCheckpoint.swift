public import Crypto
public import Foundation

/// A signed statement that a hub's audit log's first `size` entries hash to `head` (docs/audit.md).
public struct AuditCheckpoint: Codable, Hashable, Sendable {
    public var size: Int64
    /// `hash(size)`, 64 lowercase hex digits.
    public var head: String
    /// When it was signed, as an `AuditTime`.
    public var at: String
    /// The signing key's id (`AuditPublicKey.keyID`).
    public var keyID: String
    /// Ed25519 over `signedMessage`, base64.
    public var signature: String

    public init(size: Int64, head: String, at: String, keyID: String, signature: String) {
        self.size = size
        self.head = head
        self.at = at
        self.keyID = keyID
        self.signature = signature
    }

    /// Signs (size, head, at) with the hub's key.
    public init(size: Int64, head: AuditHash, at: AuditTime, signingKey: Curve25519.Signing.PrivateKey) throws {
        self.size = size
        self.head = head.hex
        self.at = at.description
        keyID = AuditPublicKey(signingKey.publicKey).keyID
        signature = try signingKey.signature(for: Self.message(size: size, head: self.head, at: self.at))
            .base64EncodedString()
    }

    /// The bytes the signature covers.
    public var signedMessage: Data { Self.message(size: size, head: head, at: at) }

    private static func message(size: Int64, head: String, at: String) -> Data {
        Data("scamhub-audit-checkpoint/v1\nsize \(size)\nhead \(head)\nat \(at)\n".utf8)
    }

    /// Whether `key` signed this checkpoint.
    public func isSigned(by key: AuditPublicKey) -> Bool {
        guard keyID == key.keyID, let signature = Data(base64Encoded: signature) else { return false }
        return key.key.isValidSignature(signature, for: signedMessage)
    }

    /// The head as a hash; nil when it is not 64 lowercase hex digits.
    public var headHash: AuditHash? { AuditHash(hex: head) }

    enum CodingKeys: String, CodingKey {
        case size, head, at, signature
        case keyID = "key_id"
    }
}

/// `GET /v1/audit/checkpoints`: signed checkpoints in ascending size.
public struct AuditCheckpointList: Codable, Hashable, Sendable {
    public var checkpoints: [AuditCheckpoint]

    public init(checkpoints: [AuditCheckpoint]) {
        self.checkpoints = checkpoints
    }
}

/// The hub's audit signing key as it publishes it (`GET /v1/audit/public-key`).
public struct AuditPublicKey: Hashable, Sendable {
    public let key: Curve25519.Signing.PublicKey

    public init(_ key: Curve25519.Signing.PublicKey) {
        self.key = key
    }

    /// Reads a key as published (the JSON of `/v1/audit/public-key`), as a PEM public key, or as
    /// bare base64 of its 32 raw bytes.
    public init(parsing text: String) throws(AuditKeyError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var raw: Data?
        if trimmed.hasPrefix("{") {
            guard let document = try? JSONDecoder().decode(Published.self, from: Data(trimmed.utf8)) else {
                throw .unreadable("the JSON is not a published audit key (algorithm, key_id, public_key)")
            }
            guard document.algorithm == "Ed25519" else { throw .unreadable("the algorithm must be Ed25519") }
            raw = Data(base64Encoded: document.publicKey)
        } else if trimmed.hasPrefix("-----BEGIN PUBLIC KEY-----") {
            let body = trimmed.split(whereSeparator: \.isNewline).filter { !$0.starts(with: "-----") }.joined()
            guard let der = Data(base64Encoded: String(body)), der.count == 44, Data(der.prefix(12)) == Self.spkiPrefix
            else {
                throw .unreadable("the PEM is not an Ed25519 public key")
            }
            raw = der.dropFirst(12)
        } else {
            raw = Data(base64Encoded: trimmed)
        }
        guard let raw, raw.count == 32, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw .unreadable("expected an Ed25519 public key: 32 bytes, as JSON, PEM or base64")
        }
        self.key = key
    }

    /// Lowercase hex of the first 8 bytes of SHA-256 of the raw key.
    public var keyID: String { hexString(Array(SHA256.hash(data: key.rawRepresentation)).prefix(8)) }

    /// The SubjectPublicKeyInfo PEM (RFC 8410).
    public var pem: String {
        let der = Self.spkiPrefix + key.rawRepresentation
        return "-----BEGIN PUBLIC KEY-----\n\(der.base64EncodedString())\n-----END PUBLIC KEY-----\n"
    }

    /// The published form.
    public var published: Published {
        Published(
            algorithm: "Ed25519", keyID: keyID, publicKey: key.rawRepresentation.base64EncodedString(), pem: pem)
    }

    /// SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (32 bytes) } up to the key.
    private static let spkiPrefix = Data([0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00])

    /// `GET /v1/audit/public-key`.
    public struct Published: Codable, Hashable, Sendable {
        public var algorithm: String
        public var keyID: String
        /// Base64 of the 32 raw bytes.
        public var publicKey: String
        public var pem: String?

        enum CodingKeys: String, CodingKey {
            case algorithm, pem
            case keyID = "key_id"
            case publicKey = "public_key"
        }
    }

    public static func == (lhs: AuditPublicKey, rhs: AuditPublicKey) -> Bool {
        lhs.key.rawRepresentation == rhs.key.rawRepresentation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key.rawRepresentation)
    }
}

/// Why a public key could not be read.
public enum AuditKeyError: Error, Hashable, Sendable, CustomStringConvertible {
    case unreadable(String)

    public var description: String {
        switch self {
        case .unreadable(let why): why
        }
    }
}
