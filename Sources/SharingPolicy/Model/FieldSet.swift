/// The fields of a report that a recipient receives.
///
/// `token`, `kind`, `kid`, `list` and `tlp` travel with every allowed delivery: a flag is useless
/// without the first four, and TLP 2.0 requires the label to travel with the information.
/// Exact `confidence` implies `confidence_band`.
public struct FieldSet: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let token = FieldSet(rawValue: 1 << 0)
    public static let kind = FieldSet(rawValue: 1 << 1)
    public static let keyID = FieldSet(rawValue: 1 << 2)
    public static let listing = FieldSet(rawValue: 1 << 3)
    public static let category = FieldSet(rawValue: 1 << 4)
    public static let confidence = FieldSet(rawValue: 1 << 5)
    public static let confidenceBand = FieldSet(rawValue: 1 << 6)
    public static let tlp = FieldSet(rawValue: 1 << 7)
    public static let reporter = FieldSet(rawValue: 1 << 8)
    public static let narrative = FieldSet(rawValue: 1 << 9)
    public static let evidenceDigests = FieldSet(rawValue: 1 << 10)
    public static let sealedPlaintext = FieldSet(rawValue: 1 << 11)
    public static let firstSeen = FieldSet(rawValue: 1 << 12)
    public static let lastSeen = FieldSet(rawValue: 1 << 13)
    public static let reporterCount = FieldSet(rawValue: 1 << 14)
    public static let expiry = FieldSet(rawValue: 1 << 15)

    /// What every allowed delivery carries.
    public static let essential: FieldSet = [.token, .kind, .keyID, .listing, .tlp]
    public static let all = FieldSet(rawValue: (1 << 16) - 1)

    /// Each field with its name in policy files and JSON, in a fixed order.
    public static let names: [(name: String, field: FieldSet)] = [
        ("token", .token), ("kind", .kind), ("kid", .keyID), ("list", .listing), ("category", .category),
        ("confidence", .confidence), ("confidence_band", .confidenceBand), ("tlp", .tlp), ("reporter", .reporter),
        ("narrative", .narrative), ("evidence_digests", .evidenceDigests), ("sealed_plaintext", .sealedPlaintext),
        ("first_seen", .firstSeen), ("last_seen", .lastSeen), ("reporter_count", .reporterCount),
        ("expiry", .expiry),
    ]

    /// The set as it is delivered: the essential fields added, exact confidence bringing its band.
    var completed: FieldSet {
        var fields = union(.essential)
        if fields.contains(.confidence) { fields.insert(.confidenceBand) }
        return fields
    }

    /// The names of the fields in the set, in the fixed order of `names`.
    public var fieldNames: [String] { Self.names.filter { contains($0.field) }.map(\.name) }

    public var description: String { fieldNames.joined(separator: ", ") }
}
