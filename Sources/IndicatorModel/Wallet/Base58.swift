import Crypto

/// Base58 as Bitcoin and TRON write addresses: the digits and letters without 0, O, I and l.
enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    /// The byte string a base58 text stands for; each leading `1` is a leading zero byte.
    ///
    /// Callers bound the length first: the work grows with its square.
    static func decode(_ text: ArraySlice<UInt8>) throws(WalletAddressError) -> [UInt8] {
        // 58 < 2^6, so every character adds at most 6 bits: a safe bound for the byte count.
        var number = [UInt8](repeating: 0, count: text.count * 6 / 8 + 1)
        var leadingZeros = 0
        var seenNonZero = false
        for index in text.indices {
            let value = base58DigitValues[Int(text[index])]
            guard value >= 0 else { throw .invalidBase58Character(character(at: index, in: text)) }
            if value == 0, !seenNonZero { leadingZeros += 1 }
            if value != 0 { seenNonZero = true }
            var carry = Int(value)
            for position in number.indices.reversed() {
                carry += 58 * Int(number[position])
                number[position] = UInt8(truncatingIfNeeded: carry)
                carry >>= 8
            }
        }
        let significant = number.drop { $0 == 0 }
        return [UInt8](repeating: 0, count: leadingZeros) + significant
    }

    /// The base58 text for a byte string; each leading zero byte becomes a `1`.
    static func encode(_ bytes: [UInt8]) -> String {
        let leadingZeros = bytes.prefix { $0 == 0 }.count
        // 58 > 2^5, so every character carries more than 5 bits: a safe bound for the digit count.
        var digits = [UInt8](repeating: 0, count: bytes.count * 8 / 5 + 1)
        for byte in bytes {
            var carry = Int(byte)
            for position in digits.indices.reversed() {
                carry += 256 * Int(digits[position])
                digits[position] = UInt8(carry % 58)
                carry /= 58
            }
        }
        let significant = digits.drop { $0 == 0 }.map { alphabet[Int($0)] }
        return String(repeating: "1", count: leadingZeros) + String(decoding: significant, as: UTF8.self)
    }

    /// Whether the last 4 bytes are the base58check checksum of the rest.
    static func hasValidChecksum(_ bytes: [UInt8]) -> Bool {
        bytes.count > 4 && checksum(of: bytes.dropLast(4)).elementsEqual(bytes.suffix(4))
    }

    /// The base58check checksum: the first 4 bytes of the double SHA-256 of the payload.
    static func checksum(of payload: ArraySlice<UInt8>) -> [UInt8] {
        var first = SHA256()
        payload.withUnsafeBytes { first.update(bufferPointer: $0) }
        var second = SHA256()
        first.finalize().withUnsafeBytes { second.update(bufferPointer: $0) }
        return Array(second.finalize().prefix(4))
    }
}

/// Each byte's value as a base58 digit, or -1.
private let base58DigitValues: [Int8] = {
    var values = [Int8](repeating: -1, count: 256)
    for (value, byte) in Base58.alphabet.enumerated() { values[Int(byte)] = Int8(value) }
    return values
}()
