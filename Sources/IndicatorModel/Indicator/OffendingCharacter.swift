// Errors name the one character they refuse, never the whole input; these find it in the bytes.

/// The Unicode scalar starting at a byte offset of valid UTF-8, for naming it in an error.
func scalar(at index: Int, in bytes: ArraySlice<UInt8>) -> Unicode.Scalar {
    String(decoding: bytes[index...].prefix(4), as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
}

/// The character starting at a byte offset of valid UTF-8, for naming it in an error.
func character(at index: Int, in bytes: ArraySlice<UInt8>) -> Character {
    String(decoding: bytes[index...].prefix(4), as: UTF8.self).first ?? "\u{FFFD}"
}
