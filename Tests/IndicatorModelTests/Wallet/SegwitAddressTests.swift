import Testing

@testable import IndicatorModel

/// BIP-173 and BIP-350 test vectors, read verbatim from Vectors/Wallet.
struct SegwitAddressTests {
    @Test func bip173ValidStringsDecodeAsBech32() throws {
        let vectors = try VectorFile("Wallet/bip-0173.json").decode(BIPVectors.self)
        for string in vectors.validBech32 ?? [] {
            #expect(try Bech32.decode(Array(string.utf8)[...]).variant == .bech32, "\(string)")
        }
        #expect(vectors.validBech32?.count == 7)
    }

    @Test func bip350ValidStringsDecodeAsBech32m() throws {
        let vectors = try VectorFile("Wallet/bip-0350.json").decode(BIPVectors.self)
        for string in vectors.validBech32m ?? [] {
            #expect(try Bech32.decode(Array(string.utf8)[...]).variant == .bech32m, "\(string)")
        }
        #expect(vectors.validBech32m?.count == 7)
    }

    @Test(arguments: ["bip-0173.json", "bip-0350.json"])
    func invalidStringsAreRejected(file: String) throws {
        let vectors = try VectorFile("Wallet/\(file)").decode(BIPVectors.self)
        let invalid = (vectors.invalidBech32 ?? []) + (vectors.invalidBech32m ?? [])
        #expect(invalid.count >= 12)
        for vector in invalid {
            #expect(throws: WalletAddressError.self, "\(vector.string): \(vector.reason)") {
                try Bech32.decode(vector.bytes[...])
            }
        }
    }

    @Test func uppercaseHumanReadablePartInTheChecksumIsAMismatch() {
        #expect(throws: WalletAddressError.bech32ChecksumMismatch) { try Bech32.decode(Array("A1G7SGD8".utf8)[...]) }
        #expect(throws: WalletAddressError.bech32ChecksumMismatch) { try Bech32.decode(Array("M1VUXWEZ".utf8)[...]) }
    }

    @Test(arguments: ["bip-0173.json", "bip-0350.json"])
    func validAddressesDecodeToTheirScriptPubKey(file: String) throws {
        for vector in try VectorFile("Wallet/\(file)").decode(BIPVectors.self).validSegwitAddresses {
            let decoded = try Bech32.decode(Array(vector.address.utf8)[...])
            let version = try #require(decoded.data.first)
            let program = try Bech32.bytes(fromFiveBitValues: decoded.data.dropFirst())
            let script = [version == 0 ? 0 : 0x50 + version, UInt8(program.count)] + program
            #expect(hexString(script) == vector.scriptPubKey, "\(vector.address)")
        }
    }

    @Test func bip350ValidMainnetAddressesBecomeLowercaseBTC() throws {
        let vectors = try VectorFile("Wallet/bip-0350.json").decode(BIPVectors.self).validSegwitAddresses
        let mainnet = vectors.filter { $0.address.lowercased().hasPrefix("bc1") }
        #expect(mainnet.count == 5)
        for vector in mainnet {
            let canonical = "btc:" + vector.address.lowercased()
            #expect(try canonicalWallet(vector.address) == canonical)
            #expect(try canonicalWallet("btc:" + vector.address) == canonical)
            #expect(try canonicalWallet("BTC:" + vector.address.uppercased()) == canonical)
        }
    }

    @Test(arguments: ["bip-0173.json", "bip-0350.json"])
    func validTestnetAddressesAreRefused(file: String) throws {
        let vectors = try VectorFile("Wallet/\(file)").decode(BIPVectors.self).validSegwitAddresses
        let testnet = vectors.filter { $0.address.hasPrefix("tb1") }
        #expect(testnet.count >= 2)
        for vector in testnet {
            #expect(throws: WalletAddressError.testnetAddress) { try canonicalWallet(vector.address) }
            #expect(throws: WalletAddressError.testnetAddress) { try canonicalWallet("btc:" + vector.address) }
        }
    }

    /// BIP-173 listed these witness version 1+ addresses as valid with a bech32 checksum;
    /// BIP-350 requires bech32m for them.
    @Test func bip173HigherVersionAddressesNeedBech32mSinceBIP350() throws {
        let vectors = try VectorFile("Wallet/bip-0173.json").decode(BIPVectors.self).validSegwitAddresses
        let expected: [String: Int] = [
            "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx": 1,
            "BC1SW50QA3JX3S": 16,
            "bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj": 2,
        ]
        let higher = vectors.filter { expected[$0.address] != nil }
        #expect(higher.count == 3)
        for vector in higher {
            let version = try #require(expected[vector.address])
            #expect(throws: WalletAddressError.wrongChecksumVariant(witnessVersion: version)) {
                try canonicalWallet(vector.address)
            }
        }
    }

    @Test(arguments: ["bip-0173.json", "bip-0350.json"])
    func invalidAddressesAreRejectedForTheBIPsReason(file: String) throws {
        let vectors = try VectorFile("Wallet/\(file)").decode(BIPVectors.self).invalidSegwitAddresses
        #expect(vectors.count >= 10)
        for vector in vectors {
            let comment: Comment = "\(vector.address): \(vector.reason)"
            #expect(throws: WalletAddressError.self, comment) { try canonicalWallet(vector.address) }
            #expect(throws: WalletAddressError.self, comment) { try canonicalWallet("btc:" + vector.address) }
            if let reason = expectedSegwitErrors[vector.address] {
                #expect(throws: reason, comment) { try canonicalWallet("btc:" + vector.address) }
            }
        }
    }
}

/// The specific error for every invalid BIP vector whose reason is unambiguous; the testnet ones
/// with other defects may fail for either reason.
private let expectedSegwitErrors: [String: WalletAddressError] = [
    "tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty": .unknownBech32Prefix("tc"),
    "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut": .unknownBech32Prefix("tc"),
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5": .bech32ChecksumMismatch,
    "BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2": .invalidWitnessVersion(17),
    "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R": .invalidWitnessVersion(17),
    "bc1rw5uspcuh": .invalidWitnessProgramLength(witnessVersion: 3, bytes: 1),
    "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90":
        .invalidWitnessProgramLength(witnessVersion: 15, bytes: 41),
    "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P": .invalidWitnessProgramLength(witnessVersion: 0, bytes: 16),
    "bc1pw5dgrnzv": .invalidWitnessProgramLength(witnessVersion: 1, bytes: 1),
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav":
        .invalidWitnessProgramLength(witnessVersion: 1, bytes: 41),
    "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7": .bech32MixedCase,
    "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq": .bech32MixedCase,
    "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du": .invalidWitnessProgramPadding,
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf": .invalidWitnessProgramPadding,
    "bc1gmk9yu": .missingWitnessVersion,
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd": .wrongChecksumVariant(witnessVersion: 1),
    "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL": .wrongChecksumVariant(witnessVersion: 16),
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh": .wrongChecksumVariant(witnessVersion: 0),
    "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4": .bech32InvalidCharacter("o"),
]
