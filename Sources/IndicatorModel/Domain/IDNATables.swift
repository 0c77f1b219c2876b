/// The UTS #46 and IDNA2008 data that domain-name processing consults, parsed once from
/// `idnaTableText` (see tools/generate-idna-tables.py).
struct IDNATables: Sendable {
    /// A UTS #46 status (§5): what processing does with a code point.
    enum Status: UInt8, Sendable {
        case valid, mapped, deviation, ignored, disallowed
    }

    /// The IDNA2008 (RFC 5892) class of a code point that may appear in a label at all.
    enum Validity: UInt8, Sendable {
        case pvalid, contextJ, contextO, disallowed
    }

    /// An RFC 5893 Bidi class, as far as the Bidi Rule distinguishes them.
    enum BidiClass: UInt8, Sendable {
        case l, r, al, an, en, es, cs, et, on, bn, nsm, other, unknown
    }

    /// A joining type from ArabicShaping.txt, for the ZERO WIDTH NON-JOINER rule.
    enum JoiningType: UInt8, Sendable {
        case causing, dual, left, right, transparent, none
    }

    var mappingStarts: [UInt32] = []
    var mappingStatuses: [Status] = []
    var mappingRanges: [Range<Int>] = []
    var mappingPool: [Unicode.Scalar] = []
    var pvalid = ScalarRanges()
    var contextJ = ScalarRanges()
    var contextO = ScalarRanges()
    var joining = ScalarRangeTable<JoiningType>(missing: .none)
    var greek = ScalarRanges()
    var han = ScalarRanges()
    var hebrew = ScalarRanges()
    var hiragana = ScalarRanges()
    var katakana = ScalarRanges()
    var bidi = ScalarRangeTable<BidiClass>(missing: .unknown)
    var marks = ScalarRanges()
    var viramas = ScalarRanges()

    /// The status of `scalar` and, when it is mapped, what it maps to.
    func mapping(of scalar: Unicode.Scalar) -> (status: Status, replacement: ArraySlice<Unicode.Scalar>) {
        let index = lastIndex(in: mappingStarts, notAbove: scalar.value)
        return (mappingStatuses[index], mappingPool[mappingRanges[index]])
    }

    func validity(of scalar: Unicode.Scalar) -> Validity {
        if pvalid.contains(scalar) { return .pvalid }
        if contextJ.contains(scalar) { return .contextJ }
        if contextO.contains(scalar) { return .contextO }
        return .disallowed
    }
}

/// The tables, parsed at first use (global `let`s are initialised lazily and thread-safely).
let idnaTables = IDNATables(parsing: idnaTableText)

/// Sorted, disjoint, inclusive code point ranges.
struct ScalarRanges: Sendable {
    var starts: [UInt32] = []
    var ends: [UInt32] = []

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let index = lastIndex(in: starts, notAbove: scalar.value)
        return index >= 0 && scalar.value <= ends[index]
    }
}

/// Sorted, disjoint, inclusive code point ranges with a value each; other code points get `missing`.
struct ScalarRangeTable<Value: Sendable>: Sendable {
    var starts: [UInt32] = []
    var ends: [UInt32] = []
    var values: [Value] = []
    let missing: Value

    init(missing: Value) { self.missing = missing }

    subscript(scalar: Unicode.Scalar) -> Value {
        let index = lastIndex(in: starts, notAbove: scalar.value)
        return index >= 0 && scalar.value <= ends[index] ? values[index] : missing
    }
}

/// The index of the last element not above `value` in the sorted `array`, or -1.
private func lastIndex(in array: [UInt32], notAbove value: UInt32) -> Int {
    var low = 0
    var high = array.count
    while low < high {
        let middle = (low + high) / 2
        if array[middle] <= value { low = middle + 1 } else { high = middle }
    }
    return low - 1
}

extension IDNATables {
    /// Parses the generated text; the text is ours, so malformed text is a programmer error.
    init(parsing text: String) {
        var section = Substring()
        for line in text.split(separator: "\n") {
            if line.first == "#" {
                section = line.dropFirst()
                continue
            }
            for token in line.split(separator: " ") { add(token, to: section) }
        }
        precondition(mappingStarts.first == 0 && !pvalid.starts.isEmpty && !bidi.starts.isEmpty, "IDNA tables")
    }

    private mutating func add(_ token: Substring, to section: Substring) {
        let parts = token.split(separator: "=", maxSplits: 1)
        let (first, last) = Self.bounds(parts[0])
        let value = parts.count > 1 ? parts[1] : ""
        switch section {
        case "uts46":
            mappingStarts.append(first)
            let pieces = value.split(separator: ":")
            mappingStatuses.append(Self.status(pieces[0]))
            let start = mappingPool.count
            if pieces.count > 1 {
                mappingPool += pieces[1].split(separator: ",").map { Self.scalar(Self.hex($0)) }
            }
            mappingRanges.append(start..<mappingPool.count)
        case "pvalid": pvalid.append(first, last)
        case "contextj": contextJ.append(first, last)
        case "contexto": contextO.append(first, last)
        case "greek": greek.append(first, last)
        case "han": han.append(first, last)
        case "hebrew": hebrew.append(first, last)
        case "hiragana": hiragana.append(first, last)
        case "katakana": katakana.append(first, last)
        case "mark": marks.append(first, last)
        case "virama": viramas.append(first, last)
        case "joining": joining.append(first, last, Self.joiningType(value))
        case "bidi":
            // Runs: each lasts until the next one starts.
            if let previous = bidi.starts.indices.last { bidi.ends[previous] = first - 1 }
            bidi.append(first, 0x10FFFF, Self.bidiClass(value))
        default: preconditionFailure("unknown IDNA table section \(section)")
        }
    }

    private static func bounds(_ token: Substring) -> (UInt32, UInt32) {
        let ends = token.split(separator: "-")
        return (hex(ends[0]), hex(ends[ends.count - 1]))
    }

    private static func hex(_ text: Substring) -> UInt32 {
        guard let value = UInt32(text, radix: 16) else { preconditionFailure("bad hex in IDNA tables") }
        return value
    }

    private static func scalar(_ value: UInt32) -> Unicode.Scalar {
        guard let scalar = Unicode.Scalar(value) else { preconditionFailure("bad scalar in IDNA tables") }
        return scalar
    }

    private static func status(_ text: Substring) -> Status {
        switch text {
        case "V": .valid
        case "M": .mapped
        case "D": .deviation
        case "I": .ignored
        default: .disallowed
        }
    }

    private static func joiningType(_ text: Substring) -> JoiningType {
        switch text {
        case "C": .causing
        case "D": .dual
        case "L": .left
        case "R": .right
        case "T": .transparent
        default: .none
        }
    }

    private static func bidiClass(_ text: Substring) -> BidiClass {
        switch text {
        case "L": .l
        case "R": .r
        case "AL": .al
        case "AN": .an
        case "EN": .en
        case "ES": .es
        case "CS": .cs
        case "ET": .et
        case "ON": .on
        case "BN": .bn
        case "NSM": .nsm
        case "?": .unknown
        default: .other
        }
    }
}

extension ScalarRanges {
    fileprivate mutating func append(_ first: UInt32, _ last: UInt32) {
        starts.append(first)
        ends.append(last)
    }
}

extension ScalarRangeTable {
    fileprivate mutating func append(_ first: UInt32, _ last: UInt32, _ value: Value) {
        starts.append(first)
        ends.append(last)
        values.append(value)
    }
}
