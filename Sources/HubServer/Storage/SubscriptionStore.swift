package import Foundation
package import IndicatorModel

/// Where subscriptions live: created, listed, changed and deleted by their owners, and read and
/// advanced by the webhook dispatcher.
package protocol SubscriptionStore: Sendable {
    func create(_ subscription: StoredSubscription) async throws
    func subscription(id: String) async throws -> StoredSubscription?
    /// A participant's subscriptions, oldest first.
    func subscriptions(owner: ParticipantID) async throws -> [StoredSubscription]
    /// Every webhook subscription in `state`.
    func webhooks(in state: Subscription.State) async throws -> [StoredSubscription]
    /// Applies `change` to the subscription in one transaction; nil when there is none. When `change`
    /// throws, nothing is written and the error passes through.
    @discardableResult
    func update(id: String, _ change: @escaping @Sendable (inout StoredSubscription) throws -> Void) async throws
        -> StoredSubscription?
    /// Deletes the subscription; false when there was none.
    func delete(id: String) async throws -> Bool
}

/// A subscription as the hub keeps it: what its owner sees, and its webhook secrets, sealed.
package struct StoredSubscription: Codable, Hashable, Sendable {
    package var subscription: Subscription
    package var secrets: [SealedSecret]

    package init(subscription: Subscription, secrets: [SealedSecret] = []) {
        self.subscription = subscription
        self.secrets = secrets
    }

    package var id: String { subscription.id }

    /// A webhook signing secret, encrypted under the hub's secret-box key.
    package struct SealedSecret: Codable, Hashable, Sendable {
        package var id: String
        package var createdAt: Date
        package var expiresAt: Date?
        package var sealed: Data

        package init(id: String, createdAt: Date, expiresAt: Date?, sealed: Data) {
            self.id = id
            self.createdAt = createdAt
            self.expiresAt = expiresAt
            self.sealed = sealed
        }
    }

    /// The subscription as its owner sees it, with the secrets in force at `now` (never their values).
    package func visible(at now: Date) -> Subscription {
        var visible = subscription
        if subscription.delivery == .webhook {
            visible.secrets = secrets.filter { ($0.expiresAt ?? .distantFuture) > now }.map {
                Subscription.SecretInfo(id: $0.id, createdAt: $0.createdAt, expiresAt: $0.expiresAt)
            }
        }
        return visible
    }
}
