import Console

/// A cluster of a fleet poll (`FleetPoller` with `SnapshotReader`, Console/Fleet) as the exporter
/// reads it: the last good snapshot, kept when a later poll fails, and that failure.
public final class FleetFeed: ClusterFeed {
    public let cluster: String
    private let store: FleetStore<Snapshot>

    public init(cluster: String, store: FleetStore<Snapshot>) {
        self.cluster = cluster
        self.store = store
    }

    /// One feed per profile of the poll, in its order.
    public static func feeds(of store: FleetStore<Snapshot>) -> [FleetFeed] {
        store.latest().entries.map { FleetFeed(cluster: $0.name, store: store) }
    }

    public func reading() -> ClusterReading {
        guard let entry = store.latest().entry(named: cluster) else { return ClusterReading(cluster: cluster, snapshot: nil) }
        return ClusterReading(cluster: cluster, snapshot: entry.value, error: entry.error)
    }
}
