import Crypto
import Foundation
import Synchronization

/// Turns bearer keys into principals, asking the directory at most once per key per cache lifetime.
///
/// The cache is keyed by the SHA-256 of the whole key text, so it never holds a secret; any change
/// to participants or keys made through this hub clears it at once, and the lifetime bounds how long
/// a change made elsewhere (another hub node, the bootstrap command) takes to apply.
package final class Authenticator: Sendable {
    private let directory: any ParticipantDirectory
    private let lifetime: Duration
    private let cache = Mutex<[SHA256Digest: Entry]>([:])

    private struct Entry {
        let principal: Principal
        let expires: ContinuousClock.Instant
    }

    package init(directory: any ParticipantDirectory, lifetime: Duration) {
        self.directory = directory
        self.lifetime = lifetime
    }

    /// The principal behind an `Authorization` header value; throws `AuthenticationError` when refused.
    package func authenticate(bearer keyText: String) async throws -> Principal {
        let digest = SHA256.hash(data: Data(keyText.utf8))
        let now = ContinuousClock.now
        if let entry = cache.withLock({ $0[digest] }), entry.expires > now { return entry.principal }
        let principal = try await directory.authenticate(keyText)
        cache.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[digest] = Entry(principal: principal, expires: now + lifetime)
        }
        return principal
    }

    /// Forgets every cached key, after a participant or key changed.
    package func invalidate() {
        cache.withLock { $0.removeAll() }
    }
}
