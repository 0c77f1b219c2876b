/// Whether libphonenumber's metadata has a numbering plan for `code`, an ISO 3166 alpha-2 region
/// in any case (`TH`, `th`): the regions `canonicalize(_:as:region:)` accepts for phone numbers.
public func isSupportedPhoneRegion(_ code: String) -> Bool {
    PhoneMetadataTable.shared.regionIndex(forCode: code) != nil
}
