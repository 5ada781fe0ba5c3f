import Foundation

public struct OperState: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let up = Self(rawValue: "OPER_UP")
    public static let down = Self(rawValue: "OPER_DOWN")
    public static let creating = Self(rawValue: "OPER_CREATING")
    public static let resources = Self(rawValue: "OPER_RESOURCES")
    public static let inactive = Self(rawValue: "OPER_INACTIVE")
    public static let disabled = Self(rawValue: "OPER_DISABLED")
    public static let unused = Self(rawValue: "OPER_UNUSED")
    public static let unknown = Self(rawValue: "OPER_UNKNOWN")
    public static let processing = Self(rawValue: "OPER_PROCESSING")
    public static let initializing = Self(rawValue: "OPER_INITIALIZING")
    public static let errorDisabled = Self(rawValue: "OPER_ERROR_DISABLED")
    public static let awaitManualPlacement = Self(rawValue: "OPER_AWAIT_MANUAL_PLACEMENT")
    public static let upgrading = Self(rawValue: "OPER_UPGRADING")
    public static let seProcessing = Self(rawValue: "OPER_SE_PROCESSING")
    public static let partitioned = Self(rawValue: "OPER_PARTITIONED")
    public static let disabling = Self(rawValue: "OPER_DISABLING")
    public static let failed = Self(rawValue: "OPER_FAILED")
    public static let unavailable = Self(rawValue: "OPER_UNAVAIL")
    public static let aggregateDown = Self(rawValue: "OPER_AGGREGATE_DOWN")
    public static let known: [Self] = [
        .up, .down, .creating, .resources, .inactive, .disabled, .unused, .unknown, .processing, .initializing,
        .errorDisabled, .awaitManualPlacement, .upgrading, .seProcessing, .partitioned, .disabling, .failed,
        .unavailable, .aggregateDown,
    ]
}

/// `GET /api/serviceengine?join_subresources=runtime`: config plus the runtime summary.
public struct ServiceEngine: Codable, Sendable {
    public var uuid: String
    public var name: String
    public var cloudRef: AviRef?
    public var seGroupRef: AviRef?
    public var enableState: String?
    public var mgmtVnic: VNIC?
    public var runtime: ServiceEngineRuntime?

    enum CodingKeys: String, CodingKey {
        case uuid, name, cloudRef = "cloud_ref", seGroupRef = "se_group_ref", enableState = "enable_state",
             mgmtVnic = "mgmt_vnic", runtime
    }

    /// Only `uuid` is required; an SE without a (string) name is shown under its uuid.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decode(String.self, forKey: .uuid)
        name = c.lenient(String.self, forKey: .name).flatMap { $0.isEmpty ? nil : $0 } ?? uuid
        cloudRef = c.lenient(AviRef.self, forKey: .cloudRef)
        seGroupRef = c.lenient(AviRef.self, forKey: .seGroupRef)
        enableState = c.lenient(String.self, forKey: .enableState)
        mgmtVnic = c.lenient(VNIC.self, forKey: .mgmtVnic)
        runtime = c.lenient(ServiceEngineRuntime.self, forKey: .runtime)
    }

    /// `mgmt_vnic.vnic_networks[0].ip.ip_addr.addr`, as Avi's own exporters read it.
    public var managementIP: String? {
        mgmtVnic?.vnicNetworks?.lazy.compactMap { $0.ip?.ipAddr?.addr }.first
    }
}

public struct VNIC: Codable, Sendable {
    public var macAddress: String?
    public var vnicNetworks: [VNICNetwork]?
    enum CodingKeys: String, CodingKey { case macAddress = "mac_address", vnicNetworks = "vnic_networks" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        macAddress = c.lenient(String.self, forKey: .macAddress)
        vnicNetworks = c.lenient([VNICNetwork].self, forKey: .vnicNetworks)
    }
}

public struct VNICNetwork: Codable, Sendable {
    public var mode: String?
    public var ip: IPAddrPrefix?
    enum CodingKeys: String, CodingKey { case mode, ip }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mode = c.lenient(String.self, forKey: .mode)
        ip = c.lenient(IPAddrPrefix.self, forKey: .ip)
    }
}

public struct IPAddrPrefix: Codable, Sendable {
    public var ipAddr: IPAddr?
    public var mask: Int?
    enum CodingKeys: String, CodingKey { case ipAddr = "ip_addr", mask }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ipAddr = c.lenient(IPAddr.self, forKey: .ipAddr)
        mask = c.lenient(Int.self, forKey: .mask)
    }
}

public struct ServiceEngineRuntime: Codable, Sendable {
    public var operStatus: OperationalStatus?
    public var seConnected: Bool?
    public var powerState: String?
    public var version: String?
    public var atCurrentVersion: Bool?
    public var onlineSince: String?
    public var migrateState: String?

    enum CodingKeys: String, CodingKey {
        case operStatus = "oper_status", seConnected = "se_connected", powerState = "power_state", version,
             atCurrentVersion = "at_curr_ver", onlineSince = "online_since", migrateState = "migrate_state"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        operStatus = c.lenient(OperationalStatus.self, forKey: .operStatus)
        seConnected = c.lenient(Bool.self, forKey: .seConnected)
        powerState = c.lenient(String.self, forKey: .powerState)
        version = c.lenient(String.self, forKey: .version)
        atCurrentVersion = c.lenient(Bool.self, forKey: .atCurrentVersion)
        onlineSince = c.lenient(String.self, forKey: .onlineSince)
        migrateState = c.lenient(String.self, forKey: .migrateState)
    }

    /// `30.2.2(9108) 2024-09-04 20:26:19 UTC` → `30.2.2(9108)`.
    public var shortVersion: String? { version.map { String($0.split(separator: " ").first ?? Substring($0)) } }
}

public struct OperationalStatus: Codable, Sendable {
    public var state: OperState?
    public var reason: [String]?
    enum CodingKeys: String, CodingKey { case state, reason }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        state = c.lenient(OperState.self, forKey: .state)
        reason = c.lenient([String].self, forKey: .reason)
    }
}
