import Crypto
public import Foundation

/// A webhook signing secret in Standard Webhooks' form: `whsec_` and the base64 of 16 to 128 random bytes (the hub makes 32).
public struct WebhookSecret: Hashable, Sendable {
    /// The key bytes.
    public let bytes: Data

    /// Parses `whsec_<base64>`.
    public init(_ text: String) throws(WebhookSignatureError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(Self.prefix),
            let bytes = Data(base64Encoded: String(trimmed.dropFirst(Self.prefix.count))),
            (16...128).contains(bytes.count)
        else { throw .malformedSecret }
        self.bytes = bytes
    }

    public init(bytes: Data) {
        self.bytes = bytes
    }

    /// A new random secret of 32 bytes.
    public static func generate() -> WebhookSecret {
        WebhookSecret(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    /// `whsec_<base64>`.
    public var text: String { Self.prefix + bytes.base64EncodedString() }

    static let prefix = "whsec_"

    var key: SymmetricKey { SymmetricKey(data: bytes) }
}

/// Signs and verifies webhook deliveries as the Standard Webhooks specification defines them:
/// `webhook-signature: v1,<base64 HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>">`,
/// several space-separated signatures while secrets rotate.
public enum WebhookSignature {
    /// The `webhook-signature` value for a delivery, one `v1,` signature per secret.
    public static func header(id: String, timestamp: Int64, body: some DataProtocol, secrets: [WebhookSecret]) -> String
    {
        let content = signedContent(id: id, timestamp: timestamp, body: body)
        return secrets.map { secret in
            "v1," + Data(HMAC<SHA256>.authenticationCode(for: content, using: secret.key)).base64EncodedString()
        }.joined(separator: " ")
    }

    /// Checks a delivery: the timestamp within `tolerance` of `now`, and one `v1` signature made with one
    /// of `secrets` over the raw body. Comparisons take constant time.
    public static func verify(
        id: String, timestamp: String, signatures: String, body: some DataProtocol, secrets: [WebhookSecret],
        now: Date = Date(), tolerance: TimeInterval = 300
    ) throws(WebhookSignatureError) {
        guard let seconds = Int64(timestamp) else { throw .malformedTimestamp }
        let age = now.timeIntervalSince1970 - TimeInterval(seconds)
        if age > tolerance { throw .timestampTooOld }
        if age < -tolerance { throw .timestampInFuture }
        let content = signedContent(id: id, timestamp: seconds, body: body)
        for signature in signatures.split(separator: " ") {
            let parts = signature.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, parts[0] == "v1", let mac = Data(base64Encoded: String(parts[1])) else { continue }
            for secret in secrets
            where HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: content, using: secret.key) {
                return
            }
        }
        throw .noMatchingSignature
    }

    private static func signedContent(id: String, timestamp: Int64, body: some DataProtocol) -> Data {
        var content = Data("\(id).\(timestamp).".utf8)
        content.append(contentsOf: body)
        return content
    }
}

/// Why a webhook secret or delivery was refused.
public enum WebhookSignatureError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformedSecret
    case malformedTimestamp
    case timestampTooOld
    case timestampInFuture
    case noMatchingSignature

    public var description: String {
        switch self {
        case .malformedSecret: "a webhook secret is `whsec_` followed by the base64 of 16 to 128 bytes"
        case .malformedTimestamp: "webhook-timestamp must be whole seconds since 1970"
        case .timestampTooOld: "the delivery is more than 5 minutes old (a replay?)"
        case .timestampInFuture: "the delivery is dated more than 5 minutes ahead"
        case .noMatchingSignature: "no v1 signature matches the body with the secret(s) given"
        }
    }
}
