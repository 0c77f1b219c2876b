import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndicatorModel
import Logging
import NIOCore
import SharingPolicy
import Testing

@testable import HubServer

/// The real hub on 127.0.0.1 and a free port, on a fresh database in a temporary directory, with the
/// demo community set up: what every integration test talks to over HTTP.
struct LiveHub {
    let client: any TestClientProtocol
    /// Each demo participant's API key, by participant id.
    let keys: [String: String]
    let dataDirectory: URL

    static let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Starts a hub under `policy` (a file in `policies/`), runs `body` against it and stops it.
    static func run<Value: Sendable>(
        policy: String = "national-anti-scam-centre.yaml", in existing: URL? = nil,
        logger: Logger = Logger(label: "scamhub-test"),
        configure: (inout HubConfiguration) -> Void = { _ in }, _ body: @Sendable (LiveHub) async throws -> Value
    ) async throws -> Value {
        let directory =
            existing ?? FileManager.default.temporaryDirectory.appending(path: "scamhub-live-\(UUID().uuidString)")
        defer { if existing == nil { try? FileManager.default.removeItem(at: directory) } }
        let data = directory.appending(path: "data")
        var configuration = HubConfiguration(
            host: "127.0.0.1", port: 0, dataDirectory: data,
            policyFile: repositoryRoot.appending(path: "policies/\(policy)"))
        configuration.auditFlushInterval = .milliseconds(10)
        configure(&configuration)
        let demo = try await DemoCommunity.setUp(
            dataDirectory: data, jurisdiction: try Jurisdiction("TH"), community: "th-exchange", at: Date())
        let keys = Dictionary(
            uniqueKeysWithValues: demo.members.map { ($0.participant.id.rawValue, $0.key.secretText) })
        let app = try await buildHub(configuration: configuration, logger: logger)
        return try await app.test(.live) { client in
            try await body(LiveHub(client: client, keys: keys, dataDirectory: data))
        }
    }

    /// Sends a request as `participant` (nil: no Authorization header) with a JSON body.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, as participant: String? = nil, json body: some Encodable,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        try await send(method, path, as: participant, body: try WireCoding.makeEncoder().encode(body), headers: headers)
    }

    /// Sends a request as `participant` (nil: no Authorization header) with raw body bytes.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, as participant: String? = nil, body: Data? = nil,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        if let participant {
            headers[.authorization] = "Bearer \(try #require(keys[participant], "no demo participant \(participant)"))"
        }
        if body != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
    }

    /// Sends a request and decodes a successful JSON answer.
    func call<Answer: Decodable>(
        _ answer: Answer.Type, _ method: HTTPRequest.Method, _ path: String, as participant: String,
        json body: (some Encodable)? = Optional<String>.none
    ) async throws -> Answer {
        let response =
            if let body { try await send(method, path, as: participant, json: body) } else {
                try await send(method, path, as: participant)
            }
        guard response.status.kind == .successful else {
            throw LiveHubError.unexpected(response.status.code, response.text)
        }
        return try WireCoding.makeDecoder().decode(Answer.self, from: response.data)
    }

    func publish(_ reports: [Report], as participant: String) async throws -> PublishResponse {
        try await call(
            PublishResponse.self, .post, "/v1/reports", as: participant, json: PublishRequest(reports: reports))
    }

    func flagListChanges(after cursor: Int64, as participant: String) async throws -> FlagListDelta {
        try await call(FlagListDelta.self, .get, "/v1/flaglist/changes?after=\(cursor)", as: participant)
    }

    func feed(after cursor: Int64 = 0, as participant: String) async throws -> FeedPage {
        try await call(FeedPage.self, .get, "/v1/feed?after=\(cursor)", as: participant)
    }

    func lookup(_ tokens: [Token], as participant: String) async throws -> LookupResponse {
        let kid = try KeyID("th-2026-11")
        return try await call(
            LookupResponse.self, .post, "/v1/lookup", as: participant,
            json: LookupRequest(tokens: tokens.map { TokenReference(token: $0, keyID: kid) }))
    }
}

enum LiveHubError: Error, CustomStringConvertible {
    case unexpected(Int, String)

    var description: String {
        switch self {
        case .unexpected(let status, let body): "unexpected \(status): \(body)"
        }
    }
}

/// The problem+json body of a response.
func problem(of response: TestResponse) throws -> Problem {
    #expect(response.headers[.contentType] == "application/problem+json")
    return try WireCoding.makeDecoder().decode(Problem.self, from: response.data)
}

/// The demo community key of these tests: fixed, so tokens are reproducible.
let testCommunityKey = try! CommunityKey(hex: String(repeating: "5c", count: 32))

/// The token of a value under the test community key.
func liveToken(_ value: String, _ kind: IndicatorKind, region: String? = "TH") throws -> Token {
    Token(for: try canonicalize(value, as: kind, region: region), using: testCommunityKey)
}

/// A report as a participant would publish it.
func liveReport(
    _ token: Token, kind: IndicatorKind = .phone, category: IndicatorModel.Category = .investmentScam,
    confidence: Int = 90, tlp: TLP = .green, listing: Listing = .flag, recipients: [String] = [],
    narrative: String? = nil, expiresAt: Date? = nil
) throws -> Report {
    Report(
        token: token, keyID: try KeyID("th-2026-11"), kind: kind, category: category,
        confidence: try Confidence(confidence), tlp: tlp, listing: listing,
        recipients: try recipients.map { try ParticipantID($0) }, narrative: narrative, expiresAt: expiresAt)
}

extension TestResponse {
    /// The body's bytes.
    var data: Data { Data(body.readableBytesView) }
    /// The body as UTF-8 text.
    var text: String { String(decoding: body.readableBytesView, as: UTF8.self) }
}
