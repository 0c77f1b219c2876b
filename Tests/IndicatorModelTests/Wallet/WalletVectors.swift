import Foundation

/// Reads a vector file from Tests/IndicatorModelTests/Vectors/Wallet.
func walletVectors<Vectors: Decodable>(_ name: String, as type: Vectors.Type) throws -> Vectors {
    let url = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../Vectors/Wallet/\(name)")
    return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
}

/// bip-0173.json and bip-0350.json: the BIPs' test vectors, verbatim.
struct BIPVectors: Decodable {
    /// A string the BIP lists as invalid, with the raw byte it writes before or after it.
    struct InvalidString: Decodable {
        var string: String
        var reason: String
        var byteBefore: UInt8?
        var byteAfter: UInt8?

        var bytes: [UInt8] { (byteBefore.map { [$0] } ?? []) + Array(string.utf8) + (byteAfter.map { [$0] } ?? []) }
    }

    struct ValidAddress: Decodable {
        var address: String
        var scriptPubKey: String
    }

    struct InvalidAddress: Decodable {
        var address: String
        var reason: String
    }

    var validBech32: [String]?
    var validBech32m: [String]?
    var invalidBech32: [InvalidString]?
    var invalidBech32m: [InvalidString]?
    var validSegwitAddresses: [ValidAddress]
    var invalidSegwitAddresses: [InvalidAddress]
}

/// eip-55.json: the EIP's test cases, verbatim.
struct EIP55Vectors: Decodable {
    var allCaps: [String]
    var allLower: [String]
    var normal: [String]
}

/// keccak256.json: pycryptodome's Keccak-256 digests, from tools/generate-keccak256-vectors.py.
struct KeccakVectors: Decodable {
    struct Vector: Decodable {
        var message: String
        var digest: String
    }

    var vectors: [Vector]
}

/// addresses.json: real public addresses with their sources.
struct AddressVectors: Decodable {
    struct Mainnet: Decodable {
        var address: String
        var hex: String?
        var canonical: String
        var source: String
    }

    struct Testnet: Decodable {
        var address: String
        var source: String
    }

    var mainnet: [Mainnet]
    var testnet: [Testnet]
}

func bytes(fromHex hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { index in
        UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) ?? 0
    }
}

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}
