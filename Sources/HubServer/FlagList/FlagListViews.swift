import Foundation
package import IndicatorModel
package import SharingPolicy

/// Each consumer's flag list, held in memory and brought up to date from the change log on demand.
///
/// A view is built by one scan of the live reports, then advanced by re-deciding only the indicators
/// that changed since its cursor, so a delta, a snapshot or a digest costs what changed, not the list's
/// size. Entries are compact (token, kid number, list → kind, category, band); views not used for a
/// while are dropped when the total passes the memory budget and rebuilt when asked for again.
package actor FlagListViews {
    private let store: any IndicatorStore
    private let policy: Policy
    private let roster: Roster
    private let budget: Int
    private var views: [ParticipantID: FlagListView] = [:]
    private var keyIDs: [KeyID] = []
    private var keyIDNumbers: [KeyID: UInt16] = [:]

    package init(store: any IndicatorStore, policy: Policy, roster: Roster, budget: Int) {
        self.store = store
        self.policy = policy
        self.roster = roster
        self.budget = budget
    }

    /// Where a recipient's list stands after being brought up to `watermark`.
    package struct State: Sendable {
        package var cursor: Int64
        package var digest: String
        package var count: Int
    }

    /// Brings the recipient's view up to `watermark` (the latest committed sequence) and describes it.
    package func advance(_ recipient: Participant, to watermark: Int64) async throws -> State {
        let view = try await currentView(recipient, watermark: watermark)
        return State(cursor: view.cursor, digest: view.digest.hex, count: view.entries.count)
    }

    /// What changed on the recipient's list after `cursor`: the current entries of every indicator
    /// that changed, the keys of the lists each is no longer on, and the list's state they bring the
    /// client to. Reads at most `limit` changes; `hasMore` says whether more are waiting.
    ///
    /// One actor call, so the entries, the cursor and the digest describe the same moment even when
    /// other requests advance the view meanwhile.
    package func delta(_ recipient: Participant, after cursor: Int64, limit: Int, watermark: Int64) async throws
        -> Delta
    {
        var view = try await currentView(recipient, watermark: watermark)
        while true {
            let through = view.cursor
            let (indicators, withRemovals, last) = try await store.changedIndicators(
                after: cursor, through: through, limit: limit)
            let mayHold = try await heldBefore(indicators.filter(withRemovals.contains), by: view.recipient)
            // Another request may have advanced or rebuilt the view while this one read the change log.
            let current = try await currentView(recipient, watermark: watermark)
            guard current === view, view.cursor == through else {
                view = current
                continue
            }
            let hasMore = (last ?? through) < through
            var present: [FlagListEntry] = []
            var absent: [FlagListKey] = []
            for indicator in indicators {
                for listing in Listing.allCases {
                    let key = FlagListKey(token: indicator.token, keyID: indicator.keyID, listing: listing)
                    if let number = keyIDNumbers[indicator.keyID],
                        let value = view.entries[CompactKey(token: indicator.token, keyID: number, listing: listing)]
                    {
                        present.append(value.entry(for: key))
                    } else if mayHold.contains(key) {
                        absent.append(key)
                    }
                }
            }
            let state = State(
                cursor: hasMore ? (last ?? cursor) : through, digest: view.digest.hex, count: view.entries.count)
            return Delta(added: present, removed: absent, state: state, hasMore: hasMore)
        }
    }

    /// The keys of `indicators` the recipient may have held: those an indicator's reports give it when
    /// all are taken as live, removed ones included — a superset of every state it had, since more
    /// reports only corroborate more. A delta lists removals only among these, so that it never names a
    /// token the policy has always withheld from the recipient (its existence is not theirs to learn).
    ///
    /// Only indicators that lost a report in the delta's range can have left the list: without a
    /// removal, what the recipient may see only grew. An entry withdrawn by republication under
    /// stricter terms is missed here and caught by the state digest, which sends the client to a snapshot.
    private func heldBefore(_ indicators: [IndicatorID], by recipient: PreparedRecipient) async throws
        -> Set<FlagListKey>
    {
        guard !indicators.isEmpty else { return [] }
        var reports = try await store.allReports(on: indicators)
        for index in reports.indices { reports[index].removal = nil }
        let participants = try await roster.table(covering: reports)
        var keys = Set<FlagListKey>()
        for (_, group) in Dictionary(grouping: reports, by: \.indicator) {
            for entry in entries(from: group, for: recipient, participants: participants) { keys.insert(entry.key) }
        }
        return keys
    }

    /// A delta as `delta(_:after:limit:watermark:)` computes it; `state.digest` holds only when `hasMore` is false.
    package struct Delta: Sendable {
        package var added: [FlagListEntry]
        package var removed: [FlagListKey]
        package var state: State
        package var hasMore: Bool
    }

    /// The recipient's whole list, sorted by token, kid and list, with the state it reflects.
    package func snapshot(_ recipient: Participant, watermark: Int64) async throws -> ([FlagListEntry], State) {
        let view = try await currentView(recipient, watermark: watermark)
        let entries = view.entries.map { key, value in
            value.entry(
                for: FlagListKey(token: key.token, keyID: keyIDs[Int(key.keyID)], listing: key.listing))
        }
        .sorted(by: snapshotOrder)
        return (entries, State(cursor: view.cursor, digest: view.digest.hex, count: view.entries.count))
    }

    /// Forgets every view, e.g. after participants changed.
    package func invalidate() {
        views.removeAll()
    }

    private func currentView(_ recipient: Participant, watermark: Int64) async throws -> FlagListView {
        if let view = views[recipient.id], view.recipient.participant == recipient {
            view.lastUsed = .now
            if view.cursor < watermark { try await advance(view, to: watermark) }
            return view
        }
        let view = try await build(recipient, through: watermark)
        if let raced = views[recipient.id], raced.cursor >= view.cursor { return raced }
        views[recipient.id] = view
        evictBeyondBudget(keeping: recipient.id)
        return view
    }

    /// One scan of every live report, indicator by indicator.
    private func build(_ recipient: Participant, through watermark: Int64) async throws -> FlagListView {
        let view = FlagListView(recipient: policy.prepare(recipient), cursor: watermark)
        var after: IndicatorID?
        let pageSize = 20_000
        while true {
            let page = try await store.liveReportsByIndicator(after: after, limit: pageSize)
            let participants = try await roster.table(covering: page)
            var groups = group(page)
            if page.count == pageSize, groups.count > 1 { groups.removeLast() }
            for reports in groups {
                replace(
                    reports[0].indicator, with: entries(from: reports, for: view.recipient, participants: participants),
                    in: view)
            }
            guard page.count == pageSize, let last = groups.last?.first?.indicator else { break }
            after = last
        }
        return view
    }

    /// Re-decides the indicators changed since the view's cursor.
    private func advance(_ view: FlagListView, to watermark: Int64) async throws {
        while view.cursor < watermark {
            let start = view.cursor
            let (indicators, _, last) = try await store.changedIndicators(
                after: start, through: watermark, limit: 10_000)
            let live = try await store.liveReports(on: indicators)
            let participants = try await roster.table(covering: live)
            let byIndicator = Dictionary(grouping: live, by: \.indicator)
            var updates: [(IndicatorID, [FlagListEntry])] = []
            for indicator in indicators {
                updates.append(
                    (
                        indicator,
                        entries(from: byIndicator[indicator] ?? [], for: view.recipient, participants: participants)
                    ))
            }
            // Another request may have advanced the view while this one read; its work stands.
            guard view.cursor == start else { continue }
            for (indicator, entries) in updates { replace(indicator, with: entries, in: view) }
            view.cursor = last ?? watermark
        }
    }

    /// What an indicator's live reports give the recipient now.
    private func entries(
        from live: [StoredReport], for recipient: PreparedRecipient, participants: [ParticipantID: Participant]
    ) -> [FlagListEntry] {
        guard !live.isEmpty else { return [] }
        return IndicatorDelivery(live: live, policy: policy, recipient: recipient, participants: participants)
            .flagListEntries
    }

    /// Replaces the view's entries for one indicator; synchronous, so no other request sees it half done.
    private func replace(_ indicator: IndicatorID, with entries: [FlagListEntry], in view: FlagListView) {
        let number = keyIDNumber(indicator.keyID)
        for listing in Listing.allCases {
            let key = CompactKey(token: indicator.token, keyID: number, listing: listing)
            if view.entries.removeValue(forKey: key) != nil {
                view.digest.remove(FlagListKey(token: indicator.token, keyID: indicator.keyID, listing: listing))
            }
        }
        for entry in entries {
            view.entries[CompactKey(token: entry.token, keyID: number, listing: entry.listing)] = CompactEntry(entry)
            view.digest.insert(entry.key)
        }
    }

    private func keyIDNumber(_ keyID: KeyID) -> UInt16 {
        if let number = keyIDNumbers[keyID] { return number }
        let number = UInt16(keyIDs.count)
        keyIDs.append(keyID)
        keyIDNumbers[keyID] = number
        return number
    }

    private func evictBeyondBudget(keeping kept: ParticipantID) {
        var total = views.values.reduce(0) { $0 + $1.entries.count }
        for (id, view) in views.sorted(by: { $0.value.lastUsed < $1.value.lastUsed }) where total > budget && id != kept
        {
            total -= view.entries.count
            views[id] = nil
        }
    }
}

