import AviAPI
import Foundation

/// The numbers on the Overview screen and in `status`, derived from one snapshot.
public struct OverviewSummary: Sendable {
    public var clusterState: ClusterState?
    public var nodesActive: Int
    public var nodesTotal: Int
    public var hasQuorum: Bool
    public var leader: String?
    public var serviceEnginesUp: Int
    public var serviceEnginesDown: Int
    public var serviceEnginesDisconnected: Int
    /// Mapping counts by status: not authenticated first, then count (most first), then status name.
    public var mappingsByStatus: [(status: SecureChannelStatus, count: Int)]
    public var mappingsNotAuthenticated: Int
    public var mappingsTotal: Int
    public var certificatesByBucket: [ExpiryBucket: Int]
    public var alertsByLevel: [AlertLevel: Int]

    public init(_ snapshot: Snapshot, now: Date) {
        let runtime = snapshot.clusterRuntime.value
        clusterState = runtime?.clusterState?.state
        let configured = snapshot.clusterConfig.value?.nodes.count ?? 0
        nodesTotal = max(configured, runtime?.nodeStates.count ?? 0)
        nodesActive = runtime?.activeNodeCount ?? 0
        hasQuorum = runtime?.hasQuorum(configuredNodes: configured) ?? false
        leader = runtime?.leader?.name

        let engines = snapshot.serviceEngines.value ?? []
        serviceEnginesUp = engines.filter { $0.runtime?.operStatus?.state == .up }.count
        serviceEnginesDown = engines.count - serviceEnginesUp
        serviceEnginesDisconnected = engines.filter { $0.runtime?.seConnected == false }.count

        let mappings = snapshot.secureChannel.value ?? []
        var counts: [SecureChannelStatus: Int] = [:]
        for mapping in mappings { counts[mapping.status, default: 0] += 1 }
        // Deterministic: problems first, then by count (most first), then by name.
        mappingsByStatus = counts.map { ($0.key, $0.value) }.sorted {
            ($0.status.isAuthenticated ? 1 : 0, $1.count, $0.status.rawValue) < ($1.status.isAuthenticated ? 1 : 0, $0.count, $1.status.rawValue)
        }
        mappingsNotAuthenticated = mappings.filter { !$0.status.isAuthenticated }.count
        mappingsTotal = mappings.count

        var buckets: [ExpiryBucket: Int] = [:]
        for certificate in snapshot.certificates.value ?? [] {
            buckets[ExpiryBucket(daysLeft: certificate.daysLeft(now: now)), default: 0] += 1
        }
        certificatesByBucket = buckets

        var levels: [AlertLevel: Int] = [:]
        for alert in snapshot.alerts.value ?? [] { levels[alert.level, default: 0] += 1 }
        alertsByLevel = levels
    }
}
