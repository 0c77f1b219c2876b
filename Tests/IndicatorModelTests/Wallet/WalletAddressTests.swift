import Testing

@testable import IndicatorModel

/// Real Bitcoin and TRON addresses (Vectors/Wallet/addresses.json), prefixes and chain detection.
struct WalletAddressTests {
    @Test func realMainnetAddressesCanonicalizeBareAndPrefixed() throws {
        let vectors = try VectorFile("Wallet/addresses.json").decode(AddressVectors.self).mainnet
        #expect(vectors.count == 7)
        for vector in vectors {
            let prefix = String(vector.canonical.prefix(4))
            #expect(try canonicalWallet(vector.address) == vector.canonical, "\(vector.source)")
            #expect(try canonicalWallet(prefix + vector.address) == vector.canonical, "\(vector.source)")
            #expect(try canonicalWallet(prefix.uppercased() + vector.address) == vector.canonical)
        }
    }

    @Test func tronHexFormBecomesTheBase58Form() throws {
        let vectors = try VectorFile("Wallet/addresses.json").decode(AddressVectors.self).mainnet
        let withHex = vectors.compactMap { vector in vector.hex.map { (hex: $0, canonical: vector.canonical) } }
        #expect(withHex.count == 3)
        for vector in withHex {
            #expect(try canonicalWallet("trx:" + vector.hex) == vector.canonical)
            #expect(try canonicalWallet("TRX:" + vector.hex.uppercased()) == vector.canonical)
            #expect(try canonicalWallet("trx:" + vector.hex.lowercased()) == vector.canonical)
        }
    }

    @Test func testnetBase58AddressesAreRefused() throws {
        let vectors = try VectorFile("Wallet/addresses.json").decode(AddressVectors.self).testnet
        #expect(vectors.count == 2)
        for vector in vectors {
            #expect(throws: WalletAddressError.testnetAddress, "\(vector.source)") {
                try canonicalWallet(vector.address)
            }
            #expect(throws: WalletAddressError.testnetAddress) { try canonicalWallet("btc:" + vector.address) }
        }
    }

    @Test(
        "A mistyped character fails the base58check checksum",
        arguments: [
            ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", WalletChain.bitcoin),
            ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", .tron),
            ("trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj7t", .tron),
        ])
    func checksumMismatch(raw: String, chain: WalletChain) {
        #expect(throws: WalletAddressError.base58ChecksumMismatch(chain: chain)) { try canonicalWallet(raw) }
    }

    @Test("Characters base58 leaves out are named", arguments: ["0", "O", "I", "l"])
    func excludedBase58Character(character: String) {
        #expect(throws: WalletAddressError.invalidBase58Character(Character(character))) {
            try canonicalWallet("1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf" + character + "a")
        }
    }

    @Test func missingOrExtraCharactersChangeTheDecodedLength() {
        #expect(throws: WalletAddressError.wrongDecodedLength(chain: .bitcoin, bytes: 24)) {
            try canonicalWallet("1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf")
        }
        #expect(throws: WalletAddressError.wrongDecodedLength(chain: .tron, bytes: 26)) {
            try canonicalWallet("trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6tt")
        }
        #expect(throws: WalletAddressError.base58TooLong(chain: .tron, characters: 36)) {
            try canonicalWallet("trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6ttt")
        }
    }

    /// Built with Python's hashlib: the genesis address's hash160 under Litecoin's P2PKH version
    /// 0x30, and under TRON's 0x41.
    @Test func versionByteOfAnotherChainIsRefused() throws {
        #expect(throws: WalletAddressError.wrongVersionByte(chain: .bitcoin, version: 0x30)) {
            try canonicalWallet("btc:LUEweDxDA4WhvWiNXXSxjM9CYzHPJv4QQF")
        }
        #expect(throws: WalletAddressError.undetectableChain) {
            try canonicalWallet("LUEweDxDA4WhvWiNXXSxjM9CYzHPJv4QQF")
        }
        #expect(try canonicalWallet("TJzCP527E8Pbpt5qwf7NyUmaFZfRQhiAJx") == "trx:TJzCP527E8Pbpt5qwf7NyUmaFZfRQhiAJx")
    }

    @Test(
        "A prefix that disagrees with the address names the detected chain",
        arguments: [
            ("eth:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", WalletChain.ethereum, WalletChain.bitcoin),
            ("trx:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", .tron, .bitcoin),
            ("btc:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", .bitcoin, .tron),
            ("eth:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", .ethereum, .tron),
            ("trx:0xdAC17F958D2ee523a2206206994597C13D831ec7", .tron, .ethereum),
            ("btc:0xdAC17F958D2ee523a2206206994597C13D831ec7", .bitcoin, .ethereum),
            ("eth:bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", .ethereum, .bitcoin),
        ])
    func chainMismatch(raw: String, prefix: WalletChain, detected: WalletChain) {
        #expect(throws: WalletAddressError.chainMismatch(prefix: prefix, detected: detected)) {
            try canonicalWallet(raw)
        }
    }

    @Test func unknownPrefixIsNamedAndEmptyAddressRefused() {
        #expect(throws: WalletAddressError.unknownChainPrefix("bitcoin")) {
            try canonicalWallet("bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
        }
        #expect(throws: WalletAddressError.unknownChainPrefix("sol")) { try canonicalWallet("SOL:abc") }
        #expect(throws: WalletAddressError.missingAddress(chain: .tron)) { try canonicalWallet("trx:") }
    }

    @Test(
        "Shapes of no supported chain are not guessed",
        arguments: [
            "hello", "T", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6", "xpub661MyMwAqRbcF", "ltc1qabc",
        ])
    func undetectable(raw: String) {
        #expect(throws: WalletAddressError.undetectableChain) { try canonicalWallet(raw) }
    }

    @Test func descriptionsSayWhatToDoWithoutRepeatingTheAddress() {
        let inputs = [
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn",
            "eth:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
        ]
        for input in inputs {
            do {
                _ = try canonicalWallet(input)
                Issue.record("\(input) was accepted")
            } catch {
                #expect(!error.description.contains(input))
                #expect(!error.description.contains("invalid"))
                #expect(error.description.contains(";"), "\(error.description)")
            }
        }
        #expect(WalletAddressError.testnetAddress.description.contains("mainnet addresses only"))
        #expect(WalletAddressError.invalidBase58Character("l").description.contains("0, O, I and l"))
    }
}
