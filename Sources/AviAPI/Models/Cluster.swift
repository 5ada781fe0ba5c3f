import Foundation

/// An address as the controller writes it: `{"addr": "10.0.0.5", "type": "V4"}`.
public struct IPAddr: Codable, Sendable, Hashable {
    public var addr: String?
    public var type: String?
    public init(addr: String?, type: String? = "V4") { self.addr = addr; self.type = type }
    enum CodingKeys: String, CodingKey { case addr, type }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        addr = c.lenient(String.self, forKey: .addr)
        type = c.lenient(String.self, forKey: .type)
    }
}

/// `GET /api/cluster`: the configured nodes.
public struct ClusterConfig: Codable, Sendable {
    public var uuid: String?
    public var name: String?
    public var virtualIP: IPAddr?
    public var nodes: [ClusterNode]
    public var lastModified: String?

    enum CodingKeys: String, CodingKey {
        case uuid, name, nodes, virtualIP = "virtual_ip", lastModified = "_last_modified"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = c.lenient(String.self, forKey: .uuid)
        name = c.lenient(String.self, forKey: .name)
        virtualIP = c.lenient(IPAddr.self, forKey: .virtualIP)
        nodes = c.lenient([ClusterNode].self, forKey: .nodes) ?? []
        lastModified = c.lenient(String.self, forKey: .lastModified)
    }
}

public struct ClusterNode: Codable, Sendable {
    public var name: String?
    public var ip: IPAddr?
    public var vmHostname: String?
    enum CodingKeys: String, CodingKey { case name, ip, vmHostname = "vm_hostname" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = c.lenient(String.self, forKey: .name)
        ip = c.lenient(IPAddr.self, forKey: .ip)
        vmHostname = c.lenient(String.self, forKey: .vmHostname)
    }
}

public struct ClusterState: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let startingUp = Self(rawValue: "CLUSTER_STARTING_UP")
    public static let upNoHA = Self(rawValue: "CLUSTER_UP_NO_HA")
    public static let upHANotReady = Self(rawValue: "CLUSTER_UP_HA_NOT_READY")
    public static let upHACompromised = Self(rawValue: "CLUSTER_UP_HA_COMPROMISED")
    public static let upHAActive = Self(rawValue: "CLUSTER_UP_HA_ACTIVE")
    public static let processing = Self(rawValue: "CLUSTER_PROCESSING")
    public static let rebooting = Self(rawValue: "CLUSTER_REBOOTING")
    public static let known: [Self] = [.startingUp, .upNoHA, .upHANotReady, .upHACompromised, .upHAActive, .processing, .rebooting]
    /// The states real clients (AKO) treat as usable.
    public var isUsable: Bool { self == .upNoHA || self == .upHAActive || self == .upHACompromised }
}

public struct ClusterRole: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let leader = Self(rawValue: "CLUSTER_LEADER")
    public static let follower = Self(rawValue: "CLUSTER_FOLLOWER")
    public static let known: [Self] = [.leader, .follower]
}

public struct NodeState: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let active = Self(rawValue: "CLUSTER_ACTIVE")
    public static let inactive = Self(rawValue: "CLUSTER_INACTIVE")
    public static let starting = Self(rawValue: "CLUSTER_STARTING")
    public static let waiting = Self(rawValue: "CLUSTER_WAITING")
    public static let failure = Self(rawValue: "CLUSTER_FAILURE")
    public static let coldReboot = Self(rawValue: "CLUSTER_COLD_REBOOT")
    public static let warmReboot = Self(rawValue: "CLUSTER_WARM_REBOOT")
    public static let cleanReboot = Self(rawValue: "CLUSTER_CLEAN_REBOOT")
    public static let known: [Self] = [.active, .inactive, .starting, .waiting, .failure, .coldReboot, .warmReboot, .cleanReboot]
}

/// `GET /api/cluster/runtime`.
public struct ClusterRuntime: Codable, Sendable {
    public var clusterState: ClusterStateInfo?
    public var nodeStates: [ClusterNodeState]
    public var serviceStates: [ClusterServiceState]
    public var nodeInfo: NodeInfo?

    enum CodingKeys: String, CodingKey {
        case clusterState = "cluster_state", nodeStates = "node_states", serviceStates = "service_states", nodeInfo = "node_info"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clusterState = c.lenient(ClusterStateInfo.self, forKey: .clusterState)
        nodeStates = c.lenient([ClusterNodeState].self, forKey: .nodeStates) ?? []
        serviceStates = c.lenient([ClusterServiceState].self, forKey: .serviceStates) ?? []
        nodeInfo = c.lenient(NodeInfo.self, forKey: .nodeInfo)
    }

    public var leader: ClusterNodeState? { nodeStates.first { $0.role == .leader } }
    public var activeNodeCount: Int { nodeStates.filter { $0.state == .active }.count }
    /// A majority of the configured nodes is active (2 of 3).
    public func hasQuorum(configuredNodes: Int) -> Bool {
        let total = max(configuredNodes, nodeStates.count)
        return total > 0 && activeNodeCount * 2 > total
    }
}

public struct ClusterStateInfo: Codable, Sendable {
    public var state: ClusterState?
    public var upSince: String?
    public var progress: Int?
    public var reason: [String]?
    enum CodingKeys: String, CodingKey { case state, upSince = "up_since", progress, reason }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        state = c.lenient(ClusterState.self, forKey: .state)
        upSince = c.lenient(String.self, forKey: .upSince)
        progress = c.lenient(Int.self, forKey: .progress)
        reason = c.lenient([String].self, forKey: .reason)
    }
}

public struct ClusterNodeState: Codable, Sendable {
    public var name: String
    public var role: ClusterRole?
    public var state: NodeState?
    public var upSince: String?
    public var mgmtIP: String?
    enum CodingKeys: String, CodingKey { case name, role, state, upSince = "up_since", mgmtIP = "mgmt_ip" }

    /// A node without a name is shown under its management IP.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        role = c.lenient(ClusterRole.self, forKey: .role)
        state = c.lenient(NodeState.self, forKey: .state)
        upSince = c.lenient(String.self, forKey: .upSince)
        mgmtIP = c.lenient(String.self, forKey: .mgmtIP)
        name = c.lenient(String.self, forKey: .name) ?? mgmtIP ?? "unnamed node"
    }
    public var upSinceDate: Date? { upSince.flatMap(AviDate.parse) }
}

public struct ClusterServiceState: Codable, Sendable {
    public var name: String
    public var state: String?
    public var clusterNodes: [String]?
    public var roles: [String]?
    enum CodingKeys: String, CodingKey { case name, state, clusterNodes = "cluster_nodes", roles }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = c.lenient(String.self, forKey: .name) ?? "unnamed service"
        state = c.lenient(String.self, forKey: .state)
        clusterNodes = c.lenient([String].self, forKey: .clusterNodes)
        roles = c.lenient([String].self, forKey: .roles)
    }
}

public struct NodeInfo: Codable, Sendable {
    public var version: String?
    enum CodingKeys: String, CodingKey { case version }

    public init(from decoder: Decoder) throws {
        version = (try? decoder.container(keyedBy: CodingKeys.self))?.lenient(String.self, forKey: .version)
    }
}
