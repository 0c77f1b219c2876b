import Crypto
import Foundation
import Testing

@testable import IndicatorModel

/// Vectors/Webhooks/vectors.json, written by tools/generate-webhook-vectors.py: every signature and
/// every verdict comes from `standardwebhooks` 1.1.0, the reference implementation of the Standard
/// Webhooks specification. `payload` is the exact body, byte for byte (its UTF-8).
private struct WebhookVectors: Decodable {
    var toleranceSeconds: Double
    var sign: [Sign]
    var verify: [Verify]

    enum CodingKeys: String, CodingKey {
        case sign, verify
        case toleranceSeconds = "tolerance_seconds"
    }

    struct Sign: Decodable {
        var name: String
        var secret: String
        var msgID: String
        var timestamp: Int64
        var payload: String
        var signedContent: String
        var signature: String

        enum CodingKeys: String, CodingKey {
            case name, secret, timestamp, payload, signature
            case msgID = "msg_id"
            case signedContent = "signed_content"
        }
    }

    struct Verify: Decodable {
        var why: String
        var secrets: [String]
        var headers: [String: String]
        var payload: String
        var now: Double
        var valid: Bool
        /// The library's message when no secret verifies.
        var error: String?
    }

    static func load() throws -> Self {
        try VectorFile("Webhooks/vectors.json").decode(Self.self)
    }

    /// The verify case whose description starts with `prefix`.
    func verifyCase(_ prefix: String) throws -> Verify {
        try #require(verify.first { $0.why.hasPrefix(prefix) }, "no verify vector \"\(prefix)…\"")
    }
}

