import Crypto
import Foundation
import Hummingbird
import IndicatorModel

/// Subscriptions (scope `subscribe`): a participant creates, lists, pauses, resumes, deletes and
/// replays its own; another participant's are answered as not found.
extension Hub {
    func createSubscription(_ request: Request, _ call: inout Call) async throws -> Response {
        let owner = try call.caller.participant.id
        let body = try await decode(SubscriptionRequest.self, from: request)
        try validate(body)
        var url: String?
        if body.delivery == .webhook {
            guard let text = body.url else {
                throw HubProblem.validation(
                    "a webhook subscription needs `url`", errors: [.init(pointer: "/url", detail: "required")])
            }
            url = try await checkedWebhookURL(text).url.absoluteString
        } else if body.url != nil {
            throw HubProblem.validation(
                "`url` is for webhook subscriptions; an sse subscription is read with GET /v1/stream",
                errors: [.init(pointer: "/url", detail: "only with \"delivery\": \"webhook\"")])
        }
        let existing = try await subscriptions.subscriptions(owner: owner)
        guard existing.count < configuration.subscriptionLimit else {
            throw HubProblem.conflict(
                "a participant may hold at most \(configuration.subscriptionLimit) subscriptions; delete one first")
        }
        let id = "sub_" + randomHex(bytes: 10)
        call.note.resource = id
        var subscription = Subscription(
            id: id, name: body.name, owner: owner, filter: body.filter, delivery: body.delivery, url: url,
            state: .active, cursor: committedSequence(), createdAt: call.now, updatedAt: call.now)
        var stored = StoredSubscription(subscription: subscription)
        var secret: WebhookSecret?
        if body.delivery == .webhook {
            subscription.webhook = WebhookStatus()
            stored.subscription = subscription
            let new = WebhookSecret.generate()
            stored.secrets = [try sealed(new, at: call.now)]
            secret = new
        }
        try await subscriptions.create(stored)
        webhooks.reconcile()
        return try json(
            SubscriptionCreated(subscription: stored.visible(at: call.now), secret: secret?.text), status: .created)
    }

    func listSubscriptions(_ request: Request, _ call: inout Call) async throws -> Response {
        let owner = try call.caller.participant.id
        let now = call.now
        return try json(
            SubscriptionList(
                subscriptions: try await subscriptions.subscriptions(owner: owner).map { $0.visible(at: now) }))
    }

    func showSubscription(_ request: Request, _ call: inout Call) async throws -> Response {
        noteSubscription(&call)
        return try json(try await ownSubscription(call).visible(at: call.now))
    }

    func deleteSubscription(_ request: Request, _ call: inout Call) async throws -> Response {
        noteSubscription(&call)
        let stored = try await ownSubscription(call)
        _ = try await subscriptions.delete(id: stored.id)
        webhooks.reconcile(restarting: stored.id)
        return Response(status: .noContent)
    }

    func pauseSubscription(_ request: Request, _ call: inout Call) async throws -> Response {
        noteSubscription(&call)
        return try await changeSubscription(call) { stored, _ in stored.subscription.state = .paused }
    }

    /// Resumes a paused, failing or disabled subscription; a webhook is tried again at once.
    func resumeSubscription(_ request: Request, _ call: inout Call) async throws -> Response {
        noteSubscription(&call)
        return try await changeSubscription(call) { stored, _ in
            stored.subscription.state = .active
            if stored.subscription.delivery == .webhook {
                var status = stored.subscription.webhook ?? WebhookStatus()
                status.attempts = 0
                status.failingSince = nil
                status.nextAttemptAt = nil
                stored.subscription.webhook = status
            }
        }
    }

    /// Moves the cursor back to `from`, so that the changes after it are delivered again.
    func replaySubscription(_ request: Request, _ call: inout Call) async throws -> Response {
        noteSubscription(&call)
        let from = try request.integer("from", in: 0...Int64.max, default: -1)
        guard from >= 0 else {
            throw HubProblem.validation(
                "say where to replay from: `?from=SEQ` (the changes after SEQ are delivered again)",
                errors: [.init(pointer: "?from", detail: "required")])
        }
        return try await changeSubscription(call) { stored, _ in
            guard stored.subscription.delivery == .webhook else {
                throw HubProblem.conflict(
                    "an sse subscription has no cursor on the hub; reconnect with `Last-Event-ID` or `after=` instead")
            }
            guard from <= stored.subscription.cursor else {
                throw HubProblem.validation(
                    "`from` is ahead of the subscription's cursor (\(stored.subscription.cursor)); replay goes back only",
                    errors: [.init(pointer: "?from", detail: "at most \(stored.subscription.cursor)")])
            }
            stored.subscription.cursor = from
        }
    }

