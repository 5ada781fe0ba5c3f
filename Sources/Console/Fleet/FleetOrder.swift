import Foundation

/// Worst first, in the order DESIGN.md gives for several clusters: unreachable or login
/// refused, no quorum, secure-channel certificate within the critical days, mappings not
/// authenticated, SEs down, then the soonest certificate; ties by profile name.
public struct FleetOrder: Sendable {
    /// Days left at or under which the secure-channel certificate counts as critical (`check certs` default).
    public var criticalDays: Int

    public init(criticalDays: Int = 7) { self.criticalDays = criticalDays }

    /// Why a cluster is where it is, worst (lowest) first.
    public enum Rank: Int, Comparable, Sendable {
        case failed = 0, noQuorum, secureChannelCertificate, mappingsNotAuthenticated, serviceEnginesDown, healthy, loading

        public static func < (lhs: Rank, rhs: Rank) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The rank of one cluster: `failed` when its last attempt failed (even with older data).
    public func rank(summary: ClusterSummary?, failed: Bool, now: Date) -> Rank {
        if failed { return .failed }
        guard let summary else { return .loading }
        if summary.hasQuorum == false { return .noQuorum }
        if let days = summary.secureChannelCertificate?.daysLeft(now: now), days <= criticalDays { return .secureChannelCertificate }
        if (summary.mappingsNotAuthenticated ?? 0) > 0 { return .mappingsNotAuthenticated }
        if (summary.serviceEnginesDown ?? 0) > 0 { return .serviceEnginesDown }
        return .healthy
    }

    /// The sort key: rank, then how bad within the rank, then the soonest certificate, then the name.
    public func key(name: String, summary: ClusterSummary?, failed: Bool, now: Date) -> (Int, Int, Int, String) {
        let rank = rank(summary: summary, failed: failed, now: now)
        let severity: Int
        switch rank {
        case .secureChannelCertificate: severity = summary?.secureChannelCertificate?.daysLeft(now: now) ?? 0
        case .mappingsNotAuthenticated: severity = -(summary?.mappingsNotAuthenticated ?? 0)
        case .serviceEnginesDown: severity = -(summary?.serviceEnginesDown ?? 0)
        default: severity = 0
        }
        let soonest = summary?.soonestCertificates.first?.daysLeft(now: now) ?? Int.max
        return (rank.rawValue, severity, soonest, name)
    }

    /// Entries sorted worst first; `summary` extracts the summary from an entry's value.
    public func sorted<Output>(_ entries: [FleetEntry<Output>], now: Date,
                               summary: (Output) -> ClusterSummary) -> [FleetEntry<Output>] {
        entries.map { entry in (entry, key(name: entry.name, summary: entry.value.map(summary), failed: entry.error != nil, now: now)) }
            .sorted { $0.1 < $1.1 }
            .map(\.0)
    }
}
