public import ArgumentParser
public import IndicatorModel

extension IndicatorKind: ExpressibleByArgument {}

/// The options `canonicalize` and `hash` share: what the values are and where they come from.
struct ValueOptions: ParsableArguments {
    @Option(help: "What the values are: \(IndicatorKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: IndicatorKind

    @Option(help: "ISO 3166 region of national-format phone numbers, e.g. TH. Other kinds ignore it.")
    var region: String?

    @Argument(help: "Values to process. Without any, one value per line is read from standard input.")
    var values: [String] = []

    mutating func validate() throws {
        if let region {
            guard region.utf8.count == 2, region.utf8.allSatisfy({ (0x41...0x5A).contains($0 & 0xDF) }) else {
                throw ValidationError("--region must be a two-letter ISO 3166 code such as TH, got '\(region)'")
            }
            guard isSupportedPhoneRegion(region) else {
                throw ValidationError(
                    "--region \(region.uppercased()) has no phone numbering plan; use an ISO 3166 code such as TH")
            }
            self.region = region.uppercased()
        }
    }
}