/// Splits reports ordered by indicator into runs of one indicator each.
private func group(_ reports: [StoredReport]) -> [[StoredReport]] {
    var groups: [[StoredReport]] = []
    for report in reports {
        if let last = groups.last?.last, last.indicator == report.indicator {
            groups[groups.count - 1].append(report)
        } else {
            groups.append([report])
        }
    }
    return groups
}

/// The order of a snapshot: token bytes, then kid, then list (flag before allow).
func snapshotOrder(_ a: FlagListEntry, _ b: FlagListEntry) -> Bool {
    if a.token != b.token { return a.token < b.token }
    if a.keyID != b.keyID { return a.keyID.rawValue < b.keyID.rawValue }
    return a.listing == .flag && b.listing == .allow
}

/// One recipient's list. Owned by `FlagListViews`, which serialises every access.
private final class FlagListView {
    let recipient: PreparedRecipient
    var cursor: Int64
    var entries: [CompactKey: CompactEntry] = [:]
    var digest = FlagListDigest()
    var lastUsed = ContinuousClock.now

    init(recipient: PreparedRecipient, cursor: Int64) {
        self.recipient = recipient
        self.cursor = cursor
    }
}

/// What identifies an entry, in 35 bytes (stride 40).
private struct CompactKey: Hashable {
    var token: Token
    var keyID: UInt16
    var listing: Listing
}

/// What an entry says besides its key, in 3 bytes: positions in `allCases`, 0xFF for "not shown".
private struct CompactEntry {
    var kind: UInt8
    var category: UInt8
    var band: UInt8

    init(_ entry: FlagListEntry) {
        kind = UInt8(IndicatorKind.allCases.firstIndex(of: entry.kind) ?? 0)
        category = entry.category.flatMap { Category.allCases.firstIndex(of: $0) }.map(UInt8.init) ?? 0xFF
        band = entry.confidenceBand.flatMap { Confidence.Band.allCases.firstIndex(of: $0) }.map(UInt8.init) ?? 0xFF
    }

    func entry(for key: FlagListKey) -> FlagListEntry {
        FlagListEntry(
            token: key.token, keyID: key.keyID, kind: IndicatorKind.allCases[Int(kind)], listing: key.listing,
            category: category == 0xFF ? nil : Category.allCases[Int(category)],
            confidenceBand: band == 0xFF ? nil : Confidence.Band.allCases[Int(band)])
    }
}
