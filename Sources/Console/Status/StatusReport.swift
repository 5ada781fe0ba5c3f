import AviAPI
import Foundation

/// `status --json`: one JSON object with the keys DESIGN.md fixes as a contract —
/// `controller`, `version`, `cluster` {`state`, `nodes`}, and the lists `service_engines`,
/// `secure_channel`, `certificates` and `alerts`. Dates are RFC 3339 UTC.
///
/// Every contract key is always present (`@Nullable`). Unknown is unknown: a list, count or
/// verdict whose resource could not be read (or was not read yet) is `null`, never an empty
/// list, a zero or a `false` that the data does not support; `errors` says why.
public struct StatusReport: Encodable, Sendable {
    @Nullable public var controller: String?
    @Nullable public var version: String?
    @Nullable public var apiVersion: String?
    public var user: String
    public var tenant: String
    public var readOnly: Bool
    public var generatedAt: String
    public var cluster: Cluster
    @Nullable public var serviceEngines: [ServiceEngineEntry]?
    @Nullable public var secureChannel: [SecureChannelEntry]?
    @Nullable public var certificates: [CertificateEntry]?
    @Nullable public var alerts: [AlertEntry]?
    public var summary: Summary
    /// Resources that could not be read, with the reason.
    public var errors: [ResourceError]

    enum CodingKeys: String, CodingKey {
        case controller, version, apiVersion = "api_version", user, tenant, readOnly = "read_only", generatedAt = "generated_at",
             cluster, serviceEngines = "service_engines", secureChannel = "secure_channel", certificates, alerts, summary, errors
    }

    public struct Cluster: Encodable, Sendable {
        @Nullable public var name: String?
        @Nullable public var state: String?
        /// A majority of the known nodes is active; null while the runtime is not read or lists no node.
        @Nullable public var quorum: Bool?
        @Nullable public var leader: String?
        @Nullable public var upSince: String?
        /// Null when neither the cluster configuration nor its runtime could be read.
        @Nullable public var nodes: [Node]?
        enum CodingKeys: String, CodingKey { case name, state, quorum, leader, upSince = "up_since", nodes }
    }

    public struct Node: Encodable, Sendable {
        public var name: String
        @Nullable public var ip: String?
        @Nullable public var role: String?
        @Nullable public var state: String?
        @Nullable public var upSince: String?
        enum CodingKeys: String, CodingKey { case name, ip, role, state, upSince = "up_since" }
    }

    public struct ServiceEngineEntry: Encodable, Sendable {
        public var name: String
        public var uuid: String
        @Nullable public var mgmtIP: String?
        @Nullable public var operState: String?
        @Nullable public var connected: Bool?
        @Nullable public var version: String?
        @Nullable public var seGroup: String?
        @Nullable public var cloud: String?
        enum CodingKeys: String, CodingKey {
            case name, uuid, mgmtIP = "mgmt_ip", operState = "oper_state", connected, version, seGroup = "se_group", cloud
        }
    }

    public struct SecureChannelEntry: Encodable, Sendable {
        public var name: String
        public var uuid: String
        @Nullable public var ip: String?
        @Nullable public var localIP: String?
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
        @Nullable public var type: String?
        @Nullable public var commonName: String?
        @Nullable public var issuer: String?
        @Nullable public var notBefore: String?
        @Nullable public var notAfter: String?
        @Nullable public var daysLeft: Int?
        public var expiry: String
        public var hasKey: Bool
        public var usedFor: [String]
        enum CodingKeys: String, CodingKey {
            case name, uuid, type, commonName = "common_name", issuer, notBefore = "not_before", notAfter = "not_after",
                 daysLeft = "days_left", expiry, hasKey = "has_key", usedFor = "used_for"
        }
    }

    public struct AlertEntry: Encodable, Sendable {
        public var uuid: String
        public var level: String
        @Nullable public var time: String?
        @Nullable public var object: String?
        @Nullable public var summary: String?
    }

