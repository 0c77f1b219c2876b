import Testing

@testable import IndicatorModel

/// EIP-55's test cases (Vectors/Wallet/eip-55.json) and the Ethereum input rules.
struct EthereumAddressTests {
    @Test func everyEIP55TestCaseBecomesLowercaseETH() throws {
        let vectors = try VectorFile("Wallet/eip-55.json").decode(EIP55Vectors.self)
        let all = vectors.allCaps + vectors.allLower + vectors.normal
        #expect(all.count == 8)
        for address in all {
            #expect(try canonicalWallet(address) == "eth:" + address.lowercased(), "\(address)")
            #expect(try canonicalWallet("eth:" + address) == "eth:" + address.lowercased(), "\(address)")
        }
    }

    @Test func eip55SpellingOfEachTestCaseIsTheTestCase() throws {
        let vectors = try VectorFile("Wallet/eip-55.json").decode(EIP55Vectors.self)
        for address in vectors.allCaps + vectors.allLower + vectors.normal {
            let digits = Array(address.utf8.dropFirst(2))
            let spelled = eip55ChecksumCase(ofLowercase: digits.map { $0 | 0x20 })
            #expect(String(decoding: spelled, as: UTF8.self) == String(address.dropFirst(2)))
        }
    }

    @Test func flippingTheCaseOfAnyLetterFailsTheChecksum() throws {
        for address in try VectorFile("Wallet/eip-55.json").decode(EIP55Vectors.self).normal {
            let characters = Array(address.utf8)
            for index in 2..<characters.count where characters[index] >= UInt8(ascii: "A") {
                var flipped = characters
                flipped[index] ^= 0x20
                #expect(throws: WalletAddressError.eip55ChecksumMismatch, "\(address) at \(index)") {
                    try canonicalWallet(String(decoding: flipped, as: UTF8.self))
                }
            }
        }
    }

    @Test(
        "Uppercase and lowercase copies of a checksummed address are accepted as they are",
        arguments: [
            "0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            "0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "eth:5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            "ETH:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "eth: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        ])
    func caseVariants(raw: String) throws {
        #expect(try canonicalWallet(raw) == "eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
    }

    @Test func nonHexCharacterIsNamed() {
        #expect(throws: WalletAddressError.invalidHexCharacter("g")) {
            try canonicalWallet("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")
        }
        #expect(throws: WalletAddressError.invalidHexCharacter("é")) {
            try canonicalWallet("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaé")
        }
    }

    @Test func wrongNumberOfDigitsSaysHowMany() {
        #expect(throws: WalletAddressError.wrongHexLength(digits: 39)) {
            try canonicalWallet("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae")
        }
        #expect(throws: WalletAddressError.wrongHexLength(digits: 42)) {
            try canonicalWallet("eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00")
        }
    }

    @Test func unprefixedHexAfterETHIsNotMistakenForBitcoin() throws {
        let digits = "bc1" + String(repeating: "0", count: 37)
        #expect(try canonicalWallet("eth:" + digits) == "eth:0x" + digits)
    }

    @Test func bareHexWithoutPrefixIsNotGuessed() {
        #expect(throws: WalletAddressError.undetectableChain) {
            try canonicalWallet("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
        }
    }
}
