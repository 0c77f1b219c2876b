import Foundation
import GRDB
package import IndicatorModel

/// Subscriptions in the hub's SQLite database: one row each, the subscription as a JSON document.
package struct SQLiteSubscriptionStore: SubscriptionStore {
    let pool: DatabasePool

    package func create(_ subscription: StoredSubscription) async throws {
        let document = try encode(subscription)
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO subscriptions (id, owner, delivery, state, document) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    subscription.id, subscription.subscription.owner.rawValue,
                    subscription.subscription.delivery.rawValue, subscription.subscription.state.rawValue, document,
                ])
        }
    }

    package func subscription(id: String) async throws -> StoredSubscription? {
        let document = try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT document FROM subscriptions WHERE id = ?", arguments: [id])
        }
        return try document.map(decode)
    }

    package func subscriptions(owner: ParticipantID) async throws -> [StoredSubscription] {
        try await pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT document FROM subscriptions WHERE owner = ? ORDER BY rowid",
                arguments: [owner.rawValue])
        }.map(decode)
    }

    package func webhooks(in state: Subscription.State) async throws -> [StoredSubscription] {
        try await pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT document FROM subscriptions WHERE delivery = 'webhook' AND state = ? ORDER BY rowid",
                arguments: [state.rawValue])
        }.map(decode)
    }

    package func update(id: String, _ change: @escaping @Sendable (inout StoredSubscription) throws -> Void)
        async throws -> StoredSubscription?
    {
        try await pool.write { db in
            guard
                let document = try String.fetchOne(
                    db, sql: "SELECT document FROM subscriptions WHERE id = ?", arguments: [id])
            else { return nil }
            var subscription = try decode(document)
            try change(&subscription)
            try db.execute(
                sql: "UPDATE subscriptions SET state = ?, document = ? WHERE id = ?",
                arguments: [subscription.subscription.state.rawValue, try encode(subscription), id])
            return subscription
        }
    }

    package func delete(id: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM subscriptions WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    private func encode(_ subscription: StoredSubscription) throws -> String {
        String(decoding: try WireCoding.makeEncoder().encode(subscription), as: UTF8.self)
    }

    private func decode(_ document: String) throws -> StoredSubscription {
        try WireCoding.makeDecoder().decode(StoredSubscription.self, from: Data(document.utf8))
    }
}
