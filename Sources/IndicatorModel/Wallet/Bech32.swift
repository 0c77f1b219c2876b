/// Bech32 (BIP-173) and bech32m (BIP-350): a human-readable prefix, the separator `1`, 5-bit data
/// characters and a 6-character BCH checksum that tells the two variants apart.
enum Bech32 {
    /// Which checksum constant a string satisfies.
    enum Variant: Equatable {
        case bech32
        case bech32m

        var checksumConstant: UInt32 {
            switch self {
            case .bech32: 1
            case .bech32m: 0x2bc8_30a3
            }
        }
    }

    /// A decoded string: the lowercase prefix, the 5-bit data values before the checksum, and
    /// which variant's checksum it carries.
    struct Decoded: Equatable {
        var humanReadablePart: [UInt8]
        var data: [UInt8]
        var variant: Variant
    }

    static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    static let maximumLength = 90

    /// Decodes a bech32 or bech32m string, checking its characters, case and checksum.
    static func decode(_ text: ArraySlice<UInt8>) throws(WalletAddressError) -> Decoded {
        guard text.count <= maximumLength else { throw .bech32Malformed }
        var hasLower = false
        var hasUpper = false
        for index in text.indices {
            let byte = text[index]
            guard (33...126).contains(byte) else { throw .bech32InvalidCharacter(character(at: index, in: text)) }
            if (0x61...0x7A).contains(byte) { hasLower = true }
            if (0x41...0x5A).contains(byte) { hasUpper = true }
        }
        guard !(hasLower && hasUpper) else { throw .bech32MixedCase }
        guard let separator = text.lastIndex(of: UInt8(ascii: "1")),
            separator > text.startIndex, text.endIndex - separator > 6
        else { throw .bech32Malformed }
        let humanReadablePart = text[..<separator].map(asciiLowercased)
        var values = [UInt8]()
        values.reserveCapacity(text.endIndex - separator - 1)
        for index in (separator + 1)..<text.endIndex {
            let value = bech32DigitValues[Int(asciiLowercased(text[index]))]
            guard value >= 0 else { throw .bech32InvalidCharacter(character(at: index, in: text)) }
            values.append(UInt8(value))
        }
        let residue = checksumResidue(humanReadablePart: humanReadablePart, values: values)
        let variant: Variant
        switch residue {
        case Variant.bech32.checksumConstant: variant = .bech32
        case Variant.bech32m.checksumConstant: variant = .bech32m
        default: throw .bech32ChecksumMismatch
        }
        return Decoded(humanReadablePart: humanReadablePart, data: Array(values.dropLast(6)), variant: variant)
    }

    /// The BCH polymod over the expanded prefix and the values, checksum included; a valid string
    /// leaves its variant's constant.
    static func checksumResidue(humanReadablePart: [UInt8], values: [UInt8]) -> UInt32 {
        var checksum: UInt32 = 1
        for byte in humanReadablePart { step(&checksum, byte >> 5) }
        step(&checksum, 0)
        for byte in humanReadablePart { step(&checksum, byte & 31) }
        for value in values { step(&checksum, value) }
        return checksum
    }

    /// Regroups 5-bit values into bytes, rejecting more than 4 bits of padding or non-zero padding.
    static func bytes(fromFiveBitValues values: ArraySlice<UInt8>) throws(WalletAddressError) -> [UInt8] {
        var accumulator: UInt32 = 0
        var bits = 0
        var result = [UInt8]()
        result.reserveCapacity(values.count * 5 / 8)
        for value in values {
            accumulator = (accumulator << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                result.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        guard bits <= 4, accumulator & ((1 << UInt32(bits)) - 1) == 0 else { throw .invalidWitnessProgramPadding }
        return result
    }

    private static func step(_ checksum: inout UInt32, _ value: UInt8) {
        let top = checksum >> 25
        checksum = (checksum & 0x1ff_ffff) << 5 ^ UInt32(value)
        for (bit, generator) in generators.enumerated() where (top >> bit) & 1 == 1 {
            checksum ^= generator
        }
    }

    private static let generators: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
}

/// Each byte's value as a bech32 data character, or -1.
private let bech32DigitValues: [Int8] = {
    var values = [Int8](repeating: -1, count: 256)
    for (value, byte) in Bech32.charset.enumerated() { values[Int(byte)] = Int8(value) }
    return values
}()
