import AviAPI
import Foundation

/// `status --json`: one JSON object with the keys DESIGN.md fixes as a contract —
/// `controller`, `version`, `cluster` {`state`, `nodes`}, and the lists `service_engines`,
/// `secure_channel`, `certificates` and `alerts`. Dates are RFC 3339 UTC.
public struct StatusReport: Encodable, Sendable {
    public var controller: String
    public var version: String?
    public var apiVersion: String?
    public var user: String
    public var tenant: String
    public var readOnly: Bool
    public var generatedAt: String
    public var cluster: Cluster
    public var serviceEngines: [ServiceEngineEntry]
    public var secureChannel: [SecureChannelEntry]
    public var certificates: [CertificateEntry]
    public var alerts: [AlertEntry]
    public var summary: Summary
    /// Resources that could not be read, with the reason.
    public var errors: [ResourceError]

    enum CodingKeys: String, CodingKey {
        case controller, version, apiVersion = "api_version", user, tenant, readOnly = "read_only", generatedAt = "generated_at",
             cluster, serviceEngines = "service_engines", secureChannel = "secure_channel", certificates, alerts, summary, errors
    }

    /// Every contract key is present even when unknown (`null`), so scripts can rely on it.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(controller, forKey: .controller)
        try c.encode(version, forKey: .version)
        try c.encode(apiVersion, forKey: .apiVersion)
        try c.encode(user, forKey: .user)
        try c.encode(tenant, forKey: .tenant)
        try c.encode(readOnly, forKey: .readOnly)
        try c.encode(generatedAt, forKey: .generatedAt)
        try c.encode(cluster, forKey: .cluster)
        try c.encode(serviceEngines, forKey: .serviceEngines)
        try c.encode(secureChannel, forKey: .secureChannel)
        try c.encode(certificates, forKey: .certificates)
        try c.encode(alerts, forKey: .alerts)
        try c.encode(summary, forKey: .summary)
        try c.encode(errors, forKey: .errors)
    }

    public struct Cluster: Encodable, Sendable {
        public var name: String?
        public var state: String?
        public var quorum: Bool
        public var leader: String?
        public var upSince: String?
        public var nodes: [Node]
        enum CodingKeys: String, CodingKey { case name, state, quorum, leader, upSince = "up_since", nodes }
    }

    public struct Node: Encodable, Sendable {
        public var name: String
        public var ip: String?
        public var role: String?
        public var state: String?
        public var upSince: String?
        enum CodingKeys: String, CodingKey { case name, ip, role, state, upSince = "up_since" }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(ip, forKey: .ip)
            try c.encode(role, forKey: .role)
            try c.encode(state, forKey: .state)
            try c.encode(upSince, forKey: .upSince)
        }
    }

    public struct ServiceEngineEntry: Encodable, Sendable {
        public var name: String
        public var uuid: String
        public var mgmtIP: String?
        public var operState: String?
        public var connected: Bool?
        public var version: String?
        public var seGroup: String?
        public var cloud: String?
        enum CodingKeys: String, CodingKey {
            case name, uuid, mgmtIP = "mgmt_ip", operState = "oper_state", connected, version, seGroup = "se_group", cloud
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(uuid, forKey: .uuid)
            try c.encode(mgmtIP, forKey: .mgmtIP)
            try c.encode(operState, forKey: .operState)
            try c.encode(connected, forKey: .connected)
            try c.encode(version, forKey: .version)
            try c.encode(seGroup, forKey: .seGroup)
            try c.encode(cloud, forKey: .cloud)
        }
    }

    public struct SecureChannelEntry: Encodable, Sendable {
        public var name: String
        public var uuid: String
        public var ip: String?
        public var localIP: String?
        public var status: String
        public var authenticated: Bool
        public var isController: Bool
        enum CodingKeys: String, CodingKey {
            case name, uuid, ip, localIP = "local_ip", status, authenticated, isController = "is_controller"
        }
    }

    public struct CertificateEntry: Encodable, Sendable {
        public var name: String
        public var uuid: String
        public var type: String?
        public var commonName: String?
        public var issuer: String?
        public var notBefore: String?
        public var notAfter: String?
        public var daysLeft: Int?
        public var expiry: String
        public var hasKey: Bool
        public var usedFor: [String]
        enum CodingKeys: String, CodingKey {
            case name, uuid, type, commonName = "common_name", issuer, notBefore = "not_before", notAfter = "not_after",
                 daysLeft = "days_left", expiry, hasKey = "has_key", usedFor = "used_for"
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(uuid, forKey: .uuid)
            try c.encode(type, forKey: .type)
            try c.encode(commonName, forKey: .commonName)
            try c.encode(issuer, forKey: .issuer)
            try c.encode(notBefore, forKey: .notBefore)
            try c.encode(notAfter, forKey: .notAfter)
            try c.encode(daysLeft, forKey: .daysLeft)
            try c.encode(expiry, forKey: .expiry)
            try c.encode(hasKey, forKey: .hasKey)
            try c.encode(usedFor, forKey: .usedFor)
        }
    }

    public struct AlertEntry: Encodable, Sendable {
        public var uuid: String
        public var level: String
        public var time: String?
        public var object: String?
        public var summary: String?
    }

    public struct Summary: Encodable, Sendable {
        public var serviceEnginesUp: Int
        public var serviceEnginesDown: Int
        public var secureChannelNotAuthenticated: Int
        public var certificatesExpired: Int
        public var certificatesWithin7Days: Int
        public var certificatesWithin30Days: Int
        public var alertsHigh: Int
        public var alertsMedium: Int
        public var alertsLow: Int
        enum CodingKeys: String, CodingKey {
            case serviceEnginesUp = "service_engines_up", serviceEnginesDown = "service_engines_down",
                 secureChannelNotAuthenticated = "secure_channel_not_authenticated", certificatesExpired = "certificates_expired",
                 certificatesWithin7Days = "certificates_within_7_days", certificatesWithin30Days = "certificates_within_30_days",
                 alertsHigh = "alerts_high", alertsMedium = "alerts_medium", alertsLow = "alerts_low"
        }
    }

    public struct ResourceError: Encodable, Sendable {
        public var resource: String
        public var error: String
    }

    public init(_ snapshot: Snapshot, now: Date) {
        let connection = snapshot.connection
        controller = connection.controller
        version = connection.controllerVersion
        apiVersion = connection.apiVersion
        user = connection.username
        tenant = connection.tenant
        readOnly = connection.readOnly
        generatedAt = AviDate.rfc3339(now)
        let overview = OverviewSummary(snapshot, now: now)

        let config = snapshot.clusterConfig.value
        let runtime = snapshot.clusterRuntime.value
        func ip(of name: String, mgmt: String?) -> String? {
            config?.nodes.first { $0.name == name || $0.ip?.addr == name }?.ip?.addr ?? mgmt ?? name
        }
        var nodes = (runtime?.nodeStates ?? []).map { state in
            Node(name: state.name, ip: ip(of: state.name, mgmt: state.mgmtIP), role: state.role?.rawValue, state: state.state?.rawValue,
                 upSince: state.upSinceDate.map(AviDate.rfc3339))
        }
        // Configured nodes that the runtime does not list are shown as unknown, not hidden.
        for node in config?.nodes ?? [] {
            let name = node.name ?? node.ip?.addr ?? ""
            if !nodes.contains(where: { $0.name == name || $0.ip == node.ip?.addr }) {
                nodes.append(Node(name: name, ip: node.ip?.addr, role: nil, state: nil, upSince: nil))
            }
        }
        cluster = Cluster(name: config?.name, state: runtime?.clusterState?.state?.rawValue, quorum: overview.hasQuorum,
                          leader: overview.leader, upSince: runtime?.clusterState?.upSince.flatMap(AviDate.parse).map(AviDate.rfc3339),
                          nodes: nodes)

        serviceEngines = (snapshot.serviceEngines.value ?? []).map { engine in
            ServiceEngineEntry(name: engine.name, uuid: engine.uuid, mgmtIP: engine.managementIP,
                               operState: engine.runtime?.operStatus?.state?.rawValue, connected: engine.runtime?.seConnected,
                               version: engine.runtime?.shortVersion, seGroup: engine.seGroupRef?.name, cloud: engine.cloudRef?.name)
        }
        secureChannel = (snapshot.secureChannel.value ?? []).map { mapping in
            SecureChannelEntry(name: mapping.name, uuid: mapping.uuid, ip: mapping.ip, localIP: mapping.localIP,
                               status: mapping.status.rawValue, authenticated: mapping.status.isAuthenticated,
                               isController: mapping.isController)
        }
        certificates = (snapshot.certificates.value ?? []).map { certificate in
            let row = CertificateRow(certificate, usage: snapshot.certificateUsage, now: now)
            return CertificateEntry(name: certificate.name, uuid: certificate.uuid, type: certificate.type?.rawValue,
                                    commonName: certificate.certificate?.subject?.commonName, issuer: row.issuer.isEmpty ? nil : row.issuer,
                                    notBefore: certificate.notBefore.map(AviDate.rfc3339), notAfter: certificate.notAfter.map(AviDate.rfc3339),
                                    daysLeft: row.daysLeft,
                                    expiry: row.notYetValid && row.bucket != .expired ? "not_yet_valid" : row.bucket.jsonName, hasKey: certificate.hasKey, usedFor: row.usedFor)
        }
        alerts = (snapshot.alerts.value ?? []).map { alert in
            AlertEntry(uuid: alert.uuid, level: alert.level.rawValue, time: alert.date.map(AviDate.rfc3339), object: alert.objName,
                       summary: alert.summary)
        }
        summary = Summary(
            serviceEnginesUp: overview.serviceEnginesUp, serviceEnginesDown: overview.serviceEnginesDown,
            secureChannelNotAuthenticated: overview.mappingsNotAuthenticated,
            certificatesExpired: overview.certificatesByBucket[.expired] ?? 0,
            certificatesWithin7Days: overview.certificatesByBucket[.critical] ?? 0,
            certificatesWithin30Days: overview.certificatesByBucket[.warning] ?? 0,
            alertsHigh: overview.alertsByLevel[.high] ?? 0, alertsMedium: overview.alertsByLevel[.medium] ?? 0,
            alertsLow: overview.alertsByLevel[.low] ?? 0)
        errors = snapshot.resourceStates.compactMap { state in state.error.map { ResourceError(resource: state.name, error: $0) } }
            + snapshot.unusableObjects.map { ResourceError(resource: $0.resource, error: "\($0.item.label) could not be read: \($0.item.problem)") }
    }

    /// Pretty, key-sorted JSON followed by a newline.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}

extension ExpiryBucket {
    /// Stable names for JSON: `expired`, `critical`, `warning`, `ok`, `unknown`.
    public var jsonName: String {
        switch self {
        case .expired: return "expired"
        case .critical: return "critical"
        case .warning: return "warning"
        case .ok: return "ok"
        case .unknown: return "unknown"
        }
    }
}
