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

    /// What changes certificate rows: their resources, or a new minute (days left). A new alert
    /// does not, so 5,000 rows are not made again every time one arrives.
    var certificatesStamp: Int { snapshot.certificatesVersion &* 31 &+ Int(now.timeIntervalSince1970 / 60) }

    /// The certificates' dates sorted, once per certificate change (not per minute): the
    /// Overview's counts and soonest list are binary searches in it.
    var expiryIndex: ExpiryIndex {
        cache.derived("expiry index", stamp: snapshot.certificatesVersion) { ExpiryIndex(snapshot.certificates.value ?? []) }
    }

    /// The Overview's numbers, computed once per snapshot (and minute), not per frame; the
    /// certificate counts come from `expiryIndex`, so a new alert or minute counts no certificate.
    var overview: OverviewSummary {
        cache.derived("overview summary", stamp: dataStamp) {
            let buckets = snapshot.certificates.value == nil ? nil : expiryIndex.buckets(now: now)
            return OverviewSummary(snapshot, now: now, certificatesByBucket: buckets)
        }
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
