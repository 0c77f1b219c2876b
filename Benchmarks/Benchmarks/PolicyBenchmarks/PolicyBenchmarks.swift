import Benchmark
import Foundation
import IndicatorModel
import SharingPolicy

/// Sharing decisions per second: what the hub does for every (change × subscriber).
///
/// The policy is shaped like the national example, plus one rule per category for platforms and
/// one per kind for police abroad: 30 rules. Reports and recipients are prepared before measuring, as the
/// hub prepares a change once and each subscriber once; each iteration decides one pair.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .mega,
        maxDuration: .seconds(3),
        maxIterations: 10_000_000
    )

    let policy = makeBenchmarkPolicy()
    let recipients = makeRecipients().map { policy.prepare($0) }
    let reports = makeReports().map { policy.prepare($0.0, indicator: $0.1) }

    Benchmark("decide (prepared report × prepared recipient), \(policy.ruleCount) rules") { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            index &+= 1
            blackHole(policy.decide(reports[index % reports.count], for: recipients[(index / 7) % recipients.count]))
        }
    }

    Benchmark("prepare a report with 5 live reports", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let (report, indicator) = makeReports()[0]
        for _ in benchmark.scaledIterations {
            blackHole(policy.prepare(report, indicator: indicator))
        }
    }

    Benchmark("compile the policy", configuration: .init(scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(makeBenchmarkPolicy())
        }
    }
}

func makeBenchmarkPolicy() -> Policy {
    var rules = """
        policy: benchmark
        communities:
          - id: home
            roles: [bank, telco, platform, law_enforcement, regulator, ngo]
            jurisdictions: [TH]
          - id: region
            roles: [law_enforcement, bank]
            jurisdictions: [TH, MY, SG, PH, KH, VN, ID, LA]
        field_sets:
          operational: [category, confidence_band, first_seen, last_seen, reporter_count, expiry]
          investigative: [category, confidence, reporter, narrative, evidence_digests, sealed_plaintext, first_seen, last_seen]
        need_to_know:
          phone: [bank, telco, platform, law_enforcement]
          bank_account: [bank, law_enforcement]
          wallet: [bank, law_enforcement]
          url: [platform, law_enforcement]
          domain: [platform, law_enforcement]
          platform_account: [platform, law_enforcement]
        cross_border:
          roles: [law_enforcement, bank]
        rules:
          - id: allow-list
            recipients: {roles: [bank, telco, platform, law_enforcement]}
            match: {list: allow}
            fields: [category]
          - id: compounds-police-only
            effect: deny
            recipients: {roles: [bank, telco, platform]}
            match: {categories: [scam_compound]}
          - id: police-home
            recipients: {roles: [law_enforcement], delivery: domestic}
            fields: investigative
          - id: banks-accounts
            recipients: {roles: [bank], delivery: domestic}
            match: {kinds: [bank_account, wallet]}
            require:
              any_of:
                - reporters: 2
                - {reporters: 1, reporter_role: law_enforcement}
                - {reporters: 1, reporter_role: bank, min_confidence: 80}
            fields: operational
          - id: banks-foreign-accounts
            recipients: {roles: [bank], delivery: cross_border, communities: [region]}
            match: {kinds: [bank_account, wallet], tlp: [clear, green]}
            require:
              any_of:
                - reporters: 3
                - {reporters: 1, reporter_role: law_enforcement}
            fields: [category, reporter_count]
          - id: banks-phones
            recipients: {roles: [bank], delivery: domestic}
            match: {kinds: [phone]}
            fields: operational

        """
    for category in Category.allCases where category != .scamCompound {
        rules += """
              - id: platforms-\(category.rawValue.replacingOccurrences(of: "_", with: "-"))
                recipients: {roles: [platform], jurisdictions: [TH]}
                match: {kinds: [url, domain, platform_account, phone], categories: [\(category.rawValue)]}
                fields: [category, confidence_band, last_seen]

            """
    }
    for kind in IndicatorKind.allCases {
        rules += """
              - id: police-abroad-\(kind.rawValue.replacingOccurrences(of: "_", with: "-"))
                recipients: {roles: [law_enforcement], delivery: cross_border, communities: [region]}
                match: {kinds: [\(kind.rawValue)], list: any}
                fields: investigative

            """
    }
    rules += """
          - id: telcos-phones
            recipients: {roles: [telco]}
            match: {kinds: [phone], tlp: [clear, green, amber]}
            fields: [category, confidence_band]
          - id: telcos-compounds
            recipients: {roles: [telco]}
            match: {kinds: [phone], categories: [scam_compound]}
            fields: [category]
          - id: ngo-nothing
            effect: deny
            recipients: {roles: [ngo]}
          - id: regulator-nothing
            effect: deny
            recipients: {roles: [regulator]}
        """
    do {
        return try Policy(yaml: rules, file: "benchmark.yaml")
    } catch {
        fatalError("the benchmark policy does not compile:\n\(error)")
    }
}

func makeRecipients() -> [Participant] {
    let roles: [Role] = [
        .bank, .bank, .bank, .platform, .platform, .telco, .lawEnforcement, .regulator, .ngo, .auditor,
    ]
    let places = ["TH", "TH", "TH", "MY", "SG"]
    return (0..<100).map { number in
        Participant(
            id: try! ParticipantID("member-\(number)"), role: roles[number % roles.count],
            jurisdiction: try! Jurisdiction(places[number % places.count]))
    }
}

func makeReports() -> [(ReportFacts, IndicatorState)] {
    let tlps: [TLP] = [.clear, .green, .green, .amber, .red]
    let reporterRoles: [Role] = [.bank, .platform, .telco, .lawEnforcement]
    return (0..<256).map { number in
        let reporter = Participant(
            id: try! ParticipantID("reporter-\(number % 13)"), role: reporterRoles[number % reporterRoles.count],
            jurisdiction: try! Jurisdiction(number % 4 == 0 ? "MY" : "TH"))
        let report = ReportFacts(
            reporter: reporter, kind: IndicatorKind.allCases[number % IndicatorKind.allCases.count],
            category: Category.allCases[(number / 8) % Category.allCases.count],
            confidence: try! Confidence(number % 101),
            tlp: tlps[number % tlps.count], listing: number % 17 == 0 ? .allow : .flag,
            recipients: [try! ParticipantID("member-\(number % 100)")])
        let live = (0..<(number % 6)).map {
            IndicatorState.LiveReport(
                reporter: try! ParticipantID("reporter-\($0)"), role: reporterRoles[$0 % reporterRoles.count],
                confidence: try! Confidence(($0 * 37) % 101))
        }
        return (report, IndicatorState(reports: live))
    }
}
