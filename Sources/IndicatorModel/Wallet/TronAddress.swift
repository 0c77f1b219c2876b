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
    var payload = [UInt8]()
    payload.reserveCapacity(21)
    var index = address.startIndex
    while index < address.endIndex {
        guard let high = hexValue(address[index]), let low = hexValue(address[index + 1]) else { return nil }
        payload.append(high << 4 | low)
        index += 2
    }
    return payload
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
