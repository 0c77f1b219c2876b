/// Brings a raw value into its kind's canonical form.
///
/// Surrounding whitespace is ignored; everything else about the input is the kind's business.
/// - Parameters:
///   - raw: the value as a person or a system wrote it, e.g. `081 234 5678`.
///   - kind: what the value is.
///   - region: the ISO 3166 alpha-2 region that national-format phone numbers belong to, e.g. `TH`.
///     Other kinds ignore it.
public func canonicalize(
    _ raw: String, as kind: IndicatorKind, region: String? = nil
) throws(CanonicalizationError) -> CanonicalValue {
    let utf8 = raw.utf8
    guard let first = utf8.first, let last = utf8.last, !isWhitespaceEdge(first), !isWhitespaceEdge(last) else {
        return try canonicalize(utf8: Array(utf8), as: kind, region: region)
    }
    // Already trimmed, and a String is valid UTF-8: the common case goes straight to the kind.
    guard utf8.count <= kind.inputLimit else { throw .tooLong(kind: kind, bytes: utf8.count, limit: kind.inputLimit) }
    return try canonicalizeTrimmed(raw, as: kind, region: region)
}

/// Brings raw bytes into their kind's canonical form.
///
/// URLs may carry bytes that are not UTF-8 (Safe Browsing escapes them); every other kind must be
/// valid UTF-8.
public func canonicalize(
    utf8 bytes: some Collection<UInt8>, as kind: IndicatorKind, region: String? = nil
) throws(CanonicalizationError) -> CanonicalValue {
    let trimmed = trimmingWhitespace(bytes)
    guard !trimmed.isEmpty else { throw .empty }
    let limit = kind.inputLimit
    guard trimmed.count <= limit else { throw .tooLong(kind: kind, bytes: trimmed.count, limit: limit) }
    if kind == .url {
        do { return CanonicalValue(kind: kind, value: try canonicalURL(trimmed)) } catch { throw .url(error) }
    }
    guard let text = String(validating: trimmed, as: UTF8.self) else { throw .notUTF8 }
    return try canonicalizeTrimmed(text, as: kind, region: region)
}

/// Dispatches trimmed, non-empty text of acceptable length to its kind's canonicalizer.
private func canonicalizeTrimmed(
    _ text: String, as kind: IndicatorKind, region: String?
) throws(CanonicalizationError) -> CanonicalValue {
    let value: String
    switch kind {
    case .phone:
        do { value = try canonicalPhoneNumber(text, defaultRegion: region) } catch { throw .phone(error) }
    case .bankAccount:
        do { value = try canonicalBankAccount(text) } catch { throw .bankAccount(error) }
    case .wallet:
        do { value = try canonicalWallet(text) } catch { throw .wallet(error) }
    case .url:
        do { value = try canonicalURL(Array(text.utf8)) } catch { throw .url(error) }
    case .domain:
        do { value = try canonicalDomain(text) } catch { throw .domain(error) }
    case .email:
        do { value = try canonicalEmail(text) } catch { throw .email(error) }
    case .ip:
        do { value = try canonicalIPAddress(text) } catch { throw .ip(error) }
    case .platformAccount:
        do { value = try canonicalPlatformAccount(text) } catch { throw .platformAccount(error) }
    }
    return CanonicalValue(kind: kind, value: value)
}

extension IndicatorKind {
    /// The longest input, in bytes after trimming, that the kind accepts: far above any real value,
    /// low enough that garbage cannot make canonicalization expensive.
    var inputLimit: Int {
        switch self {
        case .url: 16_384
        default: 1_024
        }
    }
}

/// The bytes without leading and trailing ASCII whitespace and Unicode spaces (NBSP, ideographic
/// space and the like), which copy-and-paste tends to add.
private func trimmingWhitespace(_ bytes: some Collection<UInt8>) -> [UInt8] {
    let array = Array(bytes)
    var start = 0
    var end = array.count
    while start < end, let width = whitespaceWidth(array, at: start) { start += width }
    while end > start, let width = whitespaceWidthEnding(array, at: end) { end -= width }
    return Array(array[start..<end])
}

private let unicodeSpaces: [[UInt8]] =
    [
        [0xC2, 0xA0],  // U+00A0 no-break space
        [0xE2, 0x80, 0x8B],  // U+200B zero width space
        [0xE2, 0x80, 0xAF],  // U+202F narrow no-break space
        [0xE3, 0x80, 0x80],  // U+3000 ideographic space
        [0xEF, 0xBB, 0xBF],  // U+FEFF byte order mark
    ] + (0x80...0x8A).map { [0xE2, 0x80, UInt8($0)] }  // U+2000...U+200A

/// Whether a value starting or ending with this byte may need trimming: ASCII whitespace, or any
/// non-ASCII byte (the Unicode spaces are multi-byte).
private func isWhitespaceEdge(_ byte: UInt8) -> Bool {
    isASCIIWhitespace(byte) || byte >= 0x80
}

private func whitespaceWidth(_ bytes: [UInt8], at index: Int) -> Int? {
    if isASCIIWhitespace(bytes[index]) { return 1 }
    return unicodeSpaces.first { bytes[index...].starts(with: $0) }?.count
}

private func whitespaceWidthEnding(_ bytes: [UInt8], at end: Int) -> Int? {
    if isASCIIWhitespace(bytes[end - 1]) { return 1 }
    return unicodeSpaces.first { bytes[..<end].reversed().starts(with: $0.reversed()) }?.count
}
