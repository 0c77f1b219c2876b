/// Punycode (RFC 3492), the Bootstring encoding of Unicode labels into ASCII, without the `xn--` prefix.
///
/// Mixed-case annotation (RFC 3492 appendix A) is not produced: digits are written in lowercase.
enum Punycode {
    private static let base: UInt32 = 36
    private static let tMin: UInt32 = 1
    private static let tMax: UInt32 = 26
    private static let skew: UInt32 = 38
    private static let damp: UInt32 = 700
    private static let initialBias: UInt32 = 72
    private static let initialN: UInt32 = 0x80
    private static let delimiter = UInt8(ascii: "-")

    /// Encodes code points as Punycode ASCII bytes; nil only when the input is too long to encode
    /// without overflow (far beyond any DNS label).
    static func encode(_ input: [Unicode.Scalar]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + 8)
        for scalar in input where scalar.value < initialN { output.append(UInt8(scalar.value)) }
        let basicCount = UInt32(output.count)
        var handled = basicCount
        if basicCount > 0 { output.append(delimiter) }

        var n = initialN
        var delta: UInt32 = 0
        var bias = initialBias
        let total = UInt32(input.count)
        while handled < total {
            var next = UInt32.max
            for scalar in input where scalar.value >= n && scalar.value < next { next = scalar.value }
            let (scaled, overflow1) = (next - n).multipliedReportingOverflow(by: handled + 1)
            let (sum, overflow2) = delta.addingReportingOverflow(scaled)
            guard !overflow1, !overflow2 else { return nil }
            delta = sum
            n = next
            for scalar in input {
                if scalar.value < n {
                    guard delta < UInt32.max else { return nil }
                    delta += 1
                }
                if scalar.value == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = threshold(k, bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, isFirst: handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return output
    }

    /// Decodes Punycode ASCII bytes into code points; nil when the input is not valid Punycode or
    /// decodes to something that is not a Unicode scalar.
    static func decode(_ input: some Collection<UInt8>) -> [Unicode.Scalar]? {
        let bytes = Array(input)
        var output: [Unicode.Scalar] = []
        let basicEnd = bytes.lastIndex(of: delimiter) ?? 0
        for byte in bytes[..<basicEnd] {
            guard byte < 0x80 else { return nil }
            output.append(Unicode.Scalar(byte))
        }
        var n = initialN
        var i: UInt32 = 0
        var bias = initialBias
        var position = basicEnd > 0 ? basicEnd + 1 : 0
        while position < bytes.count {
            let oldI = i
            var w: UInt32 = 1
            var k = base
            while true {
                guard position < bytes.count, let value = digitValue(bytes[position]) else { return nil }
                position += 1
                let (product, overflow1) = value.multipliedReportingOverflow(by: w)
                let (sum, overflow2) = i.addingReportingOverflow(product)
                guard !overflow1, !overflow2 else { return nil }
                i = sum
                let t = threshold(k, bias)
                if value < t { break }
                let (weight, overflow3) = w.multipliedReportingOverflow(by: base - t)
                guard !overflow3 else { return nil }
                w = weight
                k += base
            }
            let length = UInt32(output.count + 1)
            bias = adapt(i - oldI, length, isFirst: oldI == 0)
            let (next, overflow) = n.addingReportingOverflow(i / length)
            guard !overflow, let scalar = Unicode.Scalar(next) else { return nil }
            n = next
            i %= length
            output.insert(scalar, at: Int(i))
            i += 1
        }
        return output
    }

    private static func threshold(_ k: UInt32, _ bias: UInt32) -> UInt32 {
        k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
    }

    private static func adapt(_ delta: UInt32, _ count: UInt32, isFirst: Bool) -> UInt32 {
        var delta = isFirst ? delta / damp : delta / 2
        delta += delta / count
        var k: UInt32 = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    /// 0...25 are `a`...`z`, 26...35 are `0`...`9`.
    private static func digit(_ value: UInt32) -> UInt8 {
        value < 26 ? UInt8(value) + UInt8(ascii: "a") : UInt8(value - 26) + UInt8(ascii: "0")
    }

    private static func digitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0")) + 26
        default: nil
        }
    }
}
