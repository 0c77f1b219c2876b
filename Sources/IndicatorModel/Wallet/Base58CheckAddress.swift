/// Checks a base58check address: characters, 25 bytes, checksum, then a version byte of the chain.
func verifyBase58CheckAddress(
    _ address: ArraySlice<UInt8>, for chain: WalletChain
) throws(WalletAddressError) {
    // 25 bytes take at most 35 base58 characters; longer text cannot be an address, and the
    // decoder's work grows with the square of the length.
    guard address.count <= 35 else { throw .base58TooLong(chain: chain, characters: address.count) }
    let bytes = try Base58.decode(address)
    guard bytes.count == 25 else { throw .wrongDecodedLength(chain: chain, bytes: bytes.count) }
    guard Base58.hasValidChecksum(bytes) else { throw .base58ChecksumMismatch(chain: chain) }
    let version = bytes[0]
    switch (version, chain) {
    case (0x00, .bitcoin), (0x05, .bitcoin), (0x41, .tron): return
    case (0x6F, .bitcoin), (0xC4, .bitcoin): throw .testnetAddress
    case (0x00, _), (0x05, _): throw .chainMismatch(prefix: chain, detected: .bitcoin)
    case (0x41, _): throw .chainMismatch(prefix: chain, detected: .tron)
    default: throw .wrongVersionByte(chain: chain, version: version)
    }
}
