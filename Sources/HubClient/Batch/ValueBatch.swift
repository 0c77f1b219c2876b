public import IndicatorModel

/// Turns raw values, one per line, into JSON Lines of canonical forms and, given a community
/// key, tokens: the engine of `scamhub canonicalize` and `scamhub hash`.
///
/// Each input line yields exactly one output line, in order:
/// `{"input":"…","canonical":"…"}` (plus `"token"` with a key) or `{"input":"…","error":"…"}`.
/// The plaintext stays on this machine: this runs locally and sends nothing anywhere.
public struct ValueBatch: Sendable {
    public let kind: IndicatorKind
    public let region: String?
    public let key: CommunityKey?

    /// Longest line read whole; longer lines are reported as errors without being held in memory.
    public static let maximumLineLength = 65_536

    public init(kind: IndicatorKind, region: String?, key: CommunityKey?) {
        self.kind = kind
        self.region = region
        self.key = key
    }

    /// Processes standard input to standard output; returns the number of lines and errors.
    public func run(input: Int32 = 0, output: Int32 = 1) throws -> Summary {
        var reader = LineReader(descriptor: input, maximumLineLength: Self.maximumLineLength)
        var out = OutputBuffer(descriptor: output)
        var summary = Summary()
        try reader.forEachLine { line in
            summary.record(isError: appendResult(for: line.bytes, isCut: line.isCut, to: &out))
            try out.flushIfFull()
        }
        try out.flush()
        return summary
    }

    /// Processes values given as arguments.
    public func run(values: [String], output: Int32 = 1) throws -> Summary {
        var out = OutputBuffer(descriptor: output)
        var summary = Summary()
        for value in values {
            summary.record(isError: appendResult(for: Array(value.utf8)[...], isCut: false, to: &out))
            try out.flushIfFull()
        }
        try out.flush()
        return summary
    }

    /// Counts of processed lines.
    public struct Summary: Sendable, Equatable {
        public var lines = 0
        public var errors = 0

        mutating func record(isError: Bool) {
            lines += 1
            if isError { errors += 1 }
        }
    }

    /// Appends one output line; returns whether it reports an error.
    private func appendResult(for raw: ArraySlice<UInt8>, isCut: Bool, to out: inout OutputBuffer) -> Bool {
        out.append(#"{"input":"#)
        if isCut {
            appendJSONString(raw.prefix(256), to: &out, ellipsis: true)
            out.append(#","error":"line longer than "#)
            out.append(contentsOf: String(Self.maximumLineLength).utf8)
            out.append(" bytes\"}\n")
            return true
        }
        appendJSONString(raw, to: &out)
        do {
            let canonical = try canonicalize(utf8: raw, as: kind, region: region)
            out.append(#","canonical":"#)
            appendJSONString(canonical.value.utf8, to: &out)
            if let key {
                out.append(#","token":""#)
                out.append(contentsOf: Token(for: canonical, using: key).hex.utf8)
                out.append(UInt8(ascii: "\""))
            }
            out.append("}\n")
            return false
        } catch {
            out.append(#","error":"#)
            appendJSONString(error.description.utf8, to: &out)
            out.append("}\n")
            return true
        }
    }
}

/// Appends bytes as a JSON string literal. Bytes that are not UTF-8 become U+FFFD, so the output
/// is valid JSON whatever the input was.
func appendJSONString(_ bytes: some Collection<UInt8>, to out: inout OutputBuffer, ellipsis: Bool = false) {
    out.append(UInt8(ascii: "\""))
    let isPlain = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    if isPlain {
        out.append(contentsOf: bytes)
    } else {
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\"": out.append(#"\""#)
            case "\\": out.append(#"\\"#)
            case "\n": out.append(#"\n"#)
            case "\r": out.append(#"\r"#)
            case "\t": out.append(#"\t"#)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out.append(#"\u00"#)
                out.append(contentsOf: hexPair(UInt8(scalar.value)))
            default: out.append(contentsOf: String(scalar).utf8)
            }
        }
    }
    if ellipsis { out.append("…") }
    out.append(UInt8(ascii: "\""))
}

private func hexPair(_ byte: UInt8) -> [UInt8] {
    let digits = Array("0123456789abcdef".utf8)
    return [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
}
