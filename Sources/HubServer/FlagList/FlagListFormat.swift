import IndicatorModel

/// The flag-list snapshot's media type and limits (docs/flaglist.md).
enum FlagListFormat {
    static let mediaType = FlagListSnapshotWriter.mediaType
    /// The most entries a JSON snapshot may hold; larger lists need the binary form.
    static let jsonLimit = 100_000
}
