/// libphonenumber's `parseHelper` over digits: international prefix or `+`, country calling
/// code, national prefix and carrier code, following the Java `PhoneNumberUtil` step by step.
struct PhoneNumberParser {
    /// The longest national significant number libphonenumber parses (MAX_LENGTH_FOR_NSN).
    static let maximumNationalLength = 17
    /// The shortest (MIN_LENGTH_FOR_NSN).
    static let minimumNationalLength = 2

    let home: PhoneRegion?

    func parse(_ input: PhoneNumberInput) throws(PhoneNumberError) -> ParsedPhoneNumber {
        // isViablePhoneNumber: two digits at least, three after a plus sign.
        if input.digitCount < (input.hasPlus ? 3 : Self.minimumNationalLength) {
            if input.hasPlus { throw .nationalNumberMissing }
            guard let home else { throw .regionRequired }
            throw .tooShort(region: home.label, digits: input.digitCount, expected: home.general.lengths.minimum)
        }
        guard input.hasPlus || home != nil else { throw .regionRequired }
        if input.digitCount > DigitString.capacity {
            try throwTooLong(input)
        }

        var extracted: (countryCode: Int, number: DigitString)?
        do {
            extracted = try extractCountryCode(input.digits, hasPlus: input.hasPlus)
        } catch {
            // Like parseHelper: a plus followed by no valid code may be a plus before an IDD.
            guard case .invalidCountryCode = error, input.hasPlus else { throw error }
            extracted = try extractCountryCode(input.digits, hasPlus: false)
            if extracted == nil { throw error }
        }
        let countryCode: Int
        var number: DigitString
        let region: PhoneRegion
        if let extracted {
            countryCode = extracted.countryCode
            number = extracted.number
            region = Self.mainRegion(for: countryCode)
        } else if let home {
            countryCode = home.countryCode
            number = input.digits
            region = home
        } else {
            throw .regionRequired
        }

        if number.count < Self.minimumNationalLength {
            throw .tooShort(region: region.label, digits: number.count, expected: region.general.lengths.minimum)
        }
        var potential = number
        if region.stripNationalPrefix(&potential) {
            switch region.lengthVerdict(potential.count) {
            case .tooShort, .possibleLocalOnly, .invalidLength: break
            case .possible, .tooLong: number = potential
            }
        }
        if number.count < Self.minimumNationalLength {
            throw .tooShort(region: region.label, digits: number.count, expected: region.general.lengths.minimum)
        }
        if number.count > Self.maximumNationalLength {
            throw .tooLong(region: region.label, digits: number.count, expected: region.general.lengths.maximum)
        }
        return ParsedPhoneNumber(countryCode: countryCode, nationalNumber: number)
    }

    /// libphonenumber's `maybeExtractCountryCode`: the country calling code and the rest, or nil
    /// when the number carries none (national format).
    private func extractCountryCode(
        _ digits: DigitString, hasPlus: Bool
    ) throws(PhoneNumberError) -> (countryCode: Int, number: DigitString)? {
        var full = digits
        var isInternational = hasPlus
        if !hasPlus, let prefix = home?.internationalPrefix, let match = prefix.lookingAt(full) {
            // parsePrefixAsIdd: a 0 after the prefix means it was not one, as codes never start with 0.
            if match.end >= full.count || full[match.end] != 0 {
                full.removeFirst(match.end)
                isInternational = true
            }
        }
        if isInternational {
            if full.count <= Self.minimumNationalLength { throw .nationalNumberMissing }
            guard let length = Self.countryCodeLength(full) else {
                throw .invalidCountryCode(full.prefixText(3))
            }
            return (full.prefixValue(length), full.dropFirst(length))
        }
        guard let home, full.starts(with: home.countryCodeDigits) else { return nil }
        // The number may start with the region's own code written without a plus.
        var potential = full.dropFirst(home.countryCodeDigits.count)
        _ = home.stripNationalPrefix(&potential)
        let general = home.general.automaton
        if (!general.matches(full) && general.matches(potential)) || home.lengthVerdict(full.count) == .tooLong {
            return (home.countryCode, potential)
        }
        return nil
    }

    /// The length of the assigned country calling code the digits start with (libphonenumber's
    /// `extractCountryCode`), nil if none does.
    static func countryCodeLength(_ digits: DigitString) -> Int? {
        guard !digits.isEmpty, digits[0] != 0 else { return nil }
        let table = PhoneMetadataTable.shared
        for length in 1...min(3, digits.count) where !table.regionsByCountryCode[digits.prefixValue(length)].isEmpty {
            return length
        }
        return nil
    }

    static func mainRegion(for countryCode: Int) -> PhoneRegion {
        PhoneCountry.at(countryCode).mainRegion
    }

    /// More digits than any phone number has: report it for the region they name.
    private func throwTooLong(_ input: PhoneNumberInput) throws(PhoneNumberError) -> Never {
        var region = home
        var codeLength = 0
        if input.hasPlus {
            guard let length = Self.countryCodeLength(input.digits) else {
                throw .invalidCountryCode(input.digits.prefixText(3))
            }
            region = Self.mainRegion(for: input.digits.prefixValue(length))
            codeLength = length
        }
        guard let region else { throw .regionRequired }
        throw .tooLong(
            region: region.label, digits: input.digitCount - codeLength, expected: region.general.lengths.maximum)
    }
}

extension DigitString {
    /// The first digits (at most `length`) as text, for error messages.
    func prefixText(_ length: Int) -> String {
        var prefix = DigitString()
        prefix.append(contentsOf: self, to: Swift.min(length, count))
        return prefix.text
    }
}
