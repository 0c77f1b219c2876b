/// Brings a phone number into E.164 form (`+66812345678`), accepting it only when libphonenumber
/// would call it valid.
///
/// Behaves like libphonenumber's `parse(raw, defaultRegion)`, `isValidNumber` and
/// `format(E164)` on the metadata of phonenumbers 9.0.43 (see tools/generate-phone-metadata.py),
/// except that letters, extensions and characters outside the accepted set are rejected instead
/// of converted or skipped (see `PhoneNumberInput`).
/// - Parameters:
///   - raw: the number in national (`081 234 5678`), international (`+66 81-234-5678`), dialled
///     (`0066812345678`) or RFC 3966 (`tel:+66-81-234-5678`) form.
///   - defaultRegion: the ISO 3166 alpha-2 region (any case) that national-format numbers and
///     international prefixes belong to; nil if the number starts with `+`.
func canonicalPhoneNumber(_ raw: String, defaultRegion: String?) throws(PhoneNumberError) -> String {
    var home: PhoneRegion?
    if let defaultRegion {
        guard let region = PhoneCountry.region(forCode: defaultRegion) else { throw .unknownRegion(defaultRegion) }
        home = region
    }
    let input = try PhoneNumberInput(scanning: raw)
    let parsed = try PhoneNumberParser(home: home).parse(input)
    return try parsed.validatedE164()
}

/// A parsed number before validation: libphonenumber's `PhoneNumber` without extension.
struct ParsedPhoneNumber {
    var countryCode: Int
    /// The national significant number, Italian leading zeros included.
    var nationalNumber: DigitString

    /// E.164 text if `isValidNumber` holds, else the most helpful error.
    func validatedE164() throws(PhoneNumberError) -> String {
        let country = PhoneCountry.at(countryCode)
        var region: PhoneRegion?
        if country.regions.count == 1 {
            region = country.mainRegion
        } else {
            // getRegionCodeForNumberFromRegionList: leading digits decide, else full validation.
            for candidate in country.regions {
                if let leadingDigits = candidate.leadingDigits {
                    if leadingDigits.matchesPrefix(of: nationalNumber) {
                        region = candidate
                        break
                    }
                } else if candidate.isValid(nationalNumber) {
                    region = candidate
                    break
                }
            }
        }
        if let region, region.isValid(nationalNumber) { return e164 }
        throw (region ?? country.mainRegion).diagnose(nationalNumber)
    }

    private var e164: String {
        let code = DigitString(countryCode: countryCode)
        let length = 1 + code.count + nationalNumber.count
        return String(unsafeUninitializedCapacity: length) { buffer in
            buffer[0] = UInt8(ascii: "+")
            for index in 0..<code.count { buffer[1 + index] = code[index] + 0x30 }
            for index in 0..<nationalNumber.count { buffer[1 + code.count + index] = nationalNumber[index] + 0x30 }
            return length
        }
    }
}

extension PhoneRegion {
    /// libphonenumber's `getNumberTypeHelper(...) != UNKNOWN`.
    func isValid(_ number: DigitString) -> Bool {
        general.matches(number) && validationTypes.contains { $0.matches(number) }
    }
}
