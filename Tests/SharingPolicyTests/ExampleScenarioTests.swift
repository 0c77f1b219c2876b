import Foundation
import IndicatorModel
import SharingPolicy
import Testing

/// The example policies under policies/ and the scenarios under examples/policy/, whose
/// documented answers (`expect`) are checked here.
struct ExampleScenarioTests {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var scenarioFiles: [URL] {
        let directory = root.appending(path: "examples/policy")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appending(path: $0) }
    }

    struct Expectation: Decodable {
        let decision: String
        let rule: String?
        let fields: [String]
        let reason: String?
        let retention: String?
    }

    struct Example: Decodable {
        let policy: String
        let expect: Expectation
    }

    @Test(
        "The example policies check without errors or warnings",
        arguments: [
            "national-anti-scam-centre.yaml", "asean-cross-border.yaml", "two-bank-pilot.yaml",
        ])
    func examplePoliciesAreClean(name: String) throws {
        let file = Self.root.appending(path: "policies").appending(path: name)
        let policy = try Policy(yaml: String(contentsOf: file, encoding: .utf8), file: name)
        #expect(policy.warnings.isEmpty, "\(policy.warnings)")
    }

    @Test func thereAreExamplesForEveryPolicy() {
        #expect(Self.scenarioFiles.count >= 10)
    }

    @Test("Each example gives its documented answer", arguments: scenarioFiles)
    func exampleGivesItsDocumentedAnswer(file: URL) throws {
        let data = try Data(contentsOf: file)
        let example = try JSONDecoder().decode(Example.self, from: data)
        let scenario = try WireCoding.makeDecoder().decode(PolicyScenario.self, from: data)
        let policyFile = Self.root.appending(path: example.policy)
        let policy = try Policy(yaml: String(contentsOf: policyFile, encoding: .utf8), file: example.policy)
        let recipient = try #require(scenario.recipient)
        let explanation = policy.explain(
            scenario.report, indicator: scenario.indicator, for: recipient,
            requestedRetention: scenario.requestedDuration)
        #expect(explanation.decision == example.expect.decision)
        #expect(explanation.rule == example.expect.rule)
        #expect(explanation.fields == example.expect.fields)
        if let reason = example.expect.reason { #expect(explanation.reason == reason) }
        if let retention = example.expect.retention { #expect(explanation.retention == retention) }
        #expect(
            policy.decide(scenario.report, indicator: scenario.indicator, for: recipient).isAllowed
                == (explanation.decision == "allow"))
    }
}
