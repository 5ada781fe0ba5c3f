import AviAPI
import Foundation

/// The memory of `alerts --follow`: which alerts were already printed, so each poll of the
/// newest page yields only what is new, oldest first.
///
/// An alert is known by its uuid *and* its timestamp: a controller may raise an alert again
/// under the same uuid, and one restarted from the same seed or a restored database reissues
/// uuids it used before — with a new time, that is a new alert.
public struct AlertFollower: Sendable {
    public var filter: AlertFilter
    /// Every alert seen, printed or filtered out.
    private var seen: Set<Sighting> = []
    /// The time of the newest alert seen: after a reconnect, only what is at least as new is printed.
    public private(set) var newestSeen: Double?
    /// Bounds memory on a controller that raises alerts for days; the oldest are forgotten first.
    public let capacity: Int

    public init(filter: AlertFilter, capacity: Int = 100_000) {
        self.filter = filter
        self.capacity = capacity
    }

    public var seenCount: Int { seen.count }

    /// Marks alerts as seen and returns those to print (new and accepted), oldest first.
    public mutating func admit(_ alerts: [Alert]) -> [Alert] {
        admit(alerts, notOlderThan: nil)
    }

    /// After the controller answers again (a restart, a failover, a new login): its history may
    /// come back with reissued uuids or shifted times, so besides being unseen an alert must be
    /// at least as new as the newest seen before, or it is remembered without being printed.
    public mutating func admitAfterReconnect(_ alerts: [Alert]) -> [Alert] {
        admit(alerts, notOlderThan: newestSeen)
    }

    /// True when a full newest page holds nothing already seen: more alerts arrived than one
    /// page holds, so some may have been missed and a full read should fill the gap.
    public func pageMayHaveGap(_ page: [Alert], pageSize: Int) -> Bool {
        guard !seen.isEmpty, page.count >= pageSize, pageSize > 0 else { return false }
        return !page.contains { seen.contains(Sighting($0)) }
    }

    private mutating func admit(_ alerts: [Alert], notOlderThan floor: Double?) -> [Alert] {
        var fresh: [Alert] = []
        var newest = newestSeen
        for alert in alerts where seen.insert(Sighting(alert)).inserted {
            let time = alert.timestamp ?? 0
            newest = max(newest ?? time, time)
            if let floor, time < floor { continue }
            if filter.accepts(alert) { fresh.append(alert) }
        }
        newestSeen = newest
        if seen.count > capacity { forgetOldest() }
        return AlertOrder.oldestFirst(fresh)
    }

    private mutating func forgetOldest() {
        let keep = capacity * 9 / 10
        seen = Set(seen.sorted { $0.timestamp > $1.timestamp }.prefix(keep))
    }

    /// One alert as raised at one time.
    private struct Sighting: Hashable, Sendable {
        let uuid: String
        let timestamp: Double

        init(_ alert: Alert) {
            uuid = alert.uuid
            timestamp = alert.timestamp ?? 0
        }
    }
}
