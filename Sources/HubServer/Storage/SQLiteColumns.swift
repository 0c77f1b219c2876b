import Foundation
import GRDB
import IndicatorModel

// How wire values become columns and back. Reading throws `StorageError.corruptValue` rather than
// trusting what is on disk.

/// The report columns a publish compares to decide whether a report changed, in a fixed order.
let reportContentColumns = [
    "kind", "category", "confidence", "tlp", "listing", "recipients", "jurisdictions", "narrative",
    "evidence_digests", "expires_at",
]

/// A report's content as the values of `reportContentColumns`.
func contentValues(of report: Report) -> [DatabaseValue] {
    [
        report.kind.rawValue.databaseValue, report.category.rawValue.databaseValue,
        report.confidence.value.databaseValue, report.tlp.rawValue.databaseValue,
        report.listing.rawValue.databaseValue,
        report.recipients.map(\.rawValue).joined(separator: ",").databaseValue,
        report.jurisdictions.map(\.code).joined(separator: ",").databaseValue,
        report.narrative.databaseValue,
        report.evidenceDigests.joined(separator: ",").databaseValue,
        report.expiresAt?.timeIntervalSince1970.databaseValue ?? .null,
    ]
}

func tokenData(_ token: Token) -> Data {
    token.withUnsafeBytes { Data($0) }
}

func decodeToken(_ data: Data, table: String) throws -> Token {
    guard data.count == 32 else { throw StorageError.corruptValue(table: table, column: "token") }
    return data.withUnsafeBytes { Token(copying: $0) }
}

/// Runs a validating initializer on a stored value, turning its failure into `corruptValue`.
func decodeColumn<Value, Failure: Error>(
    table: String, column: String, _ make: () throws(Failure) -> Value
) throws -> Value {
    do {
        return try make()
    } catch {
        throw StorageError.corruptValue(table: table, column: column)
    }
}

func decodeEnum<Value: RawRepresentable<String>>(_: Value.Type, _ row: Row, _ column: String) throws -> Value {
    guard let text: String = row[column], let value = Value(rawValue: text) else {
        throw StorageError.corruptValue(table: "reports", column: column)
    }
    return value
}

/// The positions of the `reports` columns in `SELECT *`: table order, which migrations only extend.
/// Reading by position rather than by name matters when a flag-list view reads a million rows.
private enum ReportColumn: Int {
    case id, reporter, token, kid, kind, category, confidence, tlp, listing, recipients, jurisdictions, narrative
    case evidenceDigests, expiresAt, createdAt, updatedAt, removal, removedAt, removedBy, revocationReason
    case lastSequence
}

/// Reads a `reports` row selected with `*`, its columns starting at position `offset`.
func decodeStoredReport(_ row: Row, offset: Int) throws -> StoredReport {
    func at(_ column: ReportColumn) -> Int { offset + column.rawValue }
    func value<Value: RawRepresentable<String>>(_: Value.Type, _ column: ReportColumn) throws -> Value {
        guard let text: String = row[at(column)], let value = Value(rawValue: text) else {
            throw StorageError.corruptValue(table: "reports", column: "\(column)")
        }
        return value
    }
    func list<Item>(_ column: ReportColumn, _ make: (String) throws -> Item) throws -> [Item] {
        let text: String = row[at(column)] ?? ""
        guard !text.isEmpty else { return [] }
        return try text.split(separator: ",").map { item in
            do { return try make(String(item)) } catch {
                throw StorageError.corruptValue(table: "reports", column: "\(column)")
            }
        }
    }
    let kid: String = row[at(.kid)]
    let confidence: Int = row[at(.confidence)]
    let report = Report(
        token: try decodeToken(row[at(.token)], table: "reports"),
        keyID: try decodeColumn(table: "reports", column: "kid") { () throws(KeyIDError) in try KeyID(kid) },
        kind: try value(IndicatorKind.self, .kind),
        category: try value(Category.self, .category),
        confidence: try decodeColumn(table: "reports", column: "confidence") { () throws(WireValueError) in
            try Confidence(confidence)
        },
        tlp: try value(TLP.self, .tlp),
        listing: try value(Listing.self, .listing),
        recipients: try list(.recipients) { try ParticipantID($0) },
        jurisdictions: try list(.jurisdictions) { try Jurisdiction($0) },
        narrative: row[at(.narrative)],
        evidenceDigests: try list(.evidenceDigests) { $0 },
        expiresAt: (row[at(.expiresAt)] as Double?).map { Date(timeIntervalSince1970: $0) })
    let reporter: String = row[at(.reporter)]
    var removal: StoredReport.Removal?
    if let kind: String = row[at(.removal)] {
        let removedAt = Date(timeIntervalSince1970: row[at(.removedAt)] ?? 0)
        switch kind {
        case "expired": removal = .expired(at: removedAt)
        case "revoked":
            let actor: String = row[at(.removedBy)] ?? ""
            removal = .revoked(
                reason: try value(RevocationReason.self, .revocationReason),
                by: try decodeColumn(table: "reports", column: "removed_by") { () throws(WireValueError) in
                    try ParticipantID(actor)
                },
                at: removedAt)
        default: throw StorageError.corruptValue(table: "reports", column: "removal")
        }
    }
    return StoredReport(
        id: row[at(.id)],
        reporter: try decodeColumn(table: "reports", column: "reporter") { () throws(WireValueError) in
            try ParticipantID(reporter)
        },
        report: report,
        createdAt: Date(timeIntervalSince1970: row[at(.createdAt)]),
        updatedAt: Date(timeIntervalSince1970: row[at(.updatedAt)]),
        removal: removal,
        lastSequence: row[at(.lastSequence)])
}

/// Reads a `reports` row selected with `*` alone.
func decodeStoredReport(_ row: Row) throws -> StoredReport {
    try decodeStoredReport(row, offset: 0)
}
