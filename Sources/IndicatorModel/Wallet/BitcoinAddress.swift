/// Bech32 prefixes of Bitcoin networks with their separator: mainnet first, then testnet/signet
/// and regtest, which are recognised only to be refused.
let bitcoinBech32Prefixes = [Array("bc1".utf8), Array("tb1".utf8), Array("bcrt1".utf8)]

/// A Bitcoin mainnet address in its canonical spelling: base58check as written, segwit lowercase.
func canonicalBitcoinAddress(_ address: ArraySlice<UInt8>) throws(WalletAddressError) -> String {
    let looksLikeSegwit =
        address.count > 35 || bitcoinBech32Prefixes.contains { startsCaseInsensitively(address, with: $0) }
    if looksLikeSegwit { return try canonicalSegwitAddress(address) }
    try verifyBase58CheckAddress(address, for: .bitcoin)
    return String(decoding: address, as: UTF8.self)
}

/// A segwit address (BIP-173 bech32 for witness version 0, BIP-350 bech32m for 1 to 16) in
/// lowercase, after checking its network, witness version, program length and checksum variant.
private func canonicalSegwitAddress(_ address: ArraySlice<UInt8>) throws(WalletAddressError) -> String {
    let decoded = try Bech32.decode(address)
    let network = String(decoding: decoded.humanReadablePart.prefix(16), as: UTF8.self)
    switch network {
    case "bc": break
    case "tb", "bcrt": throw .testnetAddress
    default: throw .unknownBech32Prefix(network)
    }
    guard let version = decoded.data.first.map(Int.init) else { throw .missingWitnessVersion }
    guard version <= 16 else { throw .invalidWitnessVersion(version) }
    let program = try Bech32.bytes(fromFiveBitValues: decoded.data.dropFirst())
    guard (2...40).contains(program.count), version != 0 || program.count == 20 || program.count == 32 else {
        throw .invalidWitnessProgramLength(witnessVersion: version, bytes: program.count)
    }
    guard decoded.variant == (version == 0 ? .bech32 : .bech32m) else {
        throw .wrongChecksumVariant(witnessVersion: version)
    }
    return String(decoding: address.lazy.map { $0 | 0x20 }, as: UTF8.self)
}
