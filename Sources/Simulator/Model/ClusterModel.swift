import Foundation

/// The controller cluster: nodes, leader, states; `/api/cluster/runtime` is
/// computed from it.
struct ClusterModel {
    struct Node {
        var ip: String
        var vmUUID: String
        var hostname: String
        var state = "CLUSTER_ACTIVE"
        var upSince: Date?
    }

    var uuid: String
    var name = "cluster-0-1"
    var virtualIP: String
    var nodes: [Node]
    var leader = 0
    var clusterUpSince: Date

    /// Cluster state from node states and quorum (REFERENCE §3.1).
    var clusterState: String {
        let active = nodes.filter { $0.state == "CLUSTER_ACTIVE" }.count
        if nodes.count == 1 {
            return active == 1 ? "CLUSTER_UP_NO_HA" : "CLUSTER_STARTING_UP"
        }
        let quorum = nodes.count / 2 + 1
        if active == nodes.count { return "CLUSTER_UP_HA_ACTIVE" }
        if active >= quorum { return "CLUSTER_UP_HA_COMPROMISED" }
        if active >= 1 { return "CLUSTER_UP_HA_NOT_READY" }
        return "CLUSTER_STARTING_UP"
    }

    mutating func setState(index: Int, state: String, now: Date) {
        guard nodes.indices.contains(index) else { return }
        let wasActive = nodes[index].state == "CLUSTER_ACTIVE"
        nodes[index].state = state
        if state == "CLUSTER_ACTIVE" {
            if !wasActive { nodes[index].upSince = now }
        } else {
            nodes[index].upSince = nil
        }
    }

    /// After a failover the next node leads and the old leader restarts.
    mutating func failover(now: Date) {
        guard nodes.count > 1 else {
            nodes[0].upSince = now
            clusterUpSince = now
            return
        }
        let old = leader
        leader = (leader + 1) % nodes.count
        nodes[old].upSince = now
        clusterUpSince = now
    }

    mutating func makeSingleNode() {
        nodes = [nodes[leader]]
        leader = 0
    }

    func configJSON(lastModified: Int64) -> JSON {
        let nodeObjects: [JSON] = nodes.enumerated().map { index, node in
            .obj([
                "name": .string(node.ip),
                "ip": .obj(["type": .string("V4"), "addr": .string(node.ip)]),
                "vm_hostname": .string(node.hostname),
                "vm_uuid": .string(node.vmUUID),
                "vm_name": .string("avi-controller-\(index + 1)"),
            ])
        }
        return .obj([
            "url": .string("/api/cluster"),
            "uuid": .string(uuid),
            "name": .string(name),
            "tenant_ref": .string(Ref.path("tenant", "admin")),
            "_last_modified": .string(String(lastModified)),
            "rejoin_nodes_automatically": .bool(true),
            "virtual_ip": .obj(["type": .string("V4"), "addr": .string(virtualIP)]),
            "nodes": .array(nodeObjects),
        ])
    }

    func runtimeJSON(persona: Persona) -> JSON {
        let nodeStates: [JSON] = nodes.enumerated().map { index, node in
            var members: [JSON.Member] = [
                .init(key: "name", value: .string(node.ip)),
                .init(key: "role", value: .string(index == leader ? "CLUSTER_LEADER" : "CLUSTER_FOLLOWER")),
                .init(key: "state", value: .string(node.state)),
            ]
            if let up = node.upSince {
                members.append(.init(key: "up_since", value: .string(TimeFormat.spaced(up))))
            }
            members.append(.init(key: "mgmt_ip", value: .string(node.ip)))
            return .object(members)
        }
        let activeIPs = nodes.filter { $0.state == "CLUSTER_ACTIVE" }.map { JSON.string($0.ip) }
        let services = ["federated_datastore", "se_manager", "secure_channel", "log_manager"].map { service -> JSON in
            .obj([
                "name": .string(service),
                "state": .string(activeIPs.isEmpty ? "CLUSTER_INACTIVE" : "CLUSTER_ACTIVE"),
                "cluster_nodes": .array(activeIPs),
                "roles": .array([.string("SERVICE_ROLE_LEADER")]),
            ])
        }
        let leaderNode = nodes[leader]
        return .obj([
            "cluster_state": .obj([
                "state": .string(clusterState),
                "up_since": .string(TimeFormat.spaced(clusterUpSince)),
                "progress": .num(clusterState.hasPrefix("CLUSTER_UP") ? 100 : 40),
            ]),
            "node_states": .array(nodeStates),
            "service_states": .array(services),
            "node_info": .obj([
                "version": .string(persona.longVersion),
                "mgmt_ip": .string(leaderNode.ip),
                "uuid": .string(leaderNode.vmUUID),
                "cluster_uuid": .string(uuid),
            ]),
        ])
    }
}
