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

func decodeList<Value>(_ row: Row, _ column: String, _ make: (String) throws -> Value) throws -> [Value] {
    let text: String = row[column] ?? ""
    return try text.split(separator: ",").map { item in
        do { return try make(String(item)) } catch { throw StorageError.corruptValue(table: "reports", column: column) }
    }
}

/// Reads a `reports` row (selected with `*`).
func decodeStoredReport(_ row: Row) throws -> StoredReport {
    let kid: String = row["kid"]
    let confidence: Int = row["confidence"]
    let keyID = try decodeColumn(table: "reports", column: "kid") { () throws(KeyIDError) in try KeyID(kid) }
    let report = Report(
        token: try decodeToken(row["token"], table: "reports"),
        keyID: keyID,
        kind: try decodeEnum(IndicatorKind.self, row, "kind"),
        category: try decodeEnum(Category.self, row, "category"),
        confidence: try decodeColumn(table: "reports", column: "confidence") { () throws(WireValueError) in
            try Confidence(confidence)
        },
        tlp: try decodeEnum(TLP.self, row, "tlp"),
        listing: try decodeEnum(Listing.self, row, "listing"),
        recipients: try decodeList(row, "recipients") { try ParticipantID($0) },
        jurisdictions: try decodeList(row, "jurisdictions") { try Jurisdiction($0) },
        narrative: row["narrative"],
        evidenceDigests: try decodeList(row, "evidence_digests") { $0 },
        expiresAt: (row["expires_at"] as Double?).map { Date(timeIntervalSince1970: $0) })
    let reporter: String = row["reporter"]
    return StoredReport(
        id: row["id"],
        reporter: try decodeColumn(table: "reports", column: "reporter") { () throws(WireValueError) in
            try ParticipantID(reporter)
        },
        report: report,
        createdAt: Date(timeIntervalSince1970: row["created_at"]),
        updatedAt: Date(timeIntervalSince1970: row["updated_at"]),
        removal: try decodeRemoval(row),
        lastSequence: row["last_sequence"])
}

private func decodeRemoval(_ row: Row) throws -> StoredReport.Removal? {
    guard let removal: String = row["removal"] else { return nil }
    let at = Date(timeIntervalSince1970: row["removed_at"] ?? 0)
    switch removal {
    case "expired": return .expired(at: at)
    case "revoked":
        let actor: String = row["removed_by"] ?? ""
        return .revoked(
            reason: try decodeEnum(RevocationReason.self, row, "revocation_reason"),
            by: try decodeColumn(table: "reports", column: "removed_by") { () throws(WireValueError) in
                try ParticipantID(actor)
            },
            at: at)
    default: throw StorageError.corruptValue(table: "reports", column: "removal")
    }
}
