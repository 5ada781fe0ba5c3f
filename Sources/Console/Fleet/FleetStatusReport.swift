import AviAPI
import Foundation

/// `status --all --json` (DESIGN.md, "Several clusters"): `{"generated_at": ..., "clusters": [...]}`,
/// one object per profile, worst first, with the key `profile`, the key `error` (null, or why that
/// cluster could not be read) and every key of the single-cluster `status --json` object — a
/// cluster that could not be read has them too, with null and empty values.
public struct FleetStatusReport: Encodable, Sendable {
    public var generatedAt: String
    public var clusters: [ClusterEntry]

    enum CodingKeys: String, CodingKey { case generatedAt = "generated_at", clusters }

    /// One cluster: the single-cluster report plus `profile`, `error` and the fleet extras.
    public struct ClusterEntry: Encodable, Sendable {
        public var profile: String
        public var error: String?
        public var report: StatusReport
        /// Seconds since the last good reading (null when none).
        public var dataAgeSeconds: Int?
        public var tags: [String: String]

        enum CodingKeys: String, CodingKey { case profile, error, dataAgeSeconds = "data_age_seconds", tags }

        public func encode(to encoder: Encoder) throws {
            try report.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(profile, forKey: .profile)
            try c.encode(error, forKey: .error)
            try c.encode(dataAgeSeconds, forKey: .dataAgeSeconds)
            try c.encode(tags, forKey: .tags)
        }
    }

    /// Orders the entries worst first and builds each cluster's object.
    public init(_ state: FleetState<Snapshot>, now: Date, order: FleetOrder = FleetOrder()) {
        generatedAt = AviDate.rfc3339(now)
        let sorted = order.sorted(state.entries, now: now) { ClusterSummary($0, now: now) }
        clusters = sorted.map { entry in
            let snapshot = entry.value ?? Snapshot(connection: Self.placeholderConnection(entry.profile))
            return ClusterEntry(profile: entry.name, error: entry.error, report: StatusReport(snapshot, now: now),
                                dataAgeSeconds: entry.age(now: now).map { Int($0.rounded(.down)) }, tags: entry.profile.tags)
        }
    }

    /// Who the cluster would have been, for a cluster never read: the profile's own words.
    static func placeholderConnection(_ profile: ControllerProfile) -> ConnectionInfo {
        var info = ConnectionInfo(controller: profile.controller ?? "", username: profile.username ?? "", tenant: profile.tenant ?? "admin",
                                  readOnly: true, insecure: profile.insecure ?? false)
        info.profile = profile.name
        return info
    }

    /// Pretty, key-sorted JSON followed by a newline (as `status --json`).
    public func json() throws -> Data { try ReportJSON.encode(self) }
}
