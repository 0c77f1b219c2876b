import Foundation
public import IndicatorModel

/// Canonicalizes, hashes and looks up values in a flag list held in memory: the engine of `scamhub check`.
///
/// Prints a line per match (or, with `json`, a JSON line per value) to standard output and a line per
/// value that is not a valid `kind` to standard error; counts both. Nothing leaves the machine.
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
        do {
            try reader.forEachLine { line in
                if line.isCut {
                    lines += 1
                    record(
                        error: "line longer than \(ValueBatch.maximumLineLength) bytes", input: line.bytes.prefix(64))
                } else {
                    check(line.bytes)
                }
                try out.flushIfFull()
            }
        } catch {
            throw .unreadable(path, "\(error)")
        }
    }

    /// Checks one value.
    public mutating func check(_ raw: ArraySlice<UInt8>) {
        lines += 1
        let token: Token
        do {
            token = Token(for: try canonicalize(utf8: raw, as: kind, region: region), using: key)
        } catch {
            record(error: error.description, input: raw)
            return
        }
        let entries = index.entries(for: token)
        if !entries.isEmpty { matches += 1 }
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
                out.append(
                    contentsOf:
                        "\t\(entry.category?.rawValue ?? "-")\t\(entry.confidenceBand?.rawValue ?? "-")\t\(entry.keyID.rawValue)\n"
                        .utf8)
            }
        }
    }

    /// Writes what is still buffered.
    public mutating func finish() {
        try? out.flush()
    }

    private mutating func record(error: String, input: ArraySlice<UInt8>) {
        errors += 1
        if json {
            out.append(#"{"input":"#)
            appendJSONString(input, to: &out)
            out.append(#","error":"#)
            appendJSONString(error.utf8, to: &out)
            out.append("}\n")
        } else {
            let text = String(decoding: input.prefix(256), as: UTF8.self)
            FileHandle.standardError.write(Data("line \(lines): \(text): \(error)\n".utf8))
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
