/// Validates an IBAN in electronic format (uppercase letters and digits only) and returns it as text.
///
/// Checks, in order: the country is an IBAN country, the length is that country's, the check
/// digits are digits, each BBAN character fits the registry's structure, and the ISO 7064 mod-97
/// check holds with check digits in 02...98.
func validatedIBAN(_ iban: [UInt8]) throws(BankAccountError) -> String {
    guard iban.count >= 2, let index = CountryRegistry.index(iban[0], iban[1]) else { throw .missingCountryCode }
    let country = String(decoding: iban[0..<2], as: UTF8.self)
    guard let format = CountryRegistry.ibanFormats[index] else {
        throw CountryRegistry.isISO3166Country[index] ? .notAnIBANCountry(country) : .unknownCountry(country)
    }
    guard iban.count == format.length else {
        throw .wrongLength(country: country, length: iban.count, expected: format.length)
    }
    guard isASCIIDigit(iban[2]), isASCIIDigit(iban[3]) else { throw .checkDigitsNotNumeric }
    for (offset, expected) in format.bban.enumerated() {
        let byte = iban[4 + offset]
        let fits =
            switch expected {
            case .digit: isASCIIDigit(byte)
            case .letter: isASCIIUppercase(byte)
            case .alphanumeric: isASCIIDigit(byte) || isASCIIUppercase(byte)
            }
        guard fits else { throw .bbanStructure(country: country, position: 5 + offset, expected: expected) }
    }
    let checkDigits = Int(iban[2] - 0x30) * 10 + Int(iban[3] - 0x30)
    guard (2...98).contains(checkDigits), mod97(iban) == 1 else { throw .checksum }
    return String(decoding: iban, as: UTF8.self)
}

/// ISO 7064 MOD 97-10 of the IBAN rearranged (BBAN, then country and check digits), letters
/// counting as 10...35, computed digit by digit so no big integer is needed.
private func mod97(_ iban: [UInt8]) -> Int {
    var remainder = 0
    for position in 0..<iban.count {
        let byte = iban[(position + 4) % iban.count]
        if isASCIIDigit(byte) {
            remainder = (remainder * 10 + Int(byte - 0x30)) % 97
        } else {
            remainder = (remainder * 100 + Int(byte - 0x41) + 10) % 97
        }
    }
    return remainder
}
