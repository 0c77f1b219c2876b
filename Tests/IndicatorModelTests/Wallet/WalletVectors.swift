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
