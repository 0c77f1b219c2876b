/// Re-verifies an audit export offline (docs/audit.md, "Verifying"): the hash chain line by line,
/// then every checkpoint's signature and head against the recomputed chain.
///
/// Feed it the export's lines in order with `consume`, then call `finish`. It keeps only the
/// running hash and the hashes at checkpoint sizes, so exports of any length verify in constant
/// memory.
public struct AuditVerifier: Sendable {
    private let publicKeys: [AuditPublicKey]
    private let checkpoints: [AuditCheckpoint]
    private let checkpointSizes: Set<Int64>
    /// Recomputed `hash(size)` for each checkpoint size the export covers.
    private var hashesAtCheckpoints: [Int64: AuditHash] = [:]
    private var running = AuditHash.genesis
    private var first: (seq: Int64, previous: AuditHash)?
    private var expected: Int64 = 1
    private var lines: Int64 = 0
    private var failure: AuditVerificationFailure?
    private var scanner = CanonicalLineScanner()

    public init(publicKey: AuditPublicKey, checkpoints: [AuditCheckpoint]) {
        self.init(publicKeys: [publicKey], checkpoints: checkpoints)
    }

    /// A verifier accepting checkpoints signed by any of `publicKeys`: the hub's current key and the
    /// keys it signed with before a rotation.
    public init(publicKeys: [AuditPublicKey], checkpoints: [AuditCheckpoint]) {
        self.publicKeys = publicKeys
        self.checkpoints = checkpoints.sorted { $0.size < $1.size }
        checkpointSizes = Set(checkpoints.map(\.size))
    }

    /// Checks the next line; after the first failure, further lines are ignored.
    public mutating func consume(line bytes: some Collection<UInt8>) {
        guard failure == nil else { return }
        let isDone =
            bytes.withContiguousStorageIfAvailable { consumeCanonical($0) }
            ?? Array(bytes).withUnsafeBufferPointer { consumeCanonical($0) }
        if isDone { return }
        lines += 1
        let line: AuditExportLine
        do {
            line = try AuditExportLine(parsing: bytes)
        } catch {
            return fail(.malformed, expected, "line \(lines) is not an audit entry: \(error)")
        }
        let seq = line.record.seq
        if first != nil {
            if seq > expected {
                return fail(
                    .missing, expected,
                    "after entry \(expected - 1) comes entry \(seq): entries were deleted or reordered")
            }
            if seq < expected {
                return fail(
                    .outOfOrder, expected,
                    "after entry \(expected - 1) comes entry \(seq) again: entries were repeated or reordered")
            }
        } else {
            first = (seq, line.previous)
            expected = seq
            if seq == 1 {
                guard line.previous == .genesis else {
                    return fail(
                        .brokenLink, 1, "entry 1 must follow 32 zero bytes, it claims to follow \(line.previous)")
                }
            }
            running = line.previous
        }
        guard line.previous == running else {
            return fail(
                .brokenLink, seq,
                "entry \(seq) claims to follow hash \(line.previous), but entry \(seq - 1) hashes to \(running): "
                    + "entry \(seq - 1) was altered or entries between were removed")
        }
        let hash = running.next(line.record)
        guard hash == line.hash else {
            return fail(
                .altered, seq,
                "entry \(seq) does not hash to its recorded hash: its content was changed after it was written")
        }
        running = hash
        if checkpointSizes.contains(seq) { hashesAtCheckpoints[seq] = hash }
        expected = seq + 1
    }

    /// The fast path for a line already in canonical form, the form the hub writes: checks it
    /// without building the entry. False when the line needs the full parser (any other form, or
    /// anything wrong with it, which the full parser then names).
    private mutating func consumeCanonical(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard scanner.scan(line) else { return false }
        let seq = scanner.seq
        if first == nil {
            guard seq != 1 || scanner.previous == AuditHash.genesis.bytes,
                let previous = AuditHash(bytes: scanner.previous)
            else { return false }
            first = (seq, previous)
            expected = seq
            running = previous
        }
        guard seq == expected, scanner.previous == running.bytes else { return false }
        return advance(seq)
    }

    private mutating func advance(_ seq: Int64) -> Bool {
        let hash = running.next(canonical: scanner.canonical)
        guard hash.bytes == scanner.hash else { return false }
        lines += 1
        running = hash
        if checkpointSizes.contains(seq) { hashesAtCheckpoints[seq] = hash }
        expected = seq + 1
        return true
    }

