/// A regular expression of the small subset that libphonenumber's metadata uses over digit
/// strings: digits, `\d`, classes such as `[2-57]`, groups `(…)` and `(?:…)`, `|`, `?`, `*`, `+`,
/// `{n}`, `{n,m}`, and `$` (end of input, only in national prefixes for parsing).
///
/// tools/generate-phone-metadata.py checks every pattern against this subset, so a pattern that
/// fails to parse here is a bug in the generator, not bad input.
indirect enum PhonePattern: Equatable, Sendable {
    case digits(DigitSet)
    case sequence([PhonePattern])
    case alternation([PhonePattern])
    /// A group; `capture` is the 1-based number of a capturing group, nil for `(?:…)`.
    case group(PhonePattern, capture: Int?)
    /// `max` nil means unbounded.
    case repetition(PhonePattern, min: Int, max: Int?)
    case endOfInput

    /// The number of capturing groups.
    var captureCount: Int {
        switch self {
        case .digits, .endOfInput: 0
        case .sequence(let items), .alternation(let items): items.reduce(0) { $0 + $1.captureCount }
        case .group(let inner, let capture): inner.captureCount + (capture == nil ? 0 : 1)
        case .repetition(let inner, _, _): inner.captureCount
        }
    }

    /// Whether the pattern can match the empty string.
    var isNullable: Bool {
        switch self {
        case .digits: false
        case .endOfInput: true
        case .sequence(let items): items.allSatisfy(\.isNullable)
        case .alternation(let items): items.contains(where: \.isNullable)
        case .group(let inner, _): inner.isNullable
        case .repetition(let inner, let min, _): min == 0 || inner.isNullable
        }
    }

    /// Whether the pattern contains `$`.
    var hasEndAnchor: Bool {
        switch self {
        case .digits: false
        case .endOfInput: true
        case .sequence(let items), .alternation(let items): items.contains(where: \.hasEndAnchor)
        case .group(let inner, _), .repetition(let inner, _, _): inner.hasEndAnchor
        }
    }
}

/// A set of digit values 0...9 as a bit mask.
struct DigitSet: Equatable, Sendable {
    var mask: UInt16

    static let any = DigitSet(mask: 0x3FF)

    static func single(_ digit: UInt8) -> DigitSet { DigitSet(mask: 1 << UInt16(digit)) }

    func contains(_ digit: UInt8) -> Bool { mask & (1 << UInt16(digit)) != 0 }
}

/// Why a pattern is outside the supported subset.
struct PhonePatternSyntaxError: Error, Equatable, CustomStringConvertible {
    let pattern: String
    let offset: Int
    let reason: String

    var description: String { "unsupported phone pattern \(pattern) at \(offset): \(reason)" }
}

extension PhonePattern {
    /// Parses a pattern of the supported subset.
    init(parsing pattern: String) throws(PhonePatternSyntaxError) {
        var parser = PhonePatternParser(pattern: pattern)
        self = try parser.parse()
    }
}

private struct PhonePatternParser {
    let pattern: String
    let bytes: [UInt8]
    var position = 0
    var nextCapture = 1

    init(pattern: String) {
        self.pattern = pattern
        bytes = Array(pattern.utf8)
    }

    mutating func parse() throws(PhonePatternSyntaxError) -> PhonePattern {
        let result = try parseAlternation()
        guard position == bytes.count else { throw failure("unbalanced )") }
        return result
    }

    func failure(_ reason: String) -> PhonePatternSyntaxError {
        PhonePatternSyntaxError(pattern: pattern, offset: position, reason: reason)
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func parseAlternation() throws(PhonePatternSyntaxError) -> PhonePattern {
        var branches = [try parseSequence()]
        while current == UInt8(ascii: "|") {
            position += 1
            branches.append(try parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseSequence() throws(PhonePatternSyntaxError) -> PhonePattern {
        var items: [PhonePattern] = []
        while let byte = current, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
            var item = try parseAtom()
            while let quantifier = try parseQuantifier() {
                if quantifier.max == nil, item.isNullable { throw failure("unbounded repetition of an empty match") }
                item = .repetition(item, min: quantifier.min, max: quantifier.max)
            }
            items.append(item)
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    mutating func parseAtom() throws(PhonePatternSyntaxError) -> PhonePattern {
        guard let byte = current else { throw failure("pattern ends early") }
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            position += 1
            return .digits(.single(byte - 0x30))
        case UInt8(ascii: "\\"):
            guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "d") else {
                throw failure("only \\d may follow a backslash")
            }
            position += 2
            return .digits(.any)
        case UInt8(ascii: "["):
            position += 1
            return .digits(try parseClass())
        case UInt8(ascii: "("):
            position += 1
            var capture: Int? = nextCapture
            if current == UInt8(ascii: "?") {
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ":") else {
                    throw failure("only (?: groups are supported")
                }
                position += 2
                capture = nil
            } else {
                nextCapture += 1
            }
            let inner = try parseAlternation()
            guard current == UInt8(ascii: ")") else { throw failure("missing )") }
            position += 1
            return .group(inner, capture: capture)
        case UInt8(ascii: "$"):
            position += 1
            return .endOfInput
        default:
            throw failure("unexpected character")
        }
    }

    mutating func parseClass() throws(PhonePatternSyntaxError) -> DigitSet {
        var mask: UInt16 = 0
        while let byte = current, byte != UInt8(ascii: "]") {
            guard let low = digitValue(byte) else { throw failure("only digits and ranges in a class") }
            position += 1
            var high = low
            if current == UInt8(ascii: "-") {
                position += 1
                guard let byte = current, let value = digitValue(byte), value >= low else { throw failure("bad range") }
                high = value
                position += 1
            }
            for digit in low...high { mask |= 1 << UInt16(digit) }
        }
        guard current == UInt8(ascii: "]"), mask != 0 else { throw failure("unterminated or empty class") }
        position += 1
        return DigitSet(mask: mask)
    }

    mutating func parseQuantifier() throws(PhonePatternSyntaxError) -> (min: Int, max: Int?)? {
        guard let byte = current else { return nil }
        let quantifier: (min: Int, max: Int?)
        switch byte {
        case UInt8(ascii: "?"): quantifier = (0, 1)
        case UInt8(ascii: "*"): quantifier = (0, nil)
        case UInt8(ascii: "+"): quantifier = (1, nil)
        case UInt8(ascii: "{"):
            position += 1
            let low = try parseNumber()
            var high = low
            if current == UInt8(ascii: ",") {
                position += 1
                high = try parseNumber()
            }
            guard current == UInt8(ascii: "}"), high >= low else { throw failure("bad {n,m}") }
            quantifier = (low, high)
        default: return nil
        }
        position += 1
        if let next = current, next == UInt8(ascii: "?") || next == UInt8(ascii: "+") {
            throw failure("lazy and possessive quantifiers are not supported")
        }
        return quantifier
    }

    mutating func parseNumber() throws(PhonePatternSyntaxError) -> Int {
        var value = 0
        let begin = position
        while let byte = current, let digit = digitValue(byte), position - begin < 3 {
            value = value * 10 + Int(digit)
            position += 1
        }
        guard position > begin else { throw failure("number expected") }
        return value
    }

    func digitValue(_ byte: UInt8) -> UInt8? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? byte - 0x30 : nil
    }
}
