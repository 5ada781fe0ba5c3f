import Foundation

/// One fleet row as text cells, shared by the fleet screen and `status --all`: what each
/// column shows for one cluster at `now`. Unknown values are `-`; a failed cluster keeps
/// its last values and says why in `state`.
public struct FleetRow: Sendable, Equatable {
    public var profile: String
    public var color: String?
    public var version: String
    /// The cluster state verbatim, or the failure (`unreachable`, `login refused`, …).
    public var state: String
    public var nodes: String
    public var leader: String
    public var serviceEngines: String
    public var tunnelsNotAuthenticated: String
    public var secureChannelDays: String
    public var soonestCertificate: String
    public var alertsHigh: String
    public var age: String
    /// The whole reason when the last attempt failed, and when the next one is.
    public var problem: String?
    public var rank: FleetOrder.Rank
    /// The facts behind the cells, for sorting by a column.
    public var sortValues: [Double]

    /// The column titles, in order.
    public static let titles = ["PROFILE", "VERSION", "STATE", "NODES", "LEADER", "SES UP", "TUNNELS BAD", "SC CERT", "SOONEST CERT",
                                "HIGH", "AGE"]

    public init(_ entry: FleetEntry<ClusterSummary>, now: Date, order: FleetOrder = FleetOrder()) {
        let summary = entry.value
        profile = entry.name
        color = entry.profile.color
        version = summary?.controllerVersion ?? entry.connection?.controllerVersion ?? "-"
        if let failure = entry.failure {
            state = failure.label
        } else {
            state = summary?.clusterState ?? (entry.isLoading ? "loading…" : "-")
        }
        nodes = Self.fraction(summary?.nodesActive, summary?.nodesTotal)
        leader = summary?.leader ?? "-"
        serviceEngines = Self.fraction(summary?.serviceEnginesUp, summary?.serviceEnginesTotal)
        tunnelsNotAuthenticated = summary?.mappingsNotAuthenticated.map(String.init) ?? "-"
        let channelDays = summary?.secureChannelCertificate?.daysLeft(now: now)
        secureChannelDays = channelDays.map { "\($0) d" } ?? "-"
        let soonest = summary?.soonestCertificates.first
        soonestCertificate = soonest.map { "\($0.name) (\($0.daysLeft(now: now).map { "\($0) d" } ?? "?"))" } ?? "-"
        alertsHigh = summary?.alertsHigh.map(String.init) ?? "-"
        let ageSeconds = entry.age(now: now)
        age = ageSeconds.map { Durations.short($0) } ?? "never"
        if let error = entry.error {
            let retry = entry.nextAttempt.map { " — retrying in \(Durations.short(max(0, $0.timeIntervalSince(now))))" } ?? ""
            problem = error + retry
        } else if let part = summary?.partErrors.first {
            problem = part
        }
        rank = order.rank(summary: summary, failed: entry.error != nil, now: now)
        let unknown = Double.greatestFiniteMagnitude
        sortValues = [
            0, 0, 0,
            Double(summary?.nodesActive ?? -1), 0,
            Double(summary?.serviceEnginesDown.map { -$0 } ?? 1),
            Double(summary?.mappingsNotAuthenticated ?? -1),
            channelDays.map(Double.init) ?? unknown,
            soonest?.daysLeft(now: now).map(Double.init) ?? unknown,
            Double(summary?.alertsHigh ?? -1),
            ageSeconds ?? unknown,
        ]
    }

    /// The cells in column order.
    public var cells: [String] {
        [profile, version, state, nodes, leader, serviceEngines, tunnelsNotAuthenticated, secureChannelDays, soonestCertificate,
         alertsHigh, age]
    }

    static func fraction(_ part: Int?, _ whole: Int?) -> String {
        guard let part, let whole else { return "-" }
        return "\(part)/\(whole)"
    }
}

/// `status --all` as text: one aligned row per cluster, worst first, then the reasons of the
/// clusters that could not be read.
public enum FleetText {
    public static func render(_ rows: [FleetRow]) -> String {
        let table = [FleetRow.titles] + rows.map { $0.cells.map(SafeText.sanitize) }
        var widths = Array(repeating: 0, count: FleetRow.titles.count)
        for line in table { for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.count) } }
        var out = table.map { line in
            line.enumerated().map { index, cell in
                index == line.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        for row in rows { if let problem = row.problem { out.append("\(SafeText.sanitize(row.profile)): \(SafeText.sanitize(problem))") } }
        return out.joined(separator: "\n") + "\n"
    }
}
