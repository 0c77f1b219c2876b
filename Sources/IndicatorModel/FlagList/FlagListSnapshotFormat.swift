/// The constants and codes of the binary flag-list snapshot, `application/vnd.scamhub.flaglist.v1`.
///
/// docs/flaglist.md describes the format byte by byte.
enum FlagListSnapshotFormat {
    /// The content type of a binary snapshot, in `Accept` and `Content-Type`.
    static let mediaType = "application/vnd.scamhub.flaglist.v1"
    /// `SHFL`: the first four bytes of every snapshot.
    static let magic: [UInt8] = Array("SHFL".utf8)
    static let version: UInt8 = 1
    /// Magic, version, reserved bytes, cursor, policy version and key-id count.
    static let fixedHeaderSize = 50
    static let recordSize = 38
    /// A record's sort key: token, key-id index and list code, compared as unsigned bytes.
    static let recordKeySize = 35
    static let digestSize = 32
    /// The code of a category or confidence band the recipient's policy does not disclose.
    static let notDisclosed: UInt8 = 0xFF
    /// At most this many key ids: their indexes are 16-bit.
    static let maximumKeyIDCount = Int(UInt16.max)
}

/// A record's sort key, comparable as the snapshot's order: token bytes, then key id, then list.
///
/// The key-id table is sorted, so comparing indexes compares key ids by their UTF-8 bytes.
struct FlagListRecordKey: Comparable {
    var token: UInt256
    var keyIDIndex: UInt16
    var listCode: UInt8

    init(token: Token, keyIDIndex: UInt16, listCode: UInt8) {
        self.token = UInt256(token)
        self.keyIDIndex = keyIDIndex
        self.listCode = listCode
    }

    static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.token != rhs.token ? lhs.token < rhs.token : (lhs.keyIDIndex, lhs.listCode) < (rhs.keyIDIndex, rhs.listCode)
    }
}

// Codes are positions in `allCases`: appending a case keeps every existing code.

extension IndicatorKind {
    /// The kind's code in a binary snapshot: its position in `allCases`.
    var snapshotCode: UInt8 { code(of: self, in: indicatorKinds) }
    init?(snapshotCode code: UInt8) {
        guard Int(code) < indicatorKinds.count else { return nil }
        self = indicatorKinds[Int(code)]
    }
}

extension Listing {
    /// The list's code in a binary snapshot: its position in `allCases` (`flag` 0, `allow` 1).
    var snapshotCode: UInt8 { code(of: self, in: listings) }
    init?(snapshotCode code: UInt8) {
        guard Int(code) < listings.count else { return nil }
        self = listings[Int(code)]
    }
}

extension Category {
    /// The category's code in a binary snapshot: its position in `allCases`.
    var snapshotCode: UInt8 { code(of: self, in: categories) }
    init?(snapshotCode code: UInt8) {
        guard Int(code) < categories.count else { return nil }
        self = categories[Int(code)]
    }
}

extension Confidence.Band {
    /// The band's code in a binary snapshot: its position in `allCases`.
    var snapshotCode: UInt8 { code(of: self, in: confidenceBands) }
    init?(snapshotCode code: UInt8) {
        guard Int(code) < confidenceBands.count else { return nil }
        self = confidenceBands[Int(code)]
    }
}

private let indicatorKinds = IndicatorKind.allCases
private let listings = Listing.allCases
private let categories = Category.allCases
private let confidenceBands = Confidence.Band.allCases

private func code<Value: Equatable>(of value: Value, in cases: [Value]) -> UInt8 {
    // Every case is in allCases, and no type here has more than 255 cases.
    UInt8(truncatingIfNeeded: cases.firstIndex(of: value) ?? Int(FlagListSnapshotFormat.notDisclosed))
}
