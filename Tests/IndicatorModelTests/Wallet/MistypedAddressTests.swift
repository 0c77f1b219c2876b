import Testing

@testable import IndicatorModel

/// Every single-character typo in a real address is refused: the checksums exist to catch them.
struct MistypedAddressTests {
    /// BIP-173/350 guarantee that bech32 and bech32m detect any single substitution.
    @Test(arguments: [
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",  // BIP-350 valid vector
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",  // BIP-173 valid vector, lowercased
    ])
    func segwitSubstitutions(address: String) {
        expectEverySubstitutionRefused(in: address, from: 3, alphabet: Bech32.charset)
    }

    @Test(arguments: ["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"])
    func base58Substitutions(address: String) {
        expectEverySubstitutionRefused(in: address, from: 1, alphabet: Base58.alphabet)
    }
}

/// Replaces each character from `start` on with every other character of the alphabet, in turn,
/// and expects each result to be refused.
private func expectEverySubstitutionRefused(
    in address: String, from start: Int, alphabet: [UInt8], sourceLocation: SourceLocation = #_sourceLocation
) {
    let characters = Array(address.utf8)
    for index in start..<characters.count {
        for replacement in alphabet where replacement != characters[index] {
            var typo = characters
            typo[index] = replacement
            #expect(throws: WalletAddressError.self, "position \(index)", sourceLocation: sourceLocation) {
                try canonicalWallet(String(decoding: typo, as: UTF8.self))
            }
        }
    }
}
