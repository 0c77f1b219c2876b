import Crypto
import Foundation

/// A bearer key split into its public id and its secret: `shk_<16 hex id>_<64 hex secret>`.
///
/// The secret is 256 random bits, so a plain SHA-256 is enough to store it: nothing can be guessed.
package struct KeyCredential: Sendable, CustomStringConvertible {
    package let keyID: String
    let secret: [UInt8]

    /// Splits key text as the auth middleware receives it.
    package init(parsing text: some StringProtocol) throws(AuthenticationError) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "shk", parts[1].utf8.count == 16, parts[2].utf8.count == 64,
            let id = hexBytes(parts[1]), let secret = hexBytes(parts[2])
        else { throw .malformedKey }
        self.keyID = hexText(id)
        self.secret = secret
    }

    /// Whether text is a key id as the hub issues them: 16 lowercase hexadecimal characters.
    static func isKeyID(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 16 && hexBytes(text) != nil && text == text.lowercased()
    }

    private init(keyID: String, secret: [UInt8]) {
        self.keyID = keyID
        self.secret = secret
    }

    /// A fresh key from the system's cryptographically secure generator.
    static func generate() -> KeyCredential {
        var generator = SystemRandomNumberGenerator()
        let id = (0..<8).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return KeyCredential(keyID: hexText(id), secret: secret)
    }

    /// The full key text; only for the one moment it is shown to its holder.
    var text: String { "shk_\(keyID)_\(hexText(secret))" }

    /// What the directory stores instead of the secret.
    var secretHash: Data { Data(SHA256.hash(data: secret)) }

    /// Compares the secret's hash with a stored one in time that does not depend on where they differ.
    func matches(storedHash: Data) -> Bool {
        let hash = secretHash
        guard hash.count == storedHash.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(hash, storedHash) { difference |= left ^ right }
        return difference == 0
    }

    package var description: String { "\(keyID) <redacted>" }
}

extension KeyCredential: CustomReflectable {
    /// Leaves the secret out of `dump` and debuggers.
    package var customMirror: Mirror { Mirror(self, children: ["keyID": keyID]) }
}

/// Why a bearer key is refused. The HTTP layer answers 401 whatever the case; the audit log keeps it.
package enum AuthenticationError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformedKey
    case unknownKey
    case wrongSecret
    case keyRevoked
    case participantDisabled

    package var description: String {
        switch self {
        case .malformedKey: "API key is not of the form shk_<key id>_<secret>; copy it whole as it was issued"
        case .unknownKey: "no API key with this id; ask the operator for a key"
        case .wrongSecret: "API key secret does not match; copy the key whole as it was issued"
        case .keyRevoked: "API key was revoked; ask the operator for a new one"
        case .participantDisabled: "participant is disabled; contact the hub operator"
        }
    }
}

private func hexText(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text = [UInt8]()
    for byte in bytes { text += [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]] }
    return String(decoding: text, as: UTF8.self)
}

private func hexBytes(_ text: some StringProtocol) -> [UInt8]? {
    let digits = Array(text.utf8)
    guard digits.count.isMultiple(of: 2) else { return nil }
    var bytes = [UInt8]()
    bytes.reserveCapacity(digits.count / 2)
    for index in stride(from: 0, to: digits.count, by: 2) {
        guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
        bytes.append(high << 4 | low)
    }
    return bytes
}

private func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    default: nil
    }
}
