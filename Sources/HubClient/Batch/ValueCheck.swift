import Dispatch
import Foundation
public import IndicatorModel

/// Canonicalizes, hashes and looks up values in a flag list held in memory: the engine of `scamhub check`.
///
/// Prints a line per match (or, with `json`, a JSON line per value) to standard output and a line per
/// value that is not a valid `kind` to standard error; counts both. Lines are read in batches whose
/// halves are checked on separate cores, and printed in input order. Nothing leaves the machine.
public struct ValueCheck {
    public let kind: IndicatorKind
    public let region: String?
    public let key: CommunityKey
    public let index: FlagListIndex
    public let json: Bool
    public private(set) var lines = 0
    public private(set) var matches = 0
    public private(set) var errors = 0
    private var out = OutputBuffer(descriptor: 1)

    /// Lines per batch; each batch is split between the cores.
    static let batchLines = 32_768

    public init(kind: IndicatorKind, region: String?, key: CommunityKey, index: FlagListIndex, json: Bool) {
        self.kind = kind
        self.region = region
        self.key = key
        self.index = index
        self.json = json
    }

    /// Checks every line of `path` (`-`: standard input).
    public mutating func run(file path: String) throws(ValueCheckError) {
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(path, String(cString: strerror(errno))) }
        defer { if descriptor != 0 { close(descriptor) } }
        var reader = LineReader(descriptor: descriptor, maximumLineLength: ValueBatch.maximumLineLength)
        var batch = LineBatch()
        do {
            try reader.forEachLine { line in
                batch.append(line.bytes, isCut: line.isCut)
                if batch.count == Self.batchLines {
                    try check(batch)
                    batch = LineBatch()
                }
            }
            try check(batch)
        } catch {
            throw .unreadable(path, "\(error)")
        }
    }

    /// Checks values given one by one.
    public mutating func run(values: [String]) throws(ValueCheckError) {
        var batch = LineBatch()
        for value in values { batch.append(Array(value.utf8)[...], isCut: false) }
        do { try check(batch) } catch { throw .unreadable("the output", "\(error)") }
    }

    /// Writes what is still buffered.
    public mutating func finish() {
        try? out.flush()
    }

    /// Checks a batch on every core, then prints the parts in order.
    private mutating func check(_ batch: LineBatch) throws(OutputError) {
        guard batch.count > 0 else { return }
        let parts = min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8, batch.count)
        let checker = LineChecker(kind: kind, region: region, key: key, index: index, json: json)
        var results = [PartResult](repeating: PartResult(), count: parts)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own element only.
            nonisolated(unsafe) let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let lower = batch.count * part / parts
                let upper = batch.count * (part + 1) / parts
                (base + part).pointee = checker.check(batch, lines: lower..<upper)
            }
        }
        for result in results {
            matches += result.matches
            errors += result.failures.count
            out.append(contentsOf: result.output)
            for (line, message) in result.failures where !message.isEmpty {
                FileHandle.standardError.write(Data("line \(lines + line + 1): \(message)\n".utf8))
            }
            try out.flushIfFull()
        }
        lines += batch.count
    }
}

/// Lines copied out of the reader's buffer, so that they outlive it and can be shared between threads.
struct LineBatch: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var ranges: [Range<Int>] = []
    private(set) var cut: [Bool] = []

    var count: Int { ranges.count }

    mutating func append(_ line: ArraySlice<UInt8>, isCut: Bool) {
        let start = bytes.count
        bytes.append(contentsOf: line)
        ranges.append(start..<bytes.count)
        cut.append(isCut)
    }

    subscript(line: Int) -> ArraySlice<UInt8> { bytes[ranges[line]] }
}

/// What one core found in its part of a batch: the output, the matches, and the failures by line.
private struct PartResult: Sendable {
    var output: [UInt8] = []
    var matches = 0
    var failures: [(line: Int, message: String)] = []
}

/// Checks lines; shared, read-only, by the cores.
private struct LineChecker: Sendable {
    let kind: IndicatorKind
    let region: String?
    let key: CommunityKey
    let index: FlagListIndex
    let json: Bool

    func check(_ batch: LineBatch, lines: Range<Int>) -> PartResult {
        var result = PartResult()
        var out = OutputBuffer(descriptor: -1)
        for line in lines {
            let raw = batch[line]
            if batch.cut[line] {
                fail("line longer than \(ValueBatch.maximumLineLength) bytes", raw.prefix(64), line, &result, &out)
                continue
            }
            let token: Token
            do {
                token = Token(for: try canonicalize(utf8: raw, as: kind, region: region), using: key)
            } catch {
                fail(error.description, raw, line, &result, &out)
                continue
            }
            guard json || index.contains(token) else { continue }
            let entries = index.entries(for: token)
            if !entries.isEmpty { result.matches += 1 }
            if json {
                out.append(#"{"input":"#)
                appendJSONString(raw, to: &out)
                out.append(#","match":"#)
                out.append(contentsOf: (entries.isEmpty ? "false" : "true").utf8)
                out.append(#","token":""#)
                out.append(contentsOf: token.hex.utf8)
                out.append(#"","lists":["#)
                for (position, entry) in entries.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    if let data = try? WireCoding.makeEncoder().encode(entry) { out.append(contentsOf: data) }
                }
                out.append("]}\n")
            } else {
                for entry in entries {
                    out.append(contentsOf: "\(entry.listing.rawValue)\t".utf8)
                    out.append(contentsOf: raw)
                    let category = entry.category?.rawValue ?? "-"
                    let band = entry.confidenceBand?.rawValue ?? "-"
                    out.append(contentsOf: "\t\(category)\t\(band)\t\(entry.keyID.rawValue)\n".utf8)
                }
            }
        }
        result.output = out.bytes
        return result
    }

    private func fail(
        _ message: String, _ raw: ArraySlice<UInt8>, _ line: Int, _ result: inout PartResult, _ out: inout OutputBuffer
    ) {
        if json {
            out.append(#"{"input":"#)
            appendJSONString(raw, to: &out)
            out.append(#","error":"#)
            appendJSONString(message.utf8, to: &out)
            out.append("}\n")
            // Counted, not printed again to standard error.
            result.failures.append((line, ""))
        } else {
            result.failures.append((line, "\(String(decoding: raw.prefix(256), as: UTF8.self)): \(message)"))
        }
    }
}

/// Why `scamhub check` could not read its values.
public enum ValueCheckError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        }
    }
}
