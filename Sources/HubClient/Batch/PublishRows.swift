import Foundation
public import IndicatorModel

/// Turns rows of a participant's file (CSV with a header, or JSON Lines) into reports: each value
/// canonicalized and hashed here, the other columns validated as `/v1/reports` would, defaults filled
/// from the command line. The engine of `scamhub publish`.
public struct PublishRows: Sendable {
    /// The columns a row may have; `value` is required, the others may come from `defaults`.
    public static let columns = [
        "value", "kind", "category", "confidence", "tlp", "list", "region", "narrative", "expires_at", "recipients",
        "jurisdictions",
    ]

    public let key: CommunityKey
    public let keyID: KeyID
    public let defaults: [String: String]

    public init(key: CommunityKey, keyID: KeyID, defaults: [String: String]) {
        self.key = key
        self.keyID = keyID
        self.defaults = defaults
    }

    /// One row of input: its line, and its fields by column name (or why it could not be read).
    public struct Row: Sendable {
        public var line: Int
        public var fields: Result<[String: String], PublishRowError>
    }

    /// The rows of a CSV file whose first record names the columns.
    public static func csv(_ bytes: [UInt8]) throws(PublishRowError) -> [Row] {
        var records = CSVRecords(bytes).makeIterator()
        guard let header = records.next() else { return [] }
        guard case .success(let names) = header.fields else { throw .badHeader("the header line is not valid CSV") }
        let columns = names.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if let unknown = columns.first(where: { !Self.columns.contains($0) }) {
            throw .badHeader("unknown column \"\(unknown)\"; the columns are \(Self.columns.joined(separator: ", "))")
        }
        guard columns.contains("value") else { throw .badHeader("there is no `value` column") }
        var rows: [Row] = []
        while let record = records.next() {
            switch record.fields {
            case .failure(let error): rows.append(Row(line: record.line, fields: .failure(.row(error.description))))
            case .success(let values) where values.count != columns.count:
                rows.append(
                    Row(
                        line: record.line,
                        fields: .failure(.row("\(values.count) fields where the header has \(columns.count)"))))
            case .success(let values):
                var fields: [String: String] = [:]
                for (name, value) in zip(columns, values) where !value.isEmpty { fields[name] = value }
                rows.append(Row(line: record.line, fields: .success(fields)))
            }
        }
        return rows
    }

    /// The rows of a JSON Lines file: one object per line, members named as the columns.
    public static func jsonLines(_ bytes: [UInt8]) -> [Row] {
        var rows: [Row] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.last == 0x0D ? line.dropLast() : line
            guard !trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed)) as? [String: Any] else {
                rows.append(Row(line: index + 1, fields: .failure(.row("not a JSON object"))))
                continue
            }
            var fields: [String: String] = [:]
            var problem: String?
            for (name, value) in object {
                guard Self.columns.contains(name) else {
                    problem = "unknown member \"\(name)\""
                    break
                }
                switch value {
                case let text as String: fields[name] = text
                case let number as NSNumber: fields[name] = number.stringValue
                case let list as [String]: fields[name] = list.joined(separator: ";")
                default:
                    problem = "member \"\(name)\" must be a string or a number"
                }
            }
            rows.append(Row(line: index + 1, fields: problem.map { .failure(.row($0)) } ?? .success(fields)))
        }
        return rows
    }

    /// The report a row stands for, or why it cannot be one.
    public func report(_ fields: [String: String]) -> Result<Report, PublishRowError> {
        func field(_ name: String) -> String? { fields[name] ?? defaults[name] }
        guard let value = fields["value"] else { return .failure(.row("no value")) }
        guard let kindText = field("kind") else { return .failure(.row("no kind (a `kind` column or --kind)")) }
        guard let kind = IndicatorKind(rawValue: kindText) else {
            return .failure(.row("unknown kind \"\(kindText)\""))
        }
        guard let categoryText = field("category") else {
            return .failure(.row("no category (a `category` column or --category)"))
        }
        guard let category = Category(rawValue: categoryText) else {
            return .failure(.row("unknown category \"\(categoryText)\""))
        }
        guard let confidenceText = field("confidence"), let figure = Int(confidenceText),
            let confidence = try? Confidence(figure)
        else { return .failure(.row("confidence must be a whole number from 0 to 100")) }
        guard let tlp = TLP(rawValue: field("tlp") ?? "") else {
            return .failure(.row("tlp must be one of \(TLP.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        guard let listing = Listing(rawValue: field("list") ?? "flag") else {
            return .failure(.row("list must be flag or allow"))
        }
        let canonical: CanonicalValue
        do { canonical = try canonicalize(value, as: kind, region: field("region")) } catch {
            return .failure(.row("not a valid \(kind.rawValue): \(error.description)"))
        }
        var report = Report(
            token: Token(for: canonical, using: key), keyID: keyID, kind: kind, category: category,
            confidence: confidence, tlp: tlp, listing: listing, narrative: field("narrative"))
        do {
            report.recipients = try list(field("recipients")).map { try ParticipantID($0) }
            report.jurisdictions = try list(field("jurisdictions")).map { try Jurisdiction($0) }
            if let expiry = field("expires_at") {
                guard let date = try? Date(expiry, strategy: .iso8601) else {
                    return .failure(.row("expires_at must be an RFC 3339 time such as 2027-01-31T00:00:00Z"))
                }
                report.expiresAt = date
            }
            try report.validate()
        } catch let error as WireValueError {
            return .failure(.row(error.description))
        } catch {
            return .failure(.row("\(error)"))
        }
        return .success(report)
    }

    private func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// Why a file or a row could not be published.
public enum PublishRowError: Error, Equatable, Sendable, CustomStringConvertible {
    case badHeader(String)
    case row(String)

    public var description: String {
        switch self {
        case .badHeader(let reason): "the CSV header is not usable: \(reason)"
        case .row(let reason): reason
        }
    }
}
