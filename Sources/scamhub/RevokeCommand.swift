public import ArgumentParser
import Foundation
import HubClient
public import IndicatorModel

extension RevocationReason: ExpressibleByArgument {}
extension Disposition: ExpressibleByArgument {}

/// Which token a command acts on: given as a token, or as a value canonicalized and hashed here.
struct TokenOptions: ParsableArguments {
    @Option(help: "The token, 64 lowercase hexadecimal characters.")
    var token: String?

    @Option(help: "A value to canonicalize and hash locally instead of --token (with --kind and --key-file).")
    var value: String?

    @Option(help: "What --value is: \(IndicatorKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: IndicatorKind?

    @Option(help: "ISO 3166 region of a national-format phone number or domestic account, e.g. TH.")
    var region: String?

    @Option(help: "File holding the community key, to hash --value.")
    var keyFile: String?

    func validate() throws {
        switch (token, value) {
        case (nil, nil): throw ValidationError("give --token, or --value with --kind and --key-file")
        case (.some, .some): throw ValidationError("give --token or --value, not both")
        case (nil, .some):
            guard kind != nil, keyFile != nil else {
                throw ValidationError("--value needs --kind and --key-file to be hashed locally")
            }
        case (.some, nil): break
        }
    }

    /// The token; a value is canonicalized and hashed here, and never sent.
    func resolve() throws -> Token {
        if let token {
            do { return try Token(hex: token) } catch {
                printError(
                    "scamhub: --token must be 64 lowercase hexadecimal characters (a token, never a value): \(error)")
                throw ExitCode.dataError
            }
        }
        guard let value, let kind, let keyFile else { throw ExitCode.usage }
        let key = try readCommunityKey(keyFile)
        do {
            return Token(for: try canonicalize(value, as: kind, region: region?.uppercased()), using: key)
        } catch {
            // The error describes the value's shape, never the value itself.
            printError("scamhub: --value is not a valid \(kind.rawValue): \(error)")
            throw ExitCode.dataError
        }
    }
}

/// A required community key id (`--kid`).
struct KeyIDOption: ParsableArguments {
    @Option(help: "The community key id (kid) the token was made under, e.g. th-2026-11.")
    var kid: String

    func validate() throws {
        guard (try? KeyID(kid)) != nil else { throw ValidationError("--kid \(kid) is not a key id such as th-2026-11") }
    }

    var keyID: KeyID { get throws { try KeyID(kid) } }
}

/// `scamhub revoke`: withdraws your report on a token.
struct RevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Withdraw your report on a token (a false positive, a resolved case, a superseded report).",
        discussion: """
            Needs an API key with the publish scope. Recipients receive the revocation as a change \
            (`revoked`), and it leaves their flag lists.

            Example: scamhub revoke --value "081 234 5678" --kind phone --region TH --key-file community.key \
            --kid th-2026-11 --reason false_positive

            Exit codes: 0 done, 64 usage error, 65 refused as invalid (e.g. no such report), 69 hub \
            unreachable, 77 key not accepted or lacking the publish scope.
            """
    )

    @OptionGroup var hub: HubOptions
    @OptionGroup var target: TokenOptions
    @OptionGroup var kid: KeyIDOption
    @Option(help: "Why: \(RevocationReason.allCases.map(\.rawValue).joined(separator: ", ")).")
    var reason: RevocationReason

    func run() async throws {
        let (token, keyID) = (try target.resolve(), try kid.keyID)
        let request = RevokeRequest(reports: [RevokeRequest.Item(token: token, keyID: keyID)], reason: reason)
        let answer = try await hub.call { try await $0.revoke(request) }
        if hub.json { try printJSON(answer) }
        switch answer.results.first?.status {
        case .revoked?:
            if !hub.json { print("Revoked (change \(answer.results.first?.sequence.map(String.init) ?? "-")).") }
        case .alreadyRemoved?:
            if !hub.json { print("Already revoked or expired: nothing to do.") }
        case .notFound?, nil:
            printError("scamhub: you have no live report on that token under key id \(keyID.rawValue)")
            throw ExitCode.dataError
        case .notPermitted?:
            printError("scamhub: only the reporter, law enforcement and the operator may revoke that report")
            throw ExitCode.noPermission
        }
    }
}

/// `scamhub feedback`: tells a token's reporters what you did about it.
struct FeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Tell a token's reporters what you did about it (blocked, account frozen, false positive …).",
        discussion: """
            Needs an API key with the consume scope, and a token you may see. The reporters receive it \
            in their feed; two organisations' false positives put a token under review.

            Example: scamhub feedback --token 3f… --kid th-2026-11 --disposition account_frozen

            Exit codes: 0 done, 64 usage error, 65 refused as invalid, 69 hub unreachable, 77 key not \
            accepted or lacking the consume scope.
            """
    )

    @OptionGroup var hub: HubOptions
    @OptionGroup var target: TokenOptions
    @OptionGroup var kid: KeyIDOption
    @Option(help: "What you did: \(Disposition.allCases.map(\.rawValue).joined(separator: ", ")).")
    var disposition: Disposition

    func run() async throws {
        let (token, keyID) = (try target.resolve(), try kid.keyID)
        let request = FeedbackRequest(feedback: [
            FeedbackRequest.Item(token: token, keyID: keyID, disposition: disposition)
        ])
        let answer = try await hub.call { try await $0.sendFeedback(request) }
        if hub.json { return try printJSON(answer) }
        guard let result = answer.results.first else { return }
        print(
            "Recorded: \(result.reportersNotified) reporter(s) told; \(result.falsePositiveOrganisations) "
                + "organisation(s) called it a false positive" + (result.isUnderReview ? "; it is under review." : "."))
    }
}
