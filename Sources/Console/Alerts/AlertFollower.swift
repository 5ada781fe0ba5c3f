import AviAPI
import Foundation

/// The memory of `alerts --follow`: which alerts were already printed (by uuid), so
/// each poll of the newest page yields only what is new, oldest first.
public struct AlertFollower: Sendable {
    public var filter: AlertFilter
    /// uuid → timestamp of every alert seen, printed or filtered out.
    private var seen: [String: Double] = [:]
    /// Bounds memory on a controller that raises alerts for days; the oldest are forgotten first.
    public let capacity: Int

    public init(filter: AlertFilter, capacity: Int = 100_000) {
        self.filter = filter
        self.capacity = capacity
    }

    public var seenCount: Int { seen.count }

    /// Marks alerts as seen and returns those to print (new and accepted), oldest first.
    public mutating func admit(_ alerts: [Alert]) -> [Alert] {
        var fresh: [Alert] = []
        for alert in alerts where seen[alert.uuid] == nil {
            seen[alert.uuid] = alert.timestamp ?? 0
            if filter.accepts(alert) { fresh.append(alert) }
        }
        if seen.count > capacity { forgetOldest() }
        return AlertOrder.oldestFirst(fresh)
    }

    /// True when a full newest page holds nothing already seen: more alerts arrived than one
    /// page holds, so some may have been missed and a full read should fill the gap.
    public func pageMayHaveGap(_ page: [Alert], pageSize: Int) -> Bool {
        guard !seen.isEmpty, page.count >= pageSize, pageSize > 0 else { return false }
        return !page.contains { seen[$0.uuid] != nil }
    }

    private mutating func forgetOldest() {
        let keep = capacity * 9 / 10
        let sorted = seen.sorted { $0.value > $1.value }
        seen = Dictionary(uniqueKeysWithValues: sorted.prefix(keep).map { ($0.key, $0.value) })
    }
}
