/// An online platform whose accounts scamhub shares, as listed in docs/platforms.md.
struct Platform: Sendable {
    /// The name used in canonical values: `telegram` in `telegram:somename`.
    let name: String
    /// Other names accepted before the colon, e.g. `twitter` for `x`.
    var aliases: [String] = []
    /// How identifiers look; the first rule whose selector matches applies, the last one otherwise.
    let rules: [IdentifierRule]
    /// Profile URL patterns, host included, e.g. `t.me/{id}` or `facebook.com/profile.php?id={id}`.
    var profileURLs: [String] = []
    /// Lowercase first path segments that are the platform's own pages rather than accounts.
    var reservedNames: Set<String> = []
}

/// One way a platform identifies accounts, with its syntax and canonical spelling.
struct IdentifierRule: Sendable {
    /// When a rule applies to an identifier.
    enum Selector: Sendable {
        /// Always; the fallback.
        case any
        /// When the identifier starts with this ASCII character, which is then removed.
        case leading(UInt8)
        /// When the identifier is all ASCII digits.
        case allDigits
        /// When the identifier starts with `+` or has only digits, spaces and dashes.
        case phoneLike
        /// When the identifier starts with this text and has exactly this length.
        case prefix(String, length: Int)
    }

    /// What an identifier is: a name (checked here) or a phone number (checked by the phone kind).
    enum Syntax: Sendable {
        /// Characters from `characters`; letters lowercased when `isCaseInsensitive`; characters in
        /// `ignored` accepted but dropped from the canonical form and not counted in `length`.
        case name(characters: ASCIISet, length: ClosedRange<Int>, isCaseInsensitive: Bool, ignored: ASCIISet = [])
        /// An international phone number, `+` optional; with a `nationalRegion`, a number starting
        /// with 0 is read as a national number of that region.
        case phoneNumber(nationalRegion: String? = nil)
    }

    var selector: Selector = .any
    /// An optional leading character dropped before checking, such as the `@` of `@name`.
    var optionalLeading: UInt8? = nil
    /// Text put before the identifier in the canonical form, such as the `@` of a YouTube handle.
    var canonicalPrefix = ""
    let syntax: Syntax
}

/// A set of ASCII characters, written like a regular-expression class body: `a-z0-9._`.
struct ASCIISet: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(stringLiteral spec: String) {
        let bytes = Array(spec.utf8)
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                for byte in bytes[index]...bytes[index + 2] { insert(byte) }
                index += 3
            } else {
                insert(bytes[index])
                index += 1
            }
        }
    }

    init(arrayLiteral elements: UInt8...) {
        for byte in elements { insert(byte) }
    }

    private mutating func insert(_ byte: UInt8) {
        precondition(byte < 128, "ASCIISet holds ASCII only")
        if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
    }

    func contains(_ byte: UInt8) -> Bool {
        if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
        if byte < 128 { return high & (1 << UInt64(byte - 64)) != 0 }
        return false
    }
}
