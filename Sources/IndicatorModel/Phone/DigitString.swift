/// Up to 64 decimal digits (values 0...9, not ASCII) held inline, so that parsing a phone number
/// allocates nothing on the heap.
///
/// Dropping leading digits only moves `start`; the digits themselves never move.
struct DigitString: Equatable, Sendable {
    static let capacity = 64

    private var storage = SIMD64<UInt8>()
    private var start = 0
    private var end = 0

    init() {}

    /// Digits from ASCII text, for tests and for data tables; other characters are skipped.
    init(_ text: some StringProtocol) {
        for byte in text.utf8 where (0x30...0x39).contains(byte) { append(byte - 0x30) }
    }

    /// The digits of a country calling code (1...999).
    init(countryCode: Int) {
        if countryCode >= 100 { append(UInt8(countryCode / 100)) }
        if countryCode >= 10 { append(UInt8(countryCode / 10 % 10)) }
        append(UInt8(countryCode % 10))
    }

    var count: Int { end - start }
    var isEmpty: Bool { end == start }
    var isFull: Bool { end == Self.capacity }

    subscript(index: Int) -> UInt8 {
        withUnsafeBytes(of: storage) { $0[start &+ index] }
    }

    /// Calls `body` with the digits in place, for tight loops.
    func withDigits<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeBytes(of: storage) { bytes in
            body(UnsafeBufferPointer(rebasing: bytes.bindMemory(to: UInt8.self)[start..<end]))
        }
    }

    /// Appends a digit value (0...9); the caller checks `isFull` first.
    mutating func append(_ digit: UInt8) {
        precondition(end < Self.capacity)
        withUnsafeMutableBytes(of: &storage) { $0[end] = digit }
        end += 1
    }

    mutating func append(contentsOf other: DigitString, from index: Int = 0, to endIndex: Int? = nil) {
        for position in index..<(endIndex ?? other.count) where !isFull { append(other[position]) }
    }

    mutating func removeFirst(_ length: Int) {
        start += min(length, count)
    }

    func dropFirst(_ length: Int) -> DigitString {
        var copy = self
        copy.removeFirst(length)
        return copy
    }

    func starts(with prefix: DigitString) -> Bool {
        guard prefix.count <= count else { return false }
        for index in 0..<prefix.count where self[index] != prefix[index] { return false }
        return true
    }

    /// The number formed by the first `length` digits (at most 3, for country calling codes).
    func prefixValue(_ length: Int) -> Int {
        var value = 0
        for index in 0..<length { value = value * 10 + Int(self[index]) }
        return value
    }

    /// The digits as ASCII text, for error messages.
    var text: String { String(decoding: (0..<count).map { self[$0] + 0x30 }, as: UTF8.self) }
}
