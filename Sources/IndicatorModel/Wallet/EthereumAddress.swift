/// An Ethereum address as `0x` and 40 lowercase hex digits.
///
/// All-lowercase and all-uppercase digits carry no checksum and are accepted as they are; mixed
/// case is an EIP-55 checksum and must match the Keccak-256 of the lowercase hex.
func canonicalEthereumAddress(_ address: ArraySlice<UInt8>) throws(WalletAddressError) -> String {
    let digits = hasHexPrefix(address) ? address.dropFirst(2) : address
    var lowercase = [UInt8]()
    lowercase.reserveCapacity(digits.count)
    var hasLower = false
    var hasUpper = false
    for index in digits.indices {
        let byte = digits[index]
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): break
        case UInt8(ascii: "a")...UInt8(ascii: "f"): hasLower = true
        case UInt8(ascii: "A")...UInt8(ascii: "F"): hasUpper = true
        default: throw .invalidHexCharacter(character(at: index, in: digits))
        }
        lowercase.append(byte | 0x20)
    }
    guard lowercase.count == 40 else { throw .wrongHexLength(digits: lowercase.count) }
    if hasLower && hasUpper, eip55ChecksumCase(ofLowercase: lowercase) != Array(digits) {
        throw .eip55ChecksumMismatch
    }
    return "0x" + String(decoding: lowercase, as: UTF8.self)
}

/// The EIP-55 spelling of lowercase hex digits: a letter is uppercased where the matching
/// nibble of the Keccak-256 of the lowercase ASCII digits is 8 or more.
func eip55ChecksumCase(ofLowercase digits: [UInt8]) -> [UInt8] {
    let hash = keccak256(digits)
    return digits.enumerated().map { index, digit in
        let nibble = index % 2 == 0 ? hash[index / 2] >> 4 : hash[index / 2] & 0x0F
        return digit >= UInt8(ascii: "a") && nibble >= 8 ? digit & ~0x20 : digit
    }
}