    private mutating func fail(_ kind: AuditVerificationFailure.Kind, _ entry: Int64, _ detail: String) {
        failure = AuditVerificationFailure(kind: kind, entry: entry, detail: detail)
    }

    /// The verdict over everything consumed, checkpoints included.
    public func finish() -> Result<AuditVerificationReport, AuditVerificationFailure> {
        if let failure { return .failure(failure) }
        let firstSeq = first?.seq ?? 1
        let lastSeq = first == nil ? 0 : expected - 1
        var report = AuditVerificationReport(
            firstEntry: first == nil ? nil : firstSeq, lastEntry: first == nil ? nil : lastSeq, head: running,
            isAnchored: firstSeq == 1)
        for checkpoint in checkpoints {
            guard publicKeys.contains(where: { checkpoint.isSigned(by: $0) }), let head = checkpoint.headHash else {
                let keys = publicKeys.map(\.keyID).joined(separator: ", ")
                return .failure(
                    AuditVerificationFailure(
                        kind: .badSignature, entry: checkpoint.size,
                        detail: "the checkpoint of size \(checkpoint.size) is not signed by key \(keys): "
                            + "forged, altered, or signed by another hub"))
            }
            if checkpoint.size > lastSeq {
                return .failure(
                    AuditVerificationFailure(
                        kind: .truncated, entry: lastSeq + 1,
                        detail: "the export ends at entry \(lastSeq) but the hub signed a checkpoint of "
                            + "\(checkpoint.size) entries at \(checkpoint.at): entries \(lastSeq + 1)–\(checkpoint.size) are missing"
                    ))
            }
            if checkpoint.size < firstSeq - 1 {
                report.checkpointsBefore += 1
                continue
            }
            let recomputed = checkpoint.size == firstSeq - 1 ? first?.previous : hashesAtCheckpoints[checkpoint.size]
            guard recomputed == head else {
                return .failure(
                    AuditVerificationFailure(
                        kind: .checkpointMismatch, entry: checkpoint.size,
                        detail: "entries up to \(checkpoint.size) hash to \(recomputed?.description ?? "nothing") but "
                            + "the hub signed \(checkpoint.head) at \(checkpoint.at): the log was rewritten at or before entry \(checkpoint.size)"
                    ))
            }
            if checkpoint.size == firstSeq - 1 { report.isAnchored = true }
            report.checkpointsVerified += 1
            report.latestCheckpoint = checkpoint
        }
        return .success(report)
    }
}

/// What a successful verification established.
public struct AuditVerificationReport: Hashable, Sendable {
    public var firstEntry: Int64?
    public var lastEntry: Int64?
    /// The recomputed hash of the last entry.
    public var head: AuditHash
    /// Whether the first entry is tied to something signed or fixed: entry 1 follows the genesis
    /// hash, or a checkpoint at the cut of a pruned log states what it follows.
    public var isAnchored: Bool
    /// Checkpoints whose signature and head matched the export.
    public var checkpointsVerified = 0
    /// Checkpoints with valid signatures that lie before the export's first entry.
    public var checkpointsBefore = 0
    /// The largest checkpoint that matched.
    public var latestCheckpoint: AuditCheckpoint?

    public var entryCount: Int64 {
        guard let firstEntry, let lastEntry else { return 0 }
        return lastEntry - firstEntry + 1
    }
}

/// The first thing wrong with an export, and the entry it concerns.
public struct AuditVerificationFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// A line is not an audit entry.
        case malformed
        /// Entry numbers skip: entries were deleted (or reordered).
        case missing
        /// An entry number repeats or goes backwards.
        case outOfOrder = "out-of-order"
        /// An entry does not follow the previous one's hash.
        case brokenLink = "broken-link"
        /// An entry's content does not match its hash.
        case altered
        /// A checkpoint's signature does not verify under the hub's key.
        case badSignature = "bad-signature"
        /// The export stops before a signed checkpoint's size.
        case truncated
        /// The chain does not reach a signed checkpoint's head: the log was rewritten.
        case checkpointMismatch = "checkpoint-mismatch"
    }

    public var kind: Kind
    public var entry: Int64
    public var detail: String

    public var description: String { "entry \(entry): \(kind.rawValue): \(detail)" }
}
