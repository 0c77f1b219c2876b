import ArgumentParser
import Foundation
import IndicatorModel
import SharingPolicy

extension PolicyCommand {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what a policy decides for one report and one recipient, and why.",
            discussion: """
                The report file is JSON: {"report": {...}, "indicator": {"reports": [...]}, "recipient": {...}} \
                (examples/policy/). --recipient, --role and --jurisdiction override or complete its recipient.

                Example: scamhub policy explain --policy policies/two-bank-pilot.yaml \
                --report examples/policy/pilot-single-unsure-report.json --role bank --jurisdiction TH
                """
        )

        @Option(help: "The policy file.") var policy: String
        @Option(help: "The report scenario, a JSON file.") var report: String
        @Option(help: "The recipient's participant id.") var recipient: String?
        @Option(help: "The recipient's role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: Role?
        @Option(help: "The recipient's jurisdiction, e.g. TH.") var jurisdiction: String?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() throws {
            let compiled = try loadPolicy(policy)
            let scenario = try readScenario(report)
            let participant = try resolveRecipient(scenario.recipient)
            let explanation = compiled.explain(
                scenario.report, indicator: scenario.indicator, for: participant,
                requestedRetention: scenario.requestedDuration)
            if json {
                print(String(decoding: try makeJSONEncoder().encode(explanation), as: UTF8.self))
            } else {
                print(render(explanation))
            }
        }

        private func readScenario(_ file: String) throws -> PolicyScenario {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("scamhub: \(file) does not exist")
                throw ExitCode.noInput
            }
            do {
                return try WireCoding.makeDecoder().decode(PolicyScenario.self, from: data)
            } catch {
                printError("scamhub: \(file) is not a report scenario: \(describe(error))")
                throw ExitCode.dataError
            }
        }

        private func resolveRecipient(_ fromFile: Participant?) throws -> Participant {
            do {
                guard let role = role ?? fromFile?.role else {
                    throw ValidationError(
                        "say who receives: --role (and --jurisdiction), or a \"recipient\" in the report file")
                }
                guard let code = jurisdiction ?? fromFile?.jurisdiction.code else {
                    throw ValidationError("say where the recipient is: --jurisdiction, e.g. --jurisdiction TH")
                }
                let id = try ParticipantID(recipient ?? fromFile?.id.rawValue ?? "example-recipient")
                return Participant(id: id, role: role, jurisdiction: try Jurisdiction(code))
            } catch let error as ValidationError {
                throw error
            } catch {
                throw ValidationError("\(error)")
            }
        }

        private func render(_ explanation: Explanation) -> String {
            var lines = [
                "policy \(explanation.policy) (\(explanation.version.short))",
                "decision: \(explanation.decision)"
                    + (explanation.rule.map { " by rule '\($0)' (line \(explanation.ruleLine ?? 0))" } ?? ""),
                "reason: \(explanation.reason)",
                "fields: \(explanation.fields.isEmpty ? "none" : explanation.fields.joined(separator: ", "))",
            ]
            if let retention = explanation.retention { lines.append("retention: \(retention)") }
            lines.append("steps:")
            lines += explanation.steps.enumerated().map { "  \($0.offset + 1). \($0.element)" }
            return lines.joined(separator: "\n")
        }
    }
}

/// A decoding error as one line: the field path and what is wrong.
private func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    switch error {
    case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
        return "\(path(context.codingPath)): \(context.debugDescription)"
    case .keyNotFound(let key, let context):
        return "\(path(context.codingPath + [key])): missing"
    @unknown default:
        return "\(error)"
    }
}

private func path(_ keys: [any CodingKey]) -> String {
    keys.isEmpty ? "the document" : keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
}
