/// The IBAN format of one country: its length and what each BBAN position may hold.
struct IBANFormat: Sendable {
    let length: Int
    /// One class per BBAN position (IBAN positions 5 onwards).
    let bban: [IBANCharacterClass]
}

/// The country tables bank accounts are checked against, parsed once from the generated texts.
enum CountryRegistry {
    /// Index of a two-uppercase-letter code in the 26 × 26 tables, or nil for other bytes.
    static func index(_ first: UInt8, _ second: UInt8) -> Int? {
        guard (0x41...0x5A).contains(first), (0x41...0x5A).contains(second) else { return nil }
        return Int(first - 0x41) * 26 + Int(second - 0x41)
    }

    /// IBAN formats by country index.
    static let ibanFormats: [IBANFormat?] = parseIBANFormats()

    /// Whether each country index is an ISO 3166-1 alpha-2 code.
    static let isISO3166Country: [Bool] = parseISO3166Codes()
}

private func parseIBANFormats() -> [IBANFormat?] {
    var table = [IBANFormat?](repeating: nil, count: 26 * 26)
    for line in ibanRegistryText.split(separator: "\n") {
        let fields = line.split(separator: " ")
        let code = Array(fields[0].utf8)
        guard fields.count >= 3, code.count == 2, let index = CountryRegistry.index(code[0], code[1]),
            let length = Int(fields[1])
        else { preconditionFailure("malformed generated IBAN registry line") }
        table[index] = IBANFormat(length: length, bban: parseBBANStructure(fields[2]))
    }
    return table
}

private func parseISO3166Codes() -> [Bool] {
    var table = [Bool](repeating: false, count: 26 * 26)
    for code in iso3166Alpha2Text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
        let bytes = Array(code.utf8)
        guard bytes.count == 2, let index = CountryRegistry.index(bytes[0], bytes[1]) else {
            preconditionFailure("malformed generated ISO 3166 code")
        }
        table[index] = true
    }
    return table
}

/// Expands registry notation such as `4!a6!n8!c` into one class per position.
private func parseBBANStructure(_ spec: Substring) -> [IBANCharacterClass] {
    var classes: [IBANCharacterClass] = []
    var count = 0
    for byte in spec.utf8 {
        switch byte {
        case 0x30...0x39: count = count * 10 + Int(byte - 0x30)
        case UInt8(ascii: "!"): continue
        case UInt8(ascii: "n"), UInt8(ascii: "a"), UInt8(ascii: "c"):
            let kind: IBANCharacterClass =
                byte == UInt8(ascii: "n") ? .digit : byte == UInt8(ascii: "a") ? .letter : .alphanumeric
            classes += repeatElement(kind, count: count)
            count = 0
        default: preconditionFailure("unknown BBAN structure character in generated registry")
        }
    }
    return classes
}
