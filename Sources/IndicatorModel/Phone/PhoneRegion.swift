import Synchronization

/// One region's (or non-geographic entity's) metadata compiled for matching: validation
/// patterns as `DigitAutomaton`s, prefixes as `PrefixMatcher`s.
///
/// Compiled on first use and kept for the life of the process (see `PhoneCountry.at(_:)`).
final class PhoneRegion: Sendable {
    /// The ISO 3166 code, or "001" for a non-geographic entity.
    let regionCode: String
    let countryCode: Int
    let countryCodeDigits: DigitString
    let internationalPrefix: PrefixMatcher?
    let nationalPrefixForParsing: PrefixMatcher?
    /// The national prefix transform rule; nil when the region has none.
    let transformRule: [TransformPart]?
    let leadingDigits: DigitAutomaton?
    let hasSameMobileAndFixedLinePattern: Bool
    let general: NumberDescription
    /// In `PhoneRegionMetadata.types` order.
    let types: [NumberDescription?]
    /// The types `getNumberTypeHelper` tries: all present ones, mobile only if its pattern differs
    /// from fixed line's.
    let validationTypes: [NumberDescription]

    /// A piece of a transform rule: a literal digit or a reference to a captured group.
    enum TransformPart: Equatable, Sendable {
        case digit(UInt8)
        case group(Int)
    }

    init(_ metadata: PhoneRegionMetadata) {
        regionCode = metadata.regionCode
        countryCode = metadata.countryCode
        countryCodeDigits = DigitString(countryCode: metadata.countryCode)
        internationalPrefix = Self.prefixMatcher(metadata.internationalPrefix)
        nationalPrefixForParsing = Self.prefixMatcher(metadata.nationalPrefixForParsing)
        transformRule =
            metadata.nationalPrefixTransformRule.isEmpty
            ? nil : Self.transformParts(metadata.nationalPrefixTransformRule)
        leadingDigits = metadata.leadingDigits.isEmpty ? nil : DigitAutomaton(Self.pattern(metadata.leadingDigits))
        hasSameMobileAndFixedLinePattern = metadata.hasSameMobileAndFixedLinePattern
        general = NumberDescription(metadata.general)
        types = metadata.types.map { $0.map(NumberDescription.init) }
        validationTypes = types.enumerated().compactMap { offset, type in
            offset == PhoneRegionMetadata.mobileIndex && metadata.hasSameMobileAndFixedLinePattern ? nil : type
        }
    }

    /// The label used in errors: the region code, or `+800`-style for non-geographic entities.
    var label: String { regionCode == "001" ? "+\(countryCode)" : regionCode }

    private static func pattern(_ text: String) -> PhonePattern {
        do {
            return try PhonePattern(parsing: text)
        } catch {
            preconditionFailure("generated phone metadata holds \(error)")
        }
    }

    private static func prefixMatcher(_ text: String) -> PrefixMatcher? {
        text.isEmpty ? nil : PrefixMatcher(pattern(text))
    }

    private static func transformParts(_ rule: String) -> [TransformPart] {
        var parts: [TransformPart] = []
        var isReference = false
        for byte in rule.utf8 {
            if byte == UInt8(ascii: "\\") {
                isReference = true
            } else {
                parts.append(isReference ? .group(Int(byte - 0x30)) : .digit(byte - 0x30))
                isReference = false
            }
        }
        return parts
    }
}

/// A number description compiled: the pattern's automaton and the possible lengths.
struct NumberDescription: Sendable {
    let automaton: DigitAutomaton
    let lengths: LengthSet
    let localOnlyLengths: LengthSet

    init(_ description: PhoneRegionMetadata.Description) {
        do {
            automaton = DigitAutomaton(try PhonePattern(parsing: description.pattern))
        } catch {
            preconditionFailure("generated phone metadata holds \(error)")
        }
        lengths = LengthSet(description.lengths)
        localOnlyLengths = LengthSet(description.localOnlyLengths)
    }

    /// libphonenumber's `isNumberMatchingDesc`: a possible length (when lengths are given) and a
    /// full match of the pattern.
    func matches(_ number: DigitString) -> Bool {
        if !lengths.isEmpty, !lengths.contains(number.count) { return false }
        return automaton.matches(number)
    }
}

/// A set of number lengths below 64 as a bit mask.
struct LengthSet: Equatable, Sendable {
    private(set) var mask: UInt64 = 0

    init(_ lengths: [Int]) {
        for length in lengths where (1..<64).contains(length) { mask |= 1 << UInt64(length) }
    }

    var isEmpty: Bool { mask == 0 }
    var minimum: Int { mask.trailingZeroBitCount }
    var maximum: Int { 63 - mask.leadingZeroBitCount }
    var values: [Int] { (1..<64).filter(contains) }

    func contains(_ length: Int) -> Bool {
        (1..<64).contains(length) && mask & (1 << UInt64(length)) != 0
    }
}

/// The regions sharing a country calling code, compiled together on first use: `+1` (NANPA),
/// `+7`, `+44`, `+61` and a few more have several, every other code one.
final class PhoneCountry: Sendable {
    /// Main region first, in libphonenumber's order.
    let regions: [PhoneRegion]

    var mainRegion: PhoneRegion { regions[0] }

    private init(countryCode: Int) {
        let table = PhoneMetadataTable.shared
        regions = table.regionsByCountryCode[countryCode].map { PhoneRegion(table.regions[$0]) }
    }

    /// The compiled regions of an assigned country calling code (one listed in
    /// `PhoneMetadataTable.regionsByCountryCode`).
    static func at(_ countryCode: Int) -> PhoneCountry {
        cache.countries.withLock { countries in
            if let country = countries[countryCode] { return country }
            let country = PhoneCountry(countryCode: countryCode)
            countries[countryCode] = country
            return country
        }
    }

    /// The compiled region for an ISO 3166 alpha-2 code, in any case; nil if unknown.
    static func region(forCode code: String) -> PhoneRegion? {
        let table = PhoneMetadataTable.shared
        guard let index = table.regionIndex(forCode: code) else { return nil }
        let countryCode = table.regions[index].countryCode
        guard let position = table.regionsByCountryCode[countryCode].firstIndex(of: index) else { return nil }
        return at(countryCode).regions[position]
    }

    private static let cache = PhoneCountryCache()
}

/// Compiled country calling codes, filled in as numbers from them are met.
private final class PhoneCountryCache: Sendable {
    let countries = Mutex<[PhoneCountry?]>(Array(repeating: nil, count: 1000))
}
