/// The canonical form of a bank account: `iban:` and the IBAN in electronic format
/// (`iban:GB82WEST12345698765432`), or a domestic account as `CC:BANKCODE:ACCOUNT`
/// (`TH:004:1234567890`).
///
/// An IBAN may be written `iban:…`, `IBAN …` as on paper forms, or bare when it starts with an IBAN
/// country's code and two check digits; spaces and dashes are dropped and letters uppercased. It
/// must match the IBAN registry's length and BBAN structure for its country and pass the mod-97
/// check. A domestic account is `country:bankcode:account` with an ISO 3166 country; spaces, dashes,
/// dots and slashes inside the bank code and account number are dropped. See docs/bank-accounts.md.
func canonicalBankAccount(_ raw: String) throws(BankAccountError) -> String {
    let bytes = Array(raw.utf8)
    if let rest = afterIBANPrefix(bytes) {
        return "iban:" + (try validatedIBAN(try compacted(rest, dropping: .iban)))
    }
    if bytes.contains(UInt8(ascii: ":")) {
        return try canonicalDomesticAccount(bytes)
    }
    // A bare value is an IBAN only if it starts like one: two letters and two digits.
    let start = Array(bytes.lazy.filter { !Separators.iban.contains($0) }.prefix(4))
    guard start.count == 4, CountryRegistry.index(start[0] & ~0x20, start[1] & ~0x20) != nil,
        isASCIIDigit(start[2]), isASCIIDigit(start[3])
    else { throw .unrecognizedForm }
    let compact = try compacted(bytes[...], dropping: .iban)
    guard let index = CountryRegistry.index(compact[0], compact[1]) else { throw .unrecognizedForm }
    if CountryRegistry.ibanFormats[index] != nil { return "iban:" + (try validatedIBAN(compact)) }
    if CountryRegistry.isISO3166Country[index] {
        throw .notAnIBANCountry(String(decoding: compact[0..<2], as: UTF8.self))
    }
    throw .unrecognizedForm
}

/// The longest bank code accepted: a BIC, the longest bank identifier in use, has 11 characters.
private let bankCodeLengthLimit = 11
/// The longest account number accepted: the longest IBAN has 34 characters.
private let accountNumberLengthLimit = 34

/// The characters dropped between the letters and digits of an account.
private enum Separators {
    /// Spaces and dashes.
    case iban
    /// Spaces, dashes, dots and slashes.
    case domestic

    func contains(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "-"): true
        case UInt8(ascii: "."), UInt8(ascii: "/"): self == .domestic
        default: false
        }
    }
}

/// UTF-8 no-break, narrow no-break and thin spaces, which IBANs copied from PDFs tend to carry.
private let unicodeSpaces: [[UInt8]] = [[0xC2, 0xA0], [0xE2, 0x80, 0xAF], [0xE2, 0x80, 0x89]]

/// The bytes after a case-insensitive `iban:` or `iban ` prefix, or nil when there is none.
private func afterIBANPrefix(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
    guard bytes.count > 4, bytes[4] == UInt8(ascii: ":") || bytes[4] == UInt8(ascii: " ") else { return nil }
    let prefix = bytes[0..<4].map { $0 | 0x20 }  // ASCII lowercase; only letters can then match
    guard prefix == Array("iban".utf8) else { return nil }
    return bytes[5...]
}

/// `CC:bankcode:account` with its parts cleaned up, or the reason it is not one.
private func canonicalDomesticAccount(_ bytes: [UInt8]) throws(BankAccountError) -> String {
    let parts = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
    let country = parts[0].filter { $0 != UInt8(ascii: " ") }.map { $0 & ~0x20 }  // ASCII uppercase
    guard country.count == 2, let index = CountryRegistry.index(country[0], country[1]) else {
        throw .unrecognizedForm
    }
    let code = String(decoding: country, as: UTF8.self)
    // XK (Kosovo) is in the IBAN registry without being in ISO 3166.
    guard CountryRegistry.isISO3166Country[index] || CountryRegistry.ibanFormats[index] != nil else {
        throw .unknownCountry(code)
    }
    guard parts.count == 3 else { throw .badDomesticForm(parts: parts.count) }
    let bankCode = try compacted(parts[1], dropping: .domestic)
    guard !bankCode.isEmpty else { throw .missingBankCode(country: code) }
    guard bankCode.count <= bankCodeLengthLimit else {
        throw .bankCodeTooLong(length: bankCode.count, limit: bankCodeLengthLimit)
    }
    let account = try compacted(parts[2], dropping: .domestic)
    guard !account.isEmpty else { throw .missingAccountNumber(country: code) }
    guard account.count <= accountNumberLengthLimit else {
        throw .accountNumberTooLong(length: account.count, limit: accountNumberLengthLimit)
    }
    return code + ":" + String(decoding: bankCode, as: UTF8.self) + ":" + String(decoding: account, as: UTF8.self)
}

/// ASCII letters (uppercased) and digits with the separators and Unicode spaces dropped; any other
/// character is an error.
private func compacted(
    _ bytes: ArraySlice<UInt8>, dropping separators: Separators
) throws(BankAccountError) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var index = bytes.startIndex
    while index < bytes.endIndex {
        let byte = bytes[index]
        switch byte {
        case 0x30...0x39, 0x41...0x5A: result.append(byte)
        case 0x61...0x7A: result.append(byte - 0x20)
        case _ where separators.contains(byte): break
        default:
            guard let space = unicodeSpaces.first(where: { bytes[index...].starts(with: $0) }) else {
                throw .disallowedCharacter(scalar(at: index, in: bytes))
            }
            index += space.count - 1
        }
        index += 1
    }
    return result
}
