/// Why a value is not a bank account scamhub can share.
public enum BankAccountError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Neither `iban:` followed by an IBAN nor a domestic `CC:bankcode:account`.
    case unrecognizedForm
    /// The two letters are not an ISO 3166-1 alpha-2 country code (nor an IBAN country).
    case unknownCountry(String)
    /// The country is real but does not use IBAN, so its accounts go in the domestic form.
    case notAnIBANCountry(String)
    /// The IBAN does not start with a two-letter country code.
    case missingCountryCode
    /// The IBAN has the wrong number of characters for its country.
    case wrongLength(country: String, length: Int, expected: Int)
    /// Positions 3 and 4 of an IBAN must be the two check digits.
    case checkDigitsNotNumeric
    /// A character of the BBAN does not fit the country's format; `position` counts from 1 in the IBAN.
    case bbanStructure(country: String, position: Int, expected: IBANCharacterClass)
    /// The ISO 7064 mod-97 check failed, or the check digits are 00, 01 or 99, which no IBAN carries.
    case checksum
    /// A character that has no place in an IBAN or account number.
    case disallowedCharacter(Unicode.Scalar)
    /// A domestic account needs exactly three colon-separated parts.
    case badDomesticForm(parts: Int)
    /// The domestic form's bank code is empty.
    case missingBankCode(country: String)
    /// The domestic form's account number is empty.
    case missingAccountNumber(country: String)
    /// The bank code is longer than any bank code (or BIC) is.
    case bankCodeTooLong(length: Int, limit: Int)
    /// The account number is longer than the longest IBAN.
    case accountNumberTooLong(length: Int, limit: Int)

    public var description: String {
        switch self {
        case .unrecognizedForm:
            "not a bank account: write iban: and the IBAN (iban:GB82WEST12345698765432) or a domestic "
                + "account as country:bankcode:account (TH:004:1234567890)"
        case .unknownCountry(let code):
            "\(code) is not an ISO 3166 country code; start with the account's two-letter country code, e.g. TH"
        case .notAnIBANCountry(let code):
            "\(code) does not use IBAN; use the domestic form \(code):bankcode:account"
        case .missingCountryCode:
            "an IBAN starts with its two-letter country code, e.g. GB82…"
        case .wrongLength(let country, let length, let expected):
            "IBAN too \(length < expected ? "short" : "long") for \(country): \(length) characters, "
                + "expected \(expected); check for a missing or extra character"
        case .checkDigitsNotNumeric:
            "IBAN positions 3 and 4 must be the two check digits; check the start of the IBAN"
        case .bbanStructure(let country, let position, let expected):
            "IBAN position \(position): expected \(expected) for a \(country) IBAN; check that character"
        case .checksum:
            "IBAN check digits do not match: a character was mistyped; compare it with the original"
        case .disallowedCharacter(let scalar):
            "character \(scalar.escaped(asASCII: true)) is not allowed in a bank account; use letters and digits"
        case .badDomesticForm(let parts):
            "a domestic account has three parts, country:bankcode:account, but this has \(parts)"
        case .missingBankCode(let country):
            "the \(country) account has no bank code; write \(country):bankcode:account"
        case .missingAccountNumber(let country):
            "the \(country) account has no account number; write \(country):bankcode:account"
        case .bankCodeTooLong(let length, let limit):
            "bank code too long: \(length) characters, at most \(limit); give the bank's code, not its name"
        case .accountNumberTooLong(let length, let limit):
            "account number too long: \(length) characters, at most \(limit)"
        }
    }
}

/// What an IBAN position may hold, as the IBAN registry's BBAN structure says.
public enum IBANCharacterClass: Sendable, Equatable, CustomStringConvertible {
    /// `n`: a digit 0-9.
    case digit
    /// `a`: an uppercase letter A-Z.
    case letter
    /// `c`: a letter or a digit.
    case alphanumeric

    public var description: String {
        switch self {
        case .digit: "a digit"
        case .letter: "a letter"
        case .alphanumeric: "a letter or digit"
        }
    }
}
