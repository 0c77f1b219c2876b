import Foundation
import Testing

/// The walk-throughs in examples/, run as a newcomer would, against a real hub process.
@Suite("examples/")
struct ExamplesTests {
    @Test("The platform, bank, police and auditor walk-throughs run green, in order, against one hub")
    func walkThroughs() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scamhub-examples-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let hub = try HubProcess(in: directory, demo: true)
        defer { hub.stop() }
        let keys = try hub.demoKeys()
        var environment = [
            "PATH": "/usr/bin:/bin", "SCAMHUB_URL": hub.url.absoluteString, "SCAMHUB": ScamhubProcess.binary.path,
            "COMMUNITY_KEY": directory.appending(path: "scamhub-demo/community.key").path,
        ]
        environment["PLATFORM_KEY"] = keys["demo-platform"]
        environment["BANK_KEY"] = keys["demo-bank"]
        environment["POLICE_KEY"] = keys["demo-police"]
        environment["AUDITOR_KEY"] = keys["demo-auditor"]

        func run(_ name: String) throws -> (status: Int32, output: String) {
            let work = directory.appending(path: "work-\(name)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            var scriptEnvironment = environment
            scriptEnvironment["WORK"] = work.path
            let output = directory.appending(path: "\(name).out")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let process = Process()
            process.executableURL = URL(filePath: "/bin/bash")
            process.arguments = [HubProcess.repositoryRoot.appending(path: "examples/\(name)/run.sh").path]
            process.environment = scriptEnvironment
            process.currentDirectoryURL = directory
            let handle = try FileHandle(forWritingTo: output)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            process.waitUntilExit()
            return (process.terminationStatus, try String(contentsOf: output, encoding: .utf8))
        }

        let platform = try run("platform")
        #expect(platform.status == 0, "\(platform.output)")
        #expect(platform.output.contains("Published"), "\(platform.output)")
        #expect(platform.output.contains("4 accepted, 1 rejected"), "\(platform.output)")

        let bank = try run("bank")
        #expect(bank.status == 0, "\(bank.output)")
        #expect(bank.output.contains("Fetched the whole list"), "\(bank.output)")
        #expect(bank.output.contains("check exit status: 0"), "nothing flagged before the report: \(bank.output)")
        #expect(bank.output.contains("check exit status: 1"), "flagged after it: \(bank.output)")
        #expect(bank.output.contains("Recorded: 1 reporter(s) told"), "\(bank.output)")

        let police = try run("police")
        #expect(police.status == 0, "\(police.output)")
        #expect(police.output.contains("th-alerts"), "\(police.output)")
        #expect(
            police.output.contains(#""category":"scam_compound""#), "the alert is the case number: \(police.output)")

        let auditor = try run("auditor")
        #expect(auditor.status == 0, "\(auditor.output)")
        #expect(auditor.output.contains("intact: entries 1–"), "\(auditor.output)")
        #expect(
            auditor.output.contains("demo-bank"), "the bank received the mule account it reported: \(auditor.output)")
    }
}
