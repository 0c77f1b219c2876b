/// A value in its kind's canonical form: the only form that is ever hashed into a token.
///
/// Two inputs that denote the same phone number, account or URL have equal canonical values,
/// so every participant derives the same token for them.
public struct CanonicalValue: Hashable, Sendable {
    /// What the value is, which selects its canonical form.
    public let kind: IndicatorKind
    /// The canonical text, e.g. `+66812345678`.
    public let value: String

    /// Wraps text that is already canonical; use ``canonicalize(_:as:region:)`` for raw input.
    package init(kind: IndicatorKind, value: String) {
        self.kind = kind
        self.value = value
    }
}
