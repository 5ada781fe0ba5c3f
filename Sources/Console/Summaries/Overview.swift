import AviAPI
import Foundation

/// The numbers on the Overview screen and in `status`, derived from one snapshot.
///
/// Unknown is unknown: every verdict and count is nil while the resource it comes from has
/// not been read (not yet, or not allowed: a 403), never a zero or a `false` that the data
/// does not support. The cluster's quorum is also nil when no node is known at all (0 of 0).
public struct OverviewSummary: Sendable {
    public var clusterState: ClusterState?
    public var nodesActive: Int?
    public var nodesTotal: Int?
    /// A majority of the known nodes is active; nil when the cluster runtime is not read or lists no node.
    public var hasQuorum: Bool?
    public var leader: String?
    public var serviceEnginesUp: Int?
    public var serviceEnginesDown: Int?
    public var serviceEnginesDisconnected: Int?
    /// Mapping counts by status: not authenticated first, then count (most first), then status name.
    public var mappingsByStatus: [(status: SecureChannelStatus, count: Int)]
    public var mappingsNotAuthenticated: Int?
    public var mappingsTotal: Int?
    /// Nil while the certificates are not read.
    public var certificatesByBucket: [ExpiryBucket: Int]?
    /// Nil while the alerts are not read.
    public var alertsByLevel: [AlertLevel: Int]?

    public init(_ snapshot: Snapshot, now: Date) {
        self.init(snapshot, now: now, certificatesByBucket: snapshot.certificates.value.map { ExpiryIndex($0).buckets(now: now) })
    }

    /// The same, with the certificate counts already made (the console keeps its `ExpiryIndex`
    /// across snapshots, so a new alert does not sort 5,000 certificates again).
    public init(_ snapshot: Snapshot, now: Date, certificatesByBucket: [ExpiryBucket: Int]?) {
        let runtime = snapshot.clusterRuntime.value
        clusterState = runtime?.clusterState?.state
        let configured = snapshot.clusterConfig.value?.nodes.count ?? 0
        let total = max(configured, runtime?.nodeStates.count ?? 0)
        nodesTotal = runtime == nil ? nil : total
        nodesActive = runtime?.activeNodeCount
        hasQuorum = total == 0 ? nil : runtime?.hasQuorum(configuredNodes: configured)
        leader = runtime?.leader?.name

        if let engines = snapshot.serviceEngines.value {
            let up = engines.filter { $0.runtime?.operStatus?.state == .up }.count
            serviceEnginesUp = up
            serviceEnginesDown = engines.count - up
            serviceEnginesDisconnected = engines.filter { $0.runtime?.seConnected == false }.count
        }

        let mappings = snapshot.secureChannel.value ?? []
        var counts: [SecureChannelStatus: Int] = [:]
        for mapping in mappings { counts[mapping.status, default: 0] += 1 }
        // Deterministic: problems first, then by count (most first), then by name.
        mappingsByStatus = counts.map { ($0.key, $0.value) }.sorted {
            ($0.status.isAuthenticated ? 1 : 0, $1.count, $0.status.rawValue) < ($1.status.isAuthenticated ? 1 : 0, $0.count, $1.status.rawValue)
        }
        if snapshot.secureChannel.value != nil {
            mappingsNotAuthenticated = mappings.filter { !$0.status.isAuthenticated }.count
            mappingsTotal = mappings.count
        }

        self.certificatesByBucket = certificatesByBucket

        alertsByLevel = snapshot.alerts.value.map(Self.countLevels)
    }

    /// Alerts by level. By index and by comparison with the three known levels: a loop over
    /// 10,000 alerts that copied each one, or hashed each level, was most of an idle console's CPU.
    static func countLevels(_ alerts: [Alert]) -> [AlertLevel: Int] {
        var high = 0, medium = 0, low = 0
        var other: [AlertLevel: Int] = [:]
        for index in alerts.indices {
            let level = alerts[index].level
            if level == .high { high += 1 } else if level == .medium { medium += 1 } else if level == .low { low += 1 } else { other[level, default: 0] += 1 }
        }
        for (level, count) in [(AlertLevel.high, high), (.medium, medium), (.low, low)] where count > 0 { other[level] = count }
        return other
    }
}
