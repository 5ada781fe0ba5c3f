import AviAPI
import Console
import Foundation

/// Everything a screen draws from: the newest snapshot, the request log,
/// the time (injected, so tests never drift), the styles and the memo cache.
public struct ViewContext {
    public var snapshot: Snapshot
    /// The console's own API calls, oldest first.
    public var requests: [RequestRecord]
    /// Sent, mutating, refused, bytes — totals since start.
    public var requestTotals: (sent: Int, mutating: Int, refused: Int, bytes: Int)
    /// How many records the request log keeps (the Requests screen says so).
    public var requestCapacity: Int = RequestLog.defaultCapacity
    public var now: Date
    public var styles: StyleSheet
    public var cache: ViewCache

    public init(snapshot: Snapshot, requests: [RequestRecord] = [], requestTotals: (sent: Int, mutating: Int, refused: Int, bytes: Int) = (0, 0, 0, 0),
                now: Date, styles: StyleSheet, cache: ViewCache = ViewCache()) {
        self.snapshot = snapshot
        self.requests = requests
        self.requestTotals = requestTotals
        self.now = now
        self.styles = styles
        self.cache = cache
    }

    /// Changes when the request log does.
    var requestGeneration: Int { requestTotals.sent + requestTotals.refused }

    /// What changes what the screens derive: new data, or a new minute (days left).
    var dataStamp: AnyHashable { [snapshot.contentVersion, Int(now.timeIntervalSince1970 / 60)] }

    /// The Overview's numbers, computed once per snapshot (and minute), not per frame.
    var overview: OverviewSummary {
        cache.derived("overview summary", stamp: dataStamp) { OverviewSummary(snapshot, now: now) }
    }

    /// A screen's summary line, computed once per snapshot (and minute) and `variant`.
    func summary(_ name: String, variant: AnyHashable = 0, _ build: () -> [TextSegment]) -> [TextSegment] {
        cache.derived(name + " summary", stamp: [dataStamp, variant], build: build)
    }
}

/// What drawing a table screen reports back to `update`.
public struct TableRenderResult: Sendable {
    public var measure: TableMeasure
    public var resolved: TableState
    public var selectedID: String?
}