    /// Counts derived from the lists; each is null while its resource is not read.
    public struct Summary: Encodable, Sendable {
        @Nullable public var serviceEnginesUp: Int?
        @Nullable public var serviceEnginesDown: Int?
        @Nullable public var secureChannelNotAuthenticated: Int?
        @Nullable public var certificatesExpired: Int?
        @Nullable public var certificatesWithin7Days: Int?
        @Nullable public var certificatesWithin30Days: Int?
        @Nullable public var alertsHigh: Int?
        @Nullable public var alertsMedium: Int?
        @Nullable public var alertsLow: Int?
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

    /// The report of a controller that could not be reached or logged in to: every contract key
    /// (all `null` or unknown) and one `errors` entry for `controller`, so `| jq` sees a reason.
    public init(unreachable connection: ConnectionInfo?, error: String, now: Date) {
        self.init(Snapshot(connection: connection ?? ConnectionInfo(controller: "", username: "", tenant: "", readOnly: true,
                                                                   insecure: false)), now: now)
        if connection == nil || connection?.controller.isEmpty == true { controller = nil }
        errors = [ResourceError(resource: "controller", error: error)]
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
                          nodes: config == nil && runtime == nil ? nil : nodes)

        serviceEngines = snapshot.serviceEngines.value?.map { engine in
            ServiceEngineEntry(name: engine.name, uuid: engine.uuid, mgmtIP: engine.managementIP,
                               operState: engine.runtime?.operStatus?.state?.rawValue, connected: engine.runtime?.seConnected,
                               version: engine.runtime?.shortVersion, seGroup: engine.seGroupRef?.name, cloud: engine.cloudRef?.name)
        }
        secureChannel = snapshot.secureChannel.value?.map { mapping in
            SecureChannelEntry(name: mapping.name, uuid: mapping.uuid, ip: mapping.ip, localIP: mapping.localIP,
                               status: mapping.status.rawValue, authenticated: mapping.status.isAuthenticated,
                               isController: mapping.isController)
        }
        certificates = snapshot.certificates.value?.map { certificate in
            let row = CertificateRow(certificate, usage: snapshot.certificateUsage, now: now)
            return CertificateEntry(name: certificate.name, uuid: certificate.uuid, type: certificate.type?.rawValue,
                                    commonName: certificate.certificate?.subject?.commonName, issuer: row.issuer.isEmpty ? nil : row.issuer,
                                    notBefore: certificate.notBefore.map(AviDate.rfc3339), notAfter: certificate.notAfter.map(AviDate.rfc3339),
                                    daysLeft: row.daysLeft,
                                    expiry: row.notYetValid && row.bucket != .expired ? "not_yet_valid" : row.bucket.jsonName, hasKey: certificate.hasKey, usedFor: row.usedFor)
        }
        alerts = snapshot.alerts.value?.map { alert in
            AlertEntry(uuid: alert.uuid, level: alert.level.rawValue, time: alert.date.map(AviDate.rfc3339), object: alert.objName,
                       summary: alert.summary)
        }
        summary = Summary(
            serviceEnginesUp: overview.serviceEnginesUp, serviceEnginesDown: overview.serviceEnginesDown,
            secureChannelNotAuthenticated: overview.mappingsNotAuthenticated,
            certificatesExpired: overview.certificatesByBucket.map { $0[.expired] ?? 0 },
            certificatesWithin7Days: overview.certificatesByBucket.map { $0[.critical] ?? 0 },
            certificatesWithin30Days: overview.certificatesByBucket.map { $0[.warning] ?? 0 },
            alertsHigh: overview.alertsByLevel.map { $0[.high] ?? 0 }, alertsMedium: overview.alertsByLevel.map { $0[.medium] ?? 0 },
            alertsLow: overview.alertsByLevel.map { $0[.low] ?? 0 })
        errors = snapshot.resourceStates.compactMap { state in state.error.map { ResourceError(resource: state.name, error: $0) } }
            + snapshot.unusableObjects.map { ResourceError(resource: $0.resource, error: "\($0.item.label) could not be read: \($0.item.problem)") }
    }

    /// Pretty, key-sorted JSON followed by a newline; unsafe characters escaped (`JSONText`).
    public func json() throws -> Data { try ReportJSON.encode(self) }
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