extension WebhookVectors.Verify {
    var id: String {
        get throws { try #require(headers["webhook-id"], "\(why): no webhook-id") }
    }
    var timestamp: String {
        get throws { try #require(headers["webhook-timestamp"], "\(why): no webhook-timestamp") }
    }
    var signatures: String {
        get throws { try #require(headers["webhook-signature"], "\(why): no webhook-signature") }
    }
}

struct WebhookVectorTests {
    @Test("Signatures match the reference library's, byte for byte, for every body and secret size")
    func signaturesMatchTheReferenceLibrary() throws {
        let vectors = try WebhookVectors.load()
        #expect(vectors.sign.count >= 8)
        for vector in vectors.sign {
            let secret = try WebhookSecret(vector.secret)
            let header = WebhookSignature.header(
                id: vector.msgID, timestamp: vector.timestamp, body: Data(vector.payload.utf8), secrets: [secret])
            #expect(header == vector.signature, "\(vector.name)")
        }
    }

    @Test("The key is the base64 after `whsec_`: an HMAC over the signed content with it gives the signature")
    func secretBytesAreTheHMACKey() throws {
        for vector in try WebhookVectors.load().sign {
            let secret = try WebhookSecret(vector.secret)
            #expect(vector.signedContent == "\(vector.msgID).\(vector.timestamp).\(vector.payload)", "\(vector.name)")
            let mac = HMAC<SHA256>.authenticationCode(
                for: Data(vector.signedContent.utf8), using: SymmetricKey(data: secret.bytes))
            #expect("v1," + Data(mac).base64EncodedString() == vector.signature, "\(vector.name)")
        }
    }

    @Test("Every signed vector verifies at the moment it was signed")
    func signedVectorsVerify() throws {
        for vector in try WebhookVectors.load().sign {
            let secret = try WebhookSecret(vector.secret)
            let outcome = Result { () throws(WebhookSignatureError) -> Void in
                try WebhookSignature.verify(
                    id: vector.msgID, timestamp: String(vector.timestamp), signatures: vector.signature,
                    body: Data(vector.payload.utf8), secrets: [secret],
                    now: Date(timeIntervalSince1970: TimeInterval(vector.timestamp)))
            }
            if case .failure(let error) = outcome { Issue.record("\(vector.name): refused (\(error))") }
        }
    }

    @Test("Every delivery verifies, or is refused for the same reason, exactly as the reference library decides")
    func verdictsMatchTheReferenceLibrary() throws {
        let vectors = try WebhookVectors.load()
        // The default tolerance is the library's (5 minutes); the boundary cases depend on it.
        #expect(vectors.toleranceSeconds == 300)
        let verdicts = vectors.verify.map(\.valid)
        #expect(verdicts.contains(true) && verdicts.contains(false))
        for vector in vectors.verify {
            let secrets = try vector.secrets.map { try WebhookSecret($0) }
            let id = try vector.id
            let timestamp = try vector.timestamp
            let signatures = try vector.signatures
            let now = Date(timeIntervalSince1970: vector.now)
            let outcome = Result { () throws(WebhookSignatureError) -> Void in
                try WebhookSignature.verify(
                    id: id, timestamp: timestamp, signatures: signatures, body: Data(vector.payload.utf8),
                    secrets: secrets, now: now)
            }
            // The library's messages (standardwebhooks 1.1.0, webhooks.py) and the errors they correspond to.
            let expected: WebhookSignatureError? =
                switch vector.error {
                case "No matching signature found"?: .noMatchingSignature
                case "Message timestamp too old"?: .timestampTooOld
                case "Message timestamp too new"?: .timestampInFuture
                default: nil
                }
            switch outcome {
            case .success:
                #expect(vector.valid, "\(vector.why): verified, but the library refuses it (\(vector.error ?? ""))")
            case .failure(let error):
                #expect(!vector.valid, "\(vector.why): refused (\(error)), but the library verifies it")
                #expect(error == expected, "\(vector.why): refused as \(error); the library: \(vector.error ?? "")")
            }
        }
    }

    @Test("Two secrets give two space-separated v1 signatures in the secrets' order: the library's rotation header")
    func twoSecretsSignInOrder() throws {
        let vectors = try WebhookVectors.load()
        // The rotation header carries the new secret's signature, then the old one's; the receiver's
        // vector holds [old, new].
        let rotation = try vectors.verifyCase("rotation: the hub signs with the new and the old secret")
        let receiver = try vectors.verifyCase("rotation: the receiver holds the old and the new secret")
        try #require(receiver.secrets.count == 2)
        let old = try WebhookSecret(receiver.secrets[0])
        let new = try WebhookSecret(receiver.secrets[1])
        let id = try rotation.id
        let timestampText = try rotation.timestamp
        let expected = try rotation.signatures
        let timestamp = try #require(Int64(timestampText))
        let body = Data(rotation.payload.utf8)
        let header = WebhookSignature.header(id: id, timestamp: timestamp, body: body, secrets: [new, old])
        #expect(header == expected)
        let parts = header.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        #expect(parts.count == 2 && parts.allSatisfy { $0.hasPrefix("v1,") })
        let single = [new, old].map {
            WebhookSignature.header(id: id, timestamp: timestamp, body: body, secrets: [$0])
        }
        #expect(parts == single)
        #expect(WebhookSignature.header(id: "msg_1", timestamp: 1, body: Data(), secrets: []) == "")
    }
}

struct WebhookSecretTests {
    @Test("A `whsec_` secret reads back as the same text")
    func secretTextRoundTrips() throws {
        let vectors = try WebhookVectors.load()
        let texts = Set(vectors.sign.map(\.secret) + vectors.verify.flatMap(\.secrets))
        #expect(texts.count >= 5)
        for text in texts {
            let secret = try WebhookSecret(text)
            #expect(secret.text == text)
            #expect(try WebhookSecret(secret.text) == secret)
        }
        let generated = WebhookSecret.generate()
        #expect(generated.bytes.count == 32)
        #expect(try WebhookSecret(generated.text) == generated)
    }

    @Test("The specification's example secret is the base64 of 24 bytes")
    func exampleSecretBytes() throws {
        let secret = try WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        #expect(secret.bytes == Data(base64Encoded: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        #expect(secret.bytes.count == 24)
    }

    @Test(
        "Secrets without the prefix, with bad base64, or of fewer than 16 or more than 128 bytes are refused",
        arguments: [
            "",
            "whsec_",
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "wh_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsec:MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsec_not*base64*at*all!",
            "whsec_%%%%%%%%%%%%%%%%%%%%%%%%",
            "whsec_" + Data(repeating: 0xA5, count: 15).base64EncodedString(),
            "whsec_" + Data(repeating: 0xA5, count: 1).base64EncodedString(),
            "whsec_" + Data(repeating: 0xA5, count: 129).base64EncodedString(),
        ])
    func malformedSecrets(text: String) {
        #expect(throws: WebhookSignatureError.malformedSecret) { try WebhookSecret(text) }
    }

    @Test("16 and 128 bytes are the bounds that are still accepted", arguments: [16, 24, 32, 64, 128])
    func secretSizesWithinBounds(count: Int) throws {
        let bytes = Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        let secret = try WebhookSecret("whsec_" + bytes.base64EncodedString())
        #expect(secret.bytes == bytes)
    }

    @Test(
        "A timestamp that is not whole seconds since 1970 is malformed",
        arguments: ["", "abc", "1614265330.0", "1614265330s", "2021-02-25T15:02:10Z", "0x603798F2"])
    func malformedTimestamp(timestamp: String) throws {
        // The specification's example, otherwise valid.
        let secret = try WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        #expect(throws: WebhookSignatureError.malformedTimestamp) {
            try WebhookSignature.verify(
                id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: timestamp,
                signatures: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                body: Data(#"{"test": 2432232314}"#.utf8), secrets: [secret],
                now: Date(timeIntervalSince1970: 1_614_265_330))
        }
    }
}
