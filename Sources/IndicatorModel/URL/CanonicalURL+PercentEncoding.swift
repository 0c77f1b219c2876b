/// The bytes with percent-escapes undone until none is left (`%2525` → `%25` → `%`), in one pass.
///
/// Undoing an escape can only create a new escape that ends at the decoded byte or starts with it,
/// and escapes never overlap, so decoding at the end of the output as bytes arrive reaches the same
/// result as Safe Browsing's repeated whole-string passes, in linear time.
func fullyPercentDecoded(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    for byte in bytes {
        output.append(byte)
        while output.count >= 3, output[output.count - 3] == UInt8(ascii: "%"),
            let high = hexDigitValue(output[output.count - 2]), let low = hexDigitValue(output[output.count - 1])
        {
            output.removeLast(3)
            output.append(high << 4 | low)
        }
    }
    return output
}

/// Appends the bytes, escaping those Safe Browsing escapes: <= 0x20, >= 0x7F, `#` and `%`.
func appendPercentEncoded(_ bytes: some Sequence<UInt8>, to output: inout [UInt8]) {
    for byte in bytes {
        if byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "%") {
            output.append(UInt8(ascii: "%"))
            output.append(upperHexDigits[Int(byte >> 4)])
            output.append(upperHexDigits[Int(byte & 0x0F)])
        } else {
            output.append(byte)
        }
    }
}

private let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
