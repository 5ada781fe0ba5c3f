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
}

/// What drawing a table screen reports back to `update`.
public struct TableRenderResult: Sendable {
    public var measure: TableMeasure
    public var resolved: TableState
    public var selectedID: String?
}
