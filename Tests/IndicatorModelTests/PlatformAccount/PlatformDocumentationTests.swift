import Foundation
import Testing

@testable import IndicatorModel

/// One row of the examples table in docs/platforms.md.
struct DocumentedPlatformExample: Sendable, CustomTestStringConvertible {
    let input: String
    /// The canonical form, or nil when the row expects an error.
    let canonical: String?
    /// The error case's name when the row expects an error.
    let errorCase: String?
    var testDescription: String { input }

    static let all: [DocumentedPlatformExample] = {
        let url = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../../docs/platforms.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8),
            let begin = text.range(of: "<!-- examples:begin -->"), let end = text.range(of: "<!-- examples:end -->")
        else { preconditionFailure("cannot read the examples of docs/platforms.md") }
        return text[begin.upperBound..<end.lowerBound].split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2, cells[0].hasPrefix("`") else { return nil }
            let input = cells[0].trimmingCharacters(in: ["`"])
            if cells[1].hasPrefix("error ") {
                return DocumentedPlatformExample(
                    input: input, canonical: nil, errorCase: cells[1].dropFirst(6).trimmingCharacters(in: ["`"]))
            }
            return DocumentedPlatformExample(
                input: input, canonical: cells[1].trimmingCharacters(in: ["`"]), errorCase: nil)
        }
    }()
}

struct PlatformDocumentationTests {
    @Test func documentationHasExamples() {
        #expect(DocumentedPlatformExample.all.count == 45)
    }

    @Test("docs/platforms.md examples hold", arguments: DocumentedPlatformExample.all)
    func documentedExample(example: DocumentedPlatformExample) {
        do {
            let canonical = try canonicalPlatformAccount(example.input)
            #expect(canonical == example.canonical)
        } catch {
            #expect(caseName(error) == example.errorCase)
        }
    }

    @Test func everyRegistryPlatformIsDocumented() {
        let rows = DocumentedPlatformExample.all.compactMap(\.canonical).map { $0.prefix { $0 != ":" } }
        for platform in Platform.all {
            #expect(rows.contains(Substring(platform.name)), "no example for \(platform.name)")
        }
    }
}

private func caseName(_ error: PlatformAccountError) -> String {
    switch error {
    case .unknownPlatform: "unknownPlatform"
    case .missingPlatform: "missingPlatform"
    case .missingIdentifier: "missingIdentifier"
    case .identifierTooShort: "identifierTooShort"
    case .identifierTooLong: "identifierTooLong"
    case .disallowedCharacter: "disallowedCharacter"
    case .unknownHost: "unknownHost"
    case .notAProfileURL: "notAProfileURL"
    case .unsupportedScheme: "unsupportedScheme"
    case .invalidPhoneNumber: "invalidPhoneNumber"
    }
}
