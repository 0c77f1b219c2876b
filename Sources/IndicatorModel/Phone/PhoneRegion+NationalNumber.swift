extension PhoneRegion {
    /// libphonenumber's ValidationResult for a national number length.
    enum LengthVerdict: Equatable {
        case possible, possibleLocalOnly, tooShort, tooLong, invalidLength
    }

    /// libphonenumber's `testNumberLength` against the general description.
    func lengthVerdict(_ length: Int) -> LengthVerdict {
        let lengths = general.lengths
        guard !lengths.isEmpty else { return .invalidLength }
        if general.localOnlyLengths.contains(length) { return .possibleLocalOnly }
        if lengths.minimum == length { return .possible }
        if lengths.minimum > length { return .tooShort }
        if lengths.maximum < length { return .tooLong }
        return lengths.contains(length) ? .possible : .invalidLength
    }

    /// libphonenumber's `maybeStripNationalPrefixAndCarrierCode`: removes a national prefix (and
    /// carrier code) or applies the transform rule, unless that turns a number matching the
    /// general pattern into one that does not. Returns whether it changed `number`.
    func stripNationalPrefix(_ number: inout DigitString) -> Bool {
        guard !number.isEmpty, let prefix = nationalPrefixForParsing, let match = prefix.lookingAt(number) else {
            return false
        }
        let isViableOriginal = general.automaton.matches(number)
        let lastGroup = prefix.captureCount
        let lastGroupMatched = lastGroup == 0 || match.group(lastGroup) != nil
        guard let transformRule, lastGroupMatched else {
            let rest = number.dropFirst(match.end)
            if isViableOriginal, !general.automaton.matches(rest) { return false }
            number = rest
            return true
        }
        var transformed = DigitString()
        for part in transformRule {
            switch part {
            case .digit(let digit):
                if !transformed.isFull { transformed.append(digit) }
            case .group(let group):
                if let range = match.group(group) {
                    transformed.append(contentsOf: number, from: range.lowerBound, to: range.upperBound)
                }
            }
        }
        transformed.append(contentsOf: number, from: match.end)
        if isViableOriginal, !general.automaton.matches(transformed) { return false }
        number = transformed
        return true
    }

    /// The error for a national number that is not valid here, as specific as the data allows:
    /// a number some type's pattern could still complete is too short, one whose start some type
    /// matches is too long, then the general possible lengths decide.
    func diagnose(_ number: DigitString) -> PhoneNumberError {
        let count = number.count
        let verdict = lengthVerdict(count)
        if verdict != .tooLong, let expected = shortestCompletion(of: number) {
            return .tooShort(region: label, digits: count, expected: expected)
        }
        if verdict != .tooShort, verdict != .possibleLocalOnly, let expected = longestMatchingPrefix(of: number) {
            return .tooLong(region: label, digits: count, expected: expected)
        }
        let lengths = general.lengths
        switch verdict {
        case .tooShort, .possibleLocalOnly:
            let expected = lengths.values.first { $0 > count } ?? lengths.maximum
            return .tooShort(region: label, digits: count, expected: expected)
        case .tooLong:
            return .tooLong(region: label, digits: count, expected: lengths.maximum)
        case .invalidLength:
            return .impossibleLength(region: label, digits: count, possible: lengths.values)
        case .possible:
            return .notValid(region: label)
        }
    }

    /// The descriptions of the number types, with their lengths (the general ones when a type
    /// names none).
    private var typedDescriptions: [(description: NumberDescription, lengths: [Int])] {
        types.compactMap { type in
            type.map { ($0, $0.lengths.isEmpty ? general.lengths.values : $0.lengths.values) }
        }
    }

    /// The shortest length, above the number's, of a type whose pattern the number starts.
    private func shortestCompletion(of number: DigitString) -> Int? {
        typedDescriptions
            .filter { $0.description.automaton.canExtend(number) }
            .compactMap { entry in entry.lengths.first { $0 > number.count } }
            .min()
    }

    /// The longest length, below the number's, at which some type matches the number's start.
    private func longestMatchingPrefix(of number: DigitString) -> Int? {
        typedDescriptions
            .flatMap { entry in
                entry.lengths.filter { $0 < number.count && entry.description.automaton.matches(number, count: $0) }
            }
            .max()
    }
}
