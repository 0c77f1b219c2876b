/// A TRON mainnet address as its base58check `T…` spelling.
///
/// Besides the usual base58check form, the hex form that TRON's APIs return (`41` and 40 hex
/// digits, any case) is accepted and re-encoded, so both spellings give the same canonical value.
func canonicalTronAddress(_ address: ArraySlice<UInt8>) throws(WalletAddressError) -> String {
    if let payload = tronHexPayload(address) {
        return Base58.encode(payload + Base58.checksum(of: payload[...]))
    }
    try verifyBase58CheckAddress(address, for: .tron)
    return String(decoding: address, as: UTF8.self)
}

/// The 21 bytes of a TRON hex address (`41` and 40 hex digits), or nil for any other text.
private func tronHexPayload(_ address: ArraySlice<UInt8>) -> [UInt8]? {
    guard address.count == 42, address.first == UInt8(ascii: "4"), address.dropFirst().first == UInt8(ascii: "1")
    else { return nil }
    return hexDecoded(address)
}
