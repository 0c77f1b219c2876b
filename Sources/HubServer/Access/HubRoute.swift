package import HTTPTypes
package import IndicatorModel

/// One route of the hub's API: its method, its path, who may call it and what the audit log calls it.
///
/// `HubRoute.all` is the complete list: the router is built from it and a test checks it against
/// `/openapi.yaml`, so the document cannot drift from what the hub serves.
package struct HubRoute: Hashable, Sendable {
    package var method: HTTPRequest.Method
    /// In OpenAPI's form: `/v1/participants/{id}`.
    package var path: String
    package var access: Access
    /// What the audit log records, e.g. `reports.publish`.
    package var action: String

    /// Who may call a route.
    package enum Access: Hashable, Sendable {
        /// No key needed (health, metrics, the API document).
        case open
        /// Any valid key.
        case authenticated
        case scope(Scope)
    }

    package static let healthz = HubRoute(method: .get, path: "/healthz", access: .open, action: "health.live")
    package static let readyz = HubRoute(method: .get, path: "/readyz", access: .open, action: "health.ready")
    package static let metrics = HubRoute(method: .get, path: "/metrics", access: .open, action: "metrics.read")
    package static let openAPI = HubRoute(method: .get, path: "/openapi.yaml", access: .open, action: "openapi.read")
    package static let me = HubRoute(method: .get, path: "/v1/me", access: .authenticated, action: "me.read")
    package static let createParticipant = HubRoute(
        method: .post, path: "/v1/participants", access: .scope(.admin), action: "participants.create")
    package static let listParticipants = HubRoute(
        method: .get, path: "/v1/participants", access: .scope(.admin), action: "participants.list")
    package static let showParticipant = HubRoute(
        method: .get, path: "/v1/participants/{id}", access: .scope(.admin), action: "participants.read")
    package static let disableParticipant = HubRoute(
        method: .post, path: "/v1/participants/{id}/disable", access: .scope(.admin), action: "participants.disable")
    package static let issueKey = HubRoute(
        method: .post, path: "/v1/participants/{id}/keys", access: .scope(.admin), action: "keys.issue")
    package static let listKeys = HubRoute(
        method: .get, path: "/v1/participants/{id}/keys", access: .scope(.admin), action: "keys.list")
    package static let revokeKey = HubRoute(
        method: .post, path: "/v1/keys/{key_id}/revoke", access: .scope(.admin), action: "keys.revoke")
    package static let publish = HubRoute(
        method: .post, path: "/v1/reports", access: .scope(.publish), action: "reports.publish")
    package static let revoke = HubRoute(
        method: .post, path: "/v1/reports/revoke", access: .scope(.publish), action: "reports.revoke")
    package static let feedback = HubRoute(
        method: .post, path: "/v1/feedback", access: .scope(.consume), action: "feedback.record")
    package static let feed = HubRoute(method: .get, path: "/v1/feed", access: .scope(.consume), action: "feed.read")
    package static let flagListChanges = HubRoute(
        method: .get, path: "/v1/flaglist/changes", access: .scope(.consume), action: "flaglist.changes")
    package static let flagListSnapshot = HubRoute(
        method: .get, path: "/v1/flaglist/snapshot", access: .scope(.consume), action: "flaglist.snapshot")
    package static let lookup = HubRoute(
        method: .post, path: "/v1/lookup", access: .scope(.lookup), action: "lookup")
    package static let auditEvents = HubRoute(
        method: .get, path: "/v1/audit/events", access: .scope(.audit), action: "audit.events")
    package static let auditRecipients = HubRoute(
        method: .get, path: "/v1/audit/recipients", access: .scope(.audit), action: "audit.recipients")
    package static let auditExport = HubRoute(
        method: .get, path: "/v1/audit/export", access: .scope(.audit), action: "audit.export")
    package static let auditCheckpoints = HubRoute(
        method: .get, path: "/v1/audit/checkpoints", access: .scope(.audit), action: "audit.checkpoints")
    package static let auditPublicKey = HubRoute(
        method: .get, path: "/v1/audit/public-key", access: .open, action: "audit.public-key")

    package static let createSubscription = HubRoute(
        method: .post, path: "/v1/subscriptions", access: .scope(.subscribe), action: "subscriptions.create")
    package static let listSubscriptions = HubRoute(
        method: .get, path: "/v1/subscriptions", access: .scope(.subscribe), action: "subscriptions.list")
    package static let showSubscription = HubRoute(
        method: .get, path: "/v1/subscriptions/{id}", access: .scope(.subscribe), action: "subscriptions.read")
    package static let deleteSubscription = HubRoute(
        method: .delete, path: "/v1/subscriptions/{id}", access: .scope(.subscribe), action: "subscriptions.delete")
    package static let pauseSubscription = HubRoute(
        method: .post, path: "/v1/subscriptions/{id}/pause", access: .scope(.subscribe), action: "subscriptions.pause")
    package static let resumeSubscription = HubRoute(
        method: .post, path: "/v1/subscriptions/{id}/resume", access: .scope(.subscribe),
        action: "subscriptions.resume")
    package static let replaySubscription = HubRoute(
        method: .post, path: "/v1/subscriptions/{id}/replay", access: .scope(.subscribe),
        action: "subscriptions.replay")
    package static let rotateSubscriptionSecret = HubRoute(
        method: .post, path: "/v1/subscriptions/{id}/rotate-secret", access: .scope(.subscribe),
        action: "subscriptions.rotate-secret")
    package static let stream = HubRoute(
        method: .get, path: "/v1/stream", access: .scope(.subscribe), action: "stream.open")

    package static let all: [HubRoute] = [
        healthz, readyz, metrics, openAPI, me, createParticipant, listParticipants, showParticipant,
        disableParticipant, issueKey, listKeys, revokeKey, publish, revoke, feedback, feed, flagListChanges,
        flagListSnapshot, lookup, auditEvents, auditRecipients, auditExport, auditCheckpoints, auditPublicKey,
        createSubscription, listSubscriptions, showSubscription, deleteSubscription, pauseSubscription,
        resumeSubscription, replaySubscription, rotateSubscriptionSecret, stream,
    ]

    /// The path in Hummingbird's form: `/v1/participants/:id`.
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : part
        }.joined(separator: "/")
    }
}
