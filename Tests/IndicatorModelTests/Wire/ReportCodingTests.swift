import Foundation
import Testing

@testable import IndicatorModel

struct ReportCodingTests {
    private let token = "de837c2906af947a86af37695b0ce84b54164153457f1589ef7c32b6c513a0b0"

    private func decode(_ json: String) throws -> Report {
        try WireCoding.makeDecoder().decode(Report.self, from: Data(json.utf8))
    }

    @Test func minimalReportTakesDefaults() throws {
        let report = try decode(
            #"{"token":"\#(token)","kid":"2026-11","kind":"phone","category":"mule_account","confidence":80,"tlp":"amber"}"#
        )
        #expect(report.kind == .phone)
        #expect(report.category == .muleAccount)
        #expect(report.confidence.band == .high)
        #expect(report.listing == .flag)
        #expect(report.recipients.isEmpty && report.jurisdictions.isEmpty && report.expiresAt == nil)
    }

    @Test func fullReportDecodesEveryField() throws {
        let report = try decode(
            #"""
            {"token":"\#(token)","kid":"k1","kind":"bank_account","category":"investment_scam","confidence":55,
             "tlp":"amber+strict","list":"allow","recipients":["police-th"],"jurisdictions":["th","KH"],
             "narrative":"seen in 4 cases","evidence_digests":["sha256:\#(token)"],"expires_at":"2027-01-31T00:00:00Z"}
            """#)
        #expect(report.tlp == .amberStrict)
        #expect(report.listing == .allow)
        #expect(report.recipients.map(\.rawValue) == ["police-th"])
        #expect(report.jurisdictions.map(\.code) == ["TH", "KH"])
        #expect(report.expiresAt == Date(timeIntervalSince1970: 1_801_353_600))
        #expect(report.confidence.band == .medium)
        try report.validate()
    }

    @Test func encodingRoundTripsWithSnakeCaseKeys() throws {
        let report = Report(
            token: try Token(hex: token), keyID: try KeyID("k1"), kind: .wallet, category: .phishing,
            confidence: try Confidence(10), tlp: .red, recipients: [try ParticipantID("police-th")])
        let data = try WireCoding.makeEncoder().encode(report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""kid":"k1""#) && text.contains(#""list":"flag""#))
        #expect(try decode(text) == report)
    }

    @Test(
        "Out-of-range and malformed fields are refused",
        arguments: [
            #""confidence":101"#, #""confidence":-1"#, #""tlp":"purple""#, #""kind":"fax""#,
            #""category":"scam""#, #""kid":"""#, #""token":"+66812345678""#,
        ])
    func malformedFieldIsRefused(field: String) throws {
        var fields = [
            "token": "\"\(token)\"", "kid": "\"k1\"", "kind": "\"phone\"", "category": "\"phishing\"",
            "confidence": "50", "tlp": "\"green\"",
        ]
        let name = String(field.split(separator: ":")[0].dropFirst().dropLast())
        fields[name] = String(field.dropFirst(name.count + 3))
        let json = "{" + fields.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
        #expect(throws: DecodingError.self) { try decode(json) }
    }

    @Test func redReportWithoutRecipientsFailsValidation() throws {
        let report = try decode(
            #"{"token":"\#(token)","kid":"k1","kind":"ip","category":"other","confidence":1,"tlp":"red"}"#)
        #expect(throws: WireValueError.recipientsRequired(.red)) { try report.validate() }
    }

    @Test func malformedEvidenceDigestIsNamedByIndex() throws {
        var report = try decode(
            #"{"token":"\#(token)","kid":"k1","kind":"ip","category":"other","confidence":1,"tlp":"green"}"#)
        report.evidenceDigests = ["sha256:\(token)", "md5:abc"]
        #expect(throws: WireValueError.evidenceDigest(index: 1)) { try report.validate() }
    }

    @Test func tlpOrdersFromClearToRed() {
        #expect(TLP.allCases.sorted() == [.clear, .green, .amber, .amberStrict, .red])
    }
}
