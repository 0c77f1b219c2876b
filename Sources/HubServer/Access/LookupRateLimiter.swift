package import IndicatorModel
package import SharingPolicy

/// Per-participant token buckets for lookups, sized by the policy's per-role limits.
///
/// A bucket holds up to `limit.count` lookups and refills at `count / period`; a request for more
/// lookups than the bucket holds is refused with the seconds until it would fit.
package actor LookupRateLimiter {
    private var buckets: [ParticipantID: Bucket] = [:]
    private let clock = ContinuousClock()

    private struct Bucket {
        var available: Double
        var updated: ContinuousClock.Instant
    }

    package init() {}

    /// Takes `count` lookups from the participant's bucket; nil when admitted, else the seconds to wait.
    package func admit(_ participant: ParticipantID, count: Int, limit: RateLimit) -> Int? {
        let now = clock.now
        let capacity = Double(limit.count)
        let perSecond = capacity / limit.period.seconds
        var bucket = buckets[participant] ?? Bucket(available: capacity, updated: now)
        bucket.available = min(capacity, bucket.available + perSecond * bucket.updated.duration(to: now).seconds)
        bucket.updated = now
        let needed = Double(count)
        guard needed <= bucket.available else {
            buckets[participant] = bucket
            let shortfall = min(needed, capacity) - bucket.available
            return max(1, Int((shortfall / perSecond).rounded(.up)))
        }
        bucket.available -= needed
        buckets[participant] = bucket
        return nil
    }
}