    /// A new webhook secret, shown once; the old ones keep signing for `overlap` seconds (default a day).
    func rotateSubscriptionSecret(_ request: Request, _ call: inout Call) async throws -> Response {
        noteSubscription(&call)
        let overlap = try request.integer("overlap", in: 0...(30 * 86_400), default: 86_400)
        let new = WebhookSecret.generate()
        let sealedNew = try sealed(new, at: call.now)
        let now = call.now
        let stored = try await changeSubscriptionRecord(call) { stored in
            guard stored.subscription.delivery == .webhook else {
                throw HubProblem.conflict("only webhook subscriptions have secrets")
            }
            let until = now.addingTimeInterval(TimeInterval(overlap))
            stored.secrets =
                stored.secrets.compactMap { secret in
                    guard (secret.expiresAt ?? .distantFuture) > now else { return nil }
                    var kept = secret
                    kept.expiresAt = min(secret.expiresAt ?? until, until)
                    return overlap == 0 ? nil : kept
                } + [sealedNew]
        }
        return try json(SubscriptionCreated(subscription: stored.visible(at: now), secret: new.text))
    }

    // MARK: - Helpers

    private func changeSubscription(
        _ call: Call, _ change: @escaping @Sendable (inout StoredSubscription, Date) throws -> Void
    ) async throws -> Response {
        let now = call.now
        let stored = try await changeSubscriptionRecord(call) { try change(&$0, now) }
        return try json(stored.visible(at: now))
    }

    private func changeSubscriptionRecord(
        _ call: Call, _ change: @escaping @Sendable (inout StoredSubscription) throws -> Void
    ) async throws -> StoredSubscription {
        let own = try await ownSubscription(call)
        let now = call.now
        guard
            let stored = try await subscriptions.update(
                id: own.id,
                { stored in
                    try change(&stored)
                    stored.subscription.updatedAt = now
                })
        else { throw HubProblem.notFound("no subscription \(own.id)") }
        webhooks.reconcile(restarting: own.id)
        return stored
    }

    /// The caller's subscription named by the path; another participant's is not found, like a missing one.
    func ownSubscription(_ call: Call) async throws -> StoredSubscription {
        let id = call.context.parameters.get("id") ?? ""
        let owner = try call.caller.participant.id
        guard Self.isSubscriptionID(id), let stored = try await subscriptions.subscription(id: id),
            stored.subscription.owner == owner
        else {
            throw HubProblem.notFound("you have no subscription \(Self.isSubscriptionID(id) ? id : "with that id")")
        }
        return stored
    }

    /// Names the subscription of the path in the audit entry (only a well-formed id: the path is the caller's text).
    private func noteSubscription(_ call: inout Call) {
        if let id = call.context.parameters.get("id"), Self.isSubscriptionID(id) { call.note.resource = id }
    }

    /// `sub_` and 20 lowercase hexadecimal digits.
    static func isSubscriptionID(_ text: String) -> Bool {
        text.count == 24 && text.hasPrefix("sub_") && text.dropFirst(4).allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    private func validate(_ body: SubscriptionRequest) throws {
        do { try body.filter.validate() } catch {
            throw HubProblem.validation(
                error.description, errors: [.init(pointer: "/filter", detail: error.description)])
        }
        if let name = body.name, name.isEmpty || name.count > SubscriptionRequest.nameLimit {
            throw HubProblem.validation(
                "`name` must have 1 to \(SubscriptionRequest.nameLimit) characters",
                errors: [.init(pointer: "/name", detail: "1…\(SubscriptionRequest.nameLimit) characters")])
        }
    }

    func checkedWebhookURL(_ text: String) async throws -> WebhookTarget {
        do { return try await WebhookTarget.check(text, rules: configuration.webhookRules) } catch {
            throw HubProblem(
                .unprocessableContent, "invalid-webhook-url", title: "Webhook URL refused", detail: error.description,
                errors: [.init(pointer: "/url", detail: error.description)])
        }
    }

    private func sealed(_ secret: WebhookSecret, at now: Date) throws -> StoredSubscription.SealedSecret {
        let id = "whk_" + randomHex(bytes: 6)
        return StoredSubscription.SealedSecret(
            id: id, createdAt: now, expiresAt: nil, sealed: try secretBox.seal(secret, id: id))
    }
}

/// `bytes` random bytes as lowercase hexadecimal.
func randomHex(bytes: Int) -> String {
    SymmetricKey(size: SymmetricKeySize(bitCount: bytes * 8)).withUnsafeBytes { raw in
        raw.map { String(format: "%02x", $0) }.joined()
    }
}
