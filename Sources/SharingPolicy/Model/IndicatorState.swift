public import IndicatorModel

/// The live reports on a token, which decide whether a flag is corroborated.
///
/// Live means neither revoked nor expired when the decision is made: the caller leaves the others
/// out, since `decide` has no clock. Reports are counted per organisation, each at its highest
/// confidence. The report being decided always counts too, whether or not it is listed here.
public struct IndicatorState: Codable, Hashable, Sendable {
    public var reports: [LiveReport]

    public init(reports: [LiveReport] = []) { self.reports = reports }

    /// One live report on the token: who made it and how sure it is.
    public struct LiveReport: Codable, Hashable, Sendable {
        public var reporter: ParticipantID
        public var role: Role
        public var confidence: Confidence

        public init(reporter: ParticipantID, role: Role, confidence: Confidence) {
            self.reporter = reporter
            self.role = role
            self.confidence = confidence
        }
    }
}
