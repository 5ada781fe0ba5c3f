import Foundation

/// The expositions the exporter serves, rendered from the feeds' readings and kept until a
/// reading changes: a scrape costs a lock and a comparison, and never a controller request.
///
/// Each cluster's series are kept apart and rendered again only when that cluster's reading
/// changes; `/metrics` joins them under one HELP and TYPE per family. At 8 clusters × 5,000
/// certificates a new reading of one cluster costs that cluster's series, not the fleet's.
public final class MetricsCache: @unchecked Sendable {
    /// What a reading's exposition depends on: the snapshot's generation and the cluster error.
    private struct Revision: Equatable {
        var generation: Int
        var error: String?
        init(_ reading: ClusterReading) {
            generation = reading.snapshot?.generation ?? -1
            error = reading.error
        }
    }

    private struct Rendered {
        var revisions: [Revision]
        var bytes: [UInt8]
    }

    private let feeds: [ClusterFeed]
    private let lock = NSLock()
    private var series: [String: (revision: Revision, series: Exposition.Series)] = [:]
    private var all: Rendered?
    private var single: [String: Rendered] = [:]

    /// `feeds` in the order `/metrics` lists them; their `cluster` names must differ.
    public init(feeds: [ClusterFeed]) {
        self.feeds = feeds
    }

    /// The cluster names `/probe?target=` accepts.
    public var targets: [String] { feeds.map(\.cluster) }

    /// Every cluster in one exposition (`/metrics`).
    public func metrics() -> [UInt8] {
        let readings = feeds.map { $0.reading() }
        return lock.withLock {
            let revisions = readings.map(Revision.init)
            if let all, all.revisions == revisions { return all.bytes }
            let bytes = Exposition.assemble(readings.map(seriesLocked))
            all = Rendered(revisions: revisions, bytes: bytes)
            return bytes
        }
    }

    /// One cluster (`/probe?target=NAME`); nil when no feed has that name.
    public func probe(_ target: String) -> [UInt8]? {
        guard let feed = feeds.first(where: { $0.cluster == target }) else { return nil }
        let reading = feed.reading()
        return lock.withLock {
            let revisions = [Revision(reading)]
            if let cached = single[target], cached.revisions == revisions { return cached.bytes }
            let bytes = Exposition.assemble([seriesLocked(reading)])
            single[target] = Rendered(revisions: revisions, bytes: bytes)
            return bytes
        }
    }

    /// The series of one reading, rendered again only when it changed. Called with the lock held.
    private func seriesLocked(_ reading: ClusterReading) -> Exposition.Series {
        let revision = Revision(reading)
        if let cached = series[reading.cluster], cached.revision == revision { return cached.series }
        let fresh = Exposition.series(SnapshotMetrics.samples(reading))
        series[reading.cluster] = (revision, fresh)
        return fresh
    }
}
