/// A 256-bit unsigned integer as four 64-bit words: an entry hash, a digest's running sum, or a
/// token's bytes, which compare in the same order as the bytes.
struct UInt256: Hashable, Comparable, Sendable {
    /// The most significant 64 bits.
    var high: UInt64
    var upper: UInt64
    var lower: UInt64
    /// The least significant 64 bits.
    var low: UInt64

    static let zero = UInt256(high: 0, upper: 0, lower: 0, low: 0)

    init(high: UInt64, upper: UInt64, lower: UInt64, low: UInt64) {
        self.high = high
        self.upper = upper
        self.lower = lower
        self.low = low
    }

    /// The number 32 bytes stand for, most significant byte first.
    init(bigEndianBytes bytes: UnsafeRawBufferPointer) {
        high = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        upper = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        lower = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        low = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    }

    /// A token's 32 bytes as a number, so that numbers compare as the bytes do.
    init(_ token: Token) {
        self = token.withUnsafeBytes { UInt256(bigEndianBytes: $0) }
    }

    /// The sum modulo 2²⁵⁶: the carry out of the top word falls off.
    static func &+ (lhs: UInt256, rhs: UInt256) -> UInt256 {
        let (low, carryLow) = addingWithCarry(lhs.low, rhs.low, false)
        let (lower, carryLower) = addingWithCarry(lhs.lower, rhs.lower, carryLow)
        let (upper, carryUpper) = addingWithCarry(lhs.upper, rhs.upper, carryLower)
        let (high, _) = addingWithCarry(lhs.high, rhs.high, carryUpper)
        return UInt256(high: high, upper: upper, lower: lower, low: low)
    }

    /// 2²⁵⁶ minus the number (zero stays zero): what adding subtracts the number modulo 2²⁵⁶.
    var twosComplement: UInt256 {
        UInt256(high: ~high, upper: ~upper, lower: ~lower, low: ~low) &+ UInt256(high: 0, upper: 0, lower: 0, low: 1)
    }

    /// Appends the 32 bytes, most significant first.
    func appendBigEndianBytes(to buffer: inout [UInt8]) {
        withUnsafeBytes(of: (high.bigEndian, upper.bigEndian, lower.bigEndian, low.bigEndian)) {
            buffer.append(contentsOf: $0)
        }
    }

    static func < (lhs: UInt256, rhs: UInt256) -> Bool {
        (lhs.high, lhs.upper, lhs.lower, lhs.low) < (rhs.high, rhs.upper, rhs.lower, rhs.low)
    }
}

private func addingWithCarry(_ lhs: UInt64, _ rhs: UInt64, _ carry: Bool) -> (UInt64, Bool) {
    let (partial, overflow) = lhs.addingReportingOverflow(rhs)
    guard carry else { return (partial, overflow) }
    let (sum, carryOverflow) = partial.addingReportingOverflow(1)
    return (sum, overflow || carryOverflow)
}
