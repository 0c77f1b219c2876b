/// The canonical form of a wallet address: `btc:`, `eth:` or `trx:` followed by the address in its
/// one accepted spelling.
///
/// The input is a bare address, whose chain is told from its shape, or one prefixed with `btc:`,
/// `eth:` or `trx:` (any case). Checksums are always verified (base58check, bech32/bech32m,
/// EIP-55 for mixed-case Ethereum addresses) so that a mistyped address is rejected rather than
/// hashed into a token nobody else will ever share. Only mainnet addresses are accepted.
/// - Bitcoin: base58check P2PKH/P2SH unchanged (base58 is case-sensitive); segwit lowercased.
/// - Ethereum: `0x` and 40 lowercase hex digits; `0X` and, after `eth:`, no `0x` at all are accepted.
/// - TRON: the base58check `T…` address unchanged; after `trx:`, the hex form (`41…`) is re-encoded.
func canonicalWallet(_ raw: String) throws(WalletAddressError) -> String {
    let bytes = Array(raw.utf8)
    let chain: WalletChain
    let body: ArraySlice<UInt8>
    if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
        let prefix = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        guard let named = WalletChain(rawValue: prefix) else { throw .unknownChainPrefix(String(prefix.prefix(16))) }
        body = bytes[(colon + 1)...].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard !body.isEmpty else { throw .missingAddress(chain: named) }
        if let detected = detectedChain(of: body), detected != named {
            throw .chainMismatch(prefix: named, detected: detected)
        }
        chain = named
    } else {
        guard let detected = detectedChain(of: bytes[...]) else { throw .undetectableChain }
        chain = detected
        body = bytes[...]
    }
    switch chain {
    case .bitcoin: return "btc:" + (try canonicalBitcoinAddress(body))
    case .ethereum: return "eth:" + (try canonicalEthereumAddress(body))
    case .tron: return "trx:" + (try canonicalTronAddress(body))
    }
}

/// The chain an address's shape points to, before any checksum is verified, or nil.
private func detectedChain(of address: ArraySlice<UInt8>) -> WalletChain? {
    guard let first = address.first else { return nil }
    if hasHexPrefix(address) { return .ethereum }
    // 40 bare hex digits are most likely Ethereum's but could be any hash: not guessed, and not
    // mistaken for Bitcoin when they happen to start with bc1.
    if address.count == 40, address.allSatisfy(isHexDigit) { return nil }
    if bitcoinBech32Prefixes.contains(where: { startsCaseInsensitively(address, with: $0) }) { return .bitcoin }
    if first == UInt8(ascii: "T"), address.count == 34 { return .tron }
    if bitcoinBase58LeadingCharacters.contains(first), (25...35).contains(address.count) { return .bitcoin }
    return nil
}

/// `1`/`3` start mainnet base58 addresses, `m`/`n`/`2` testnet ones (detected, then refused).
private let bitcoinBase58LeadingCharacters = Array("13mn2".utf8)

/// Whether an address starts with `0x` or `0X`.
func hasHexPrefix(_ address: ArraySlice<UInt8>) -> Bool {
    address.count >= 2 && address[address.startIndex] == UInt8(ascii: "0")
        && address[address.startIndex + 1] | 0x20 == UInt8(ascii: "x")
}

/// Whether an address starts with a lowercase ASCII prefix, ignoring the address's case.
func startsCaseInsensitively(_ address: ArraySlice<UInt8>, with prefix: [UInt8]) -> Bool {
    address.count >= prefix.count
        && zip(address, prefix).allSatisfy { byte, expected in byte == expected || byte | 0x20 == expected }
}
