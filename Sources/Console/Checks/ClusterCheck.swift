import AviAPI
import Foundation

/// `avitui check cluster`: CRITICAL without quorum (a majority of the configured nodes
/// active), WARNING when a node is not active or the cluster is not up, else OK;
/// UNKNOWN when the cluster runtime could not be read or lists no node (0 of 0 is no verdict).
public struct ClusterCheck: Sendable {
    public static let service = "CLUSTER"

    public init() {}

    public func evaluate(_ snapshot: Snapshot, now: Date) -> CheckResult {
        guard let runtime = snapshot.clusterRuntime.value else {
            return .unknown(Self.service, "cannot read the cluster runtime: \(snapshot.clusterRuntime.error ?? "no answer from the controller")")
        }
        let configuredNodes = snapshot.clusterConfig.value?.nodes ?? []
        let configured = configuredNodes.count
        let total = max(configured, runtime.nodeStates.count)
        let active = runtime.activeNodeCount
        let quorum = runtime.hasQuorum(configuredNodes: configured)
        let needed = total / 2 + 1
        guard total > 0 else {
            return .unknown(Self.service, "the cluster runtime lists no node and the cluster configuration names none")
        }
        let state = runtime.clusterState?.state

        // Configured nodes the runtime does not mention count as not active, by name.
        var inactive = runtime.nodeStates.filter { $0.state != .active }.map { "\($0.name) \(Self.short($0.state))" }
        let reported = Set(runtime.nodeStates.map(\.name) + runtime.nodeStates.compactMap(\.mgmtIP))
        for node in configuredNodes {
            let keys = [node.name, node.ip?.addr].compactMap { $0 }
            if !keys.contains(where: reported.contains) { inactive.append("\(keys.first ?? "?") not reported") }
        }

        let status: PluginStatus
        var summary: String
        let stateText = state.map { Self.short($0.rawValue, prefix: "CLUSTER_") } ?? "state unknown"
        if !quorum {
            status = .critical
            summary = "no quorum: \(active) of \(total) nodes active, \(needed) needed"
        } else if !inactive.isEmpty || !(state?.isUsable ?? false) {
            status = .warning
            summary = "\(stateText), \(active) of \(total) nodes active"
        } else {
            status = .ok
            summary = "\(stateText), \(active) of \(total) nodes active"
        }
        if !inactive.isEmpty { summary += ": " + inactive.joined(separator: ", ") }
        if let leader = runtime.leader?.name { summary += "; leader \(leader)" } else if total > 0 { summary += "; no leader" }

        let perfData = [
            PerfDatum("nodes_active", active, warning: "\(total):", critical: "\(needed):", maximum: total),
            PerfDatum("nodes_total", total),
        ]
        let details = runtime.nodeStates.map { node in
            let since = node.upSinceDate.map { " up since \(AviDate.rfc3339($0))" } ?? ""
            return "\(node.name) \(Self.short(node.role?.rawValue ?? "no role", prefix: "CLUSTER_")) \(Self.short(node.state))\(since)"
        }
        return CheckResult(service: Self.service, status: status, summary: summary, perfData: perfData, details: details)
    }

    private static func short(_ state: NodeState?) -> String {
        state.map { short($0.rawValue, prefix: "CLUSTER_") } ?? "state unknown"
    }

    /// `CLUSTER_UP_HA_ACTIVE` → `UP_HA_ACTIVE`: shorter and still greppable.
    private static func short(_ raw: String, prefix: String) -> String {
        raw.hasPrefix(prefix) ? String(raw.dropFirst(prefix.count)) : raw
    }
}
