/// libphonenumber's metadata for one region or non-geographic entity, as text: what
/// tools/generate-phone-metadata.py wrote into `phoneMetadataText`.
struct PhoneRegionMetadata: Sendable {
    /// A number type's (or the general) description: the national number pattern and lengths.
    struct Description: Sendable {
        var pattern: String
        var lengths: [Int]
        var localOnlyLengths: [Int]
    }

    /// The ISO 3166 code, or "001" for a non-geographic entity.
    var regionCode: String
    var countryCode: Int
    var internationalPrefix: String
    var nationalPrefixForParsing: String
    /// The replacement for the national prefix, with `\1`-style group references; empty for none.
    var nationalPrefixTransformRule: String
    var leadingDigits: String
    var hasSameMobileAndFixedLinePattern: Bool
    var general: Description
    /// In libphonenumber's order of checking: premium rate, toll free, shared cost, VoIP, personal
    /// number, pager, UAN, voicemail, fixed line, mobile; nil where the region has no such numbers.
    var types: [Description?]

    static let mobileIndex = 9
}

/// All regions' metadata and the country calling code → regions map, parsed once from the
/// generated text.
struct PhoneMetadataTable: Sendable {
    /// Geographic regions first (sorted by code), then non-geographic entities.
    let regions: [PhoneRegionMetadata]
    /// Indexed by country calling code (1...999): indices into `regions`, main region first.
    let regionsByCountryCode: [[Int]]
    /// Indexed by (first letter - A) * 26 + (second letter - A): index into `regions`, or -1.
    private let geographicIndex: [Int16]

    static let shared = PhoneMetadataTable(text: phoneMetadataText)

    init(text: String) {
        var regions: [PhoneRegionMetadata] = []
        var geographicIndex: [String: Int] = [:]
        var nonGeographicIndex: [Int: Int] = [:]
        var codes: [(Int, [String])] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch fields.first {
            case "R":
                let region = Self.region(fields)
                if region.regionCode == "001" {
                    nonGeographicIndex[region.countryCode] = regions.count
                } else {
                    geographicIndex[region.regionCode] = regions.count
                }
                regions.append(region)
            case "C":
                precondition(fields.count == 3, "malformed country code line in phone metadata")
                codes.append((Int(fields[1]) ?? 0, fields[2].split(separator: ",").map(String.init)))
            default:
                preconditionFailure("malformed phone metadata line")
            }
        }
        var byCode = [[Int]](repeating: [], count: 1000)
        for (code, names) in codes {
            byCode[code] = names.compactMap { $0 == "001" ? nonGeographicIndex[code] : geographicIndex[$0] }
            precondition(byCode[code].count == names.count, "country code \(code) names a region without metadata")
        }
        self.regions = regions
        self.regionsByCountryCode = byCode
        var letterIndex = [Int16](repeating: -1, count: 26 * 26)
        for (code, index) in geographicIndex {
            guard let slot = Self.slot(code.utf8) else { preconditionFailure("region code \(code) is not two letters") }
            letterIndex[slot] = Int16(index)
        }
        self.geographicIndex = letterIndex
    }

    /// The index of a region given as an ISO 3166 alpha-2 code, in any case.
    func regionIndex(forCode code: String) -> Int? {
        guard let slot = Self.slot(code.utf8), geographicIndex[slot] >= 0 else { return nil }
        return Int(geographicIndex[slot])
    }

    private static func slot(_ code: String.UTF8View) -> Int? {
        guard code.count == 2, let first = code.first, let last = code.last else { return nil }
        let (a, b) = (first & 0xDF, last & 0xDF)  // ASCII upper case
        guard (0x41...0x5A).contains(a), (0x41...0x5A).contains(b) else { return nil }
        return Int(a - 0x41) * 26 + Int(b - 0x41)
    }

    private static func region(_ fields: [String]) -> PhoneRegionMetadata {
        precondition(fields.count == 19, "malformed region line in phone metadata")
        let descriptions = fields[8...].map(description)
        guard let general = descriptions[0] else { preconditionFailure("region without general description") }
        return PhoneRegionMetadata(
            regionCode: fields[1], countryCode: Int(fields[2]) ?? 0, internationalPrefix: fields[3],
            nationalPrefixForParsing: fields[4], nationalPrefixTransformRule: fields[5], leadingDigits: fields[6],
            hasSameMobileAndFixedLinePattern: fields[7] == "1", general: general, types: Array(descriptions.dropFirst())
        )
    }

    private static func description(_ field: String) -> PhoneRegionMetadata.Description? {
        guard !field.isEmpty else { return nil }
        let parts = field.split(separator: " ", omittingEmptySubsequences: false)
        precondition(parts.count == 3, "malformed number description in phone metadata")
        func lengths(_ text: Substring) -> [Int] { text.split(separator: ",").compactMap { Int($0) } }
        return PhoneRegionMetadata.Description(
            pattern: String(parts[0]), lengths: lengths(parts[1]), localOnlyLengths: lengths(parts[2]))
    }
}
