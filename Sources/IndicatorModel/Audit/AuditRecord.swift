/// One entry of a hub's audit log as it is hashed, exported and verified (docs/audit.md).
///
/// Holds ids, actions and sequence numbers — never a plaintext indicator, a token, an API key or
/// a secret.
public struct AuditRecord: Hashable, Sendable {
    /// The entry's number: 1 for the first, each next one adds 1.
    public var seq: Int64
    public var at: AuditTime
    /// The authenticated participant; nil when authentication failed.
    public var actor: String?
    /// The public id of the key presented.
    public var keyID: String?
    /// What was attempted, e.g. `reports.publish`.
    public var action: String
    /// What it was attempted on, e.g. a participant id or `flag-list`.
    public var resource: String?
    public var outcome: AuditOutcome
    /// The HTTP status answered.
    public var status: Int64?
    public var requestID: String?
    /// The policy that decided what was delivered.
    public var policyVersion: String?
    /// The sequence numbers delivered or written.
    public var delivered: SequenceSet?
    /// How many items were delivered or accepted.
    public var count: Int64?

    public init(
        seq: Int64, at: AuditTime, actor: String?, keyID: String?, action: String, resource: String?,
        outcome: AuditOutcome, status: Int64?, requestID: String?, policyVersion: String?, delivered: SequenceSet?,
        count: Int64?
    ) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.keyID = keyID
        self.action = action
        self.resource = resource
        self.outcome = outcome
        self.status = status
        self.requestID = requestID
        self.policyVersion = policyVersion
        self.delivered = delivered
        self.count = count
    }

    /// The RFC 8785 encoding the chain hashes.
    public var canonicalBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(320)
        object.canonicalBytes(into: &output)
        return output
    }

    /// The export line (without its newline): the canonical entry with `hash` and `prev_hash`.
    public func exportLine(hash: AuditHash, previous: AuditHash) -> [UInt8] {
        var members = object.members
        members.append(("hash", .string(hash.hex)))
        members.append(("prev_hash", .string(previous.hex)))
        var output: [UInt8] = []
        output.reserveCapacity(480)
        FlatJSONObject(members).canonicalBytes(into: &output)
        return output
    }

    private var object: FlatJSONObject {
        func text(_ value: String?) -> FlatJSONObject.Value { value.map { .string($0) } ?? .null }
        func number(_ value: Int64?) -> FlatJSONObject.Value { value.map { .integer($0) } ?? .null }
        return FlatJSONObject([
            ("action", .string(action)), ("actor", text(actor)), ("at", .string(at.description)),
            ("count", number(count)), ("delivered", text(delivered?.description)), ("key_id", text(keyID)),
            ("outcome", .string(outcome.rawValue)), ("policy_version", text(policyVersion)),
            ("request_id", text(requestID)), ("resource", text(resource)), ("seq", .integer(seq)),
            ("status", number(status)),
        ])
    }

    /// The member names of an entry, in canonical order.
    static let memberNames = [
        "action", "actor", "at", "count", "delivered", "key_id", "outcome", "policy_version", "request_id", "resource",
        "seq", "status",
    ]
}

/// How a request ended.
public enum AuditOutcome: String, CaseIterable, Hashable, Sendable, Codable {
    /// Answered 2xx or 3xx.
    case success
    /// Refused: 4xx — not authenticated, not permitted, invalid or rate-limited.
    case refused
    /// Failed on the hub's side: 5xx.
    case failed
}

/// One line of an export: an entry with its hash and the previous entry's.
public struct AuditExportLine: Hashable, Sendable {
    public var record: AuditRecord
    public var hash: AuditHash
    public var previous: AuditHash

    public init(record: AuditRecord, hash: AuditHash, previous: AuditHash) {
        self.record = record
        self.hash = hash
        self.previous = previous
    }

    /// Parses one line; the error says what is wrong with it.
    public init(parsing bytes: some Collection<UInt8>) throws(AuditLineError) {
        let object: FlatJSONObject
        do { object = try FlatJSONObject(parsing: bytes) } catch { throw .notJSON(error.description) }
        let expected = Set(AuditRecord.memberNames + ["hash", "prev_hash"])
        let names = Set(object.members.map(\.name))
        if let unknown = names.subtracting(expected).sorted().first { throw .unknownMember(unknown) }
        if let missing = expected.subtracting(names).sorted().first { throw .missingMember(missing) }

        func string(_ name: String) throws(AuditLineError) -> String {
            guard case .string(let text) = object[name] else { throw .wrongType(name, "a string") }
            return text
        }
        func optionalString(_ name: String) throws(AuditLineError) -> String? {
            switch object[name] {
            case .string(let text): return text
            case .null: return nil
            default: throw .wrongType(name, "a string or null")
            }
        }
        func optionalInteger(_ name: String) throws(AuditLineError) -> Int64? {
            switch object[name] {
            case .integer(let number): return number
            case .null: return nil
            default: throw .wrongType(name, "an integer or null")
            }
        }
        func digest(_ name: String) throws(AuditLineError) -> AuditHash {
            guard let hash = AuditHash(hex: try string(name)) else { throw .wrongType(name, "64 lowercase hex digits") }
            return hash
        }
        guard case .integer(let seq) = object["seq"], seq >= 1 else { throw .wrongType("seq", "an integer ≥ 1") }
        guard let at = AuditTime(parsing: try string("at")) else {
            throw .wrongType("at", "RFC 3339 UTC with six fractional digits")
        }
        guard let outcome = AuditOutcome(rawValue: try string("outcome")) else {
            throw .wrongType("outcome", "success, refused or failed")
        }
        var delivered: SequenceSet?
        if let text = try optionalString("delivered") {
            guard let set = SequenceSet(parsing: text) else { throw .wrongType("delivered", "a sequence set") }
            delivered = set
        }
        record = AuditRecord(
            seq: seq, at: at, actor: try optionalString("actor"), keyID: try optionalString("key_id"),
            action: try string("action"), resource: try optionalString("resource"), outcome: outcome,
            status: try optionalInteger("status"), requestID: try optionalString("request_id"),
            policyVersion: try optionalString("policy_version"), delivered: delivered,
            count: try optionalInteger("count"))
        hash = try digest("hash")
        previous = try digest("prev_hash")
    }
}

/// Why a line of an export is not an audit entry.
public enum AuditLineError: Error, Hashable, Sendable, CustomStringConvertible {
    case notJSON(String)
    case unknownMember(String)
    case missingMember(String)
    case wrongType(String, String)

    public var description: String {
        switch self {
        case .notJSON(let why): "not a JSON object of strings, integers and nulls: \(why)"
        case .unknownMember(let name): "unknown member \"\(name)\""
        case .missingMember(let name): "the member \"\(name)\" is missing"
        case .wrongType(let name, let expected): "\"\(name)\" must be \(expected)"
        }
    }
}
