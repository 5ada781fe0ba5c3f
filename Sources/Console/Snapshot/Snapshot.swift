import AviAPI
import Foundation

/// Who and where: the parts of the header that do not change between refreshes.
public struct ConnectionInfo: Sendable {
    public var controller: String
    public var addresses: [String]
    public var username: String
    public var tenant: String
    public var apiVersion: String?
    public var controllerVersion: String?
    public var readOnly: Bool
    /// Why read-only: "--read-only", "config file", or "the user cannot write the system configuration".
    public var readOnlyReason: String?
    public var insecure: Bool
    public var trust: String
    /// The config-file profile this cluster came from (the fleet's name for it), if any.
    public var profile: String?
    /// The profile's `color` (a `ThemeColor` name), so the header marks production differently.
    public var profileColor: String?

    public init(controller: String, addresses: [String] = [], username: String, tenant: String, apiVersion: String? = nil,
                controllerVersion: String? = nil, readOnly: Bool, readOnlyReason: String? = nil, insecure: Bool, trust: String = "") {
        self.controller = controller
        self.addresses = addresses
        self.username = username
        self.tenant = tenant
        self.apiVersion = apiVersion
        self.controllerVersion = controllerVersion
        self.readOnly = readOnly
        self.readOnlyReason = readOnlyReason
        self.insecure = insecure
        self.trust = trust
    }
}

/// An immutable picture of the cluster at one moment, published by the refreshers and
/// read by the UI loop and the headless commands. Each resource carries its own age and error.
public struct Snapshot: Sendable {
    public var connection: ConnectionInfo
    public var clusterConfig = Resource<ClusterConfig>()
    public var clusterRuntime = Resource<ClusterRuntime>()
    public var serviceEngines = Resource<[ServiceEngine]>()
    public var secureChannel = Resource<[SecureChannelMapping]>()
    public var certificates = Resource<[SSLKeyAndCertificate]>()
    public var systemConfiguration = Resource<SystemConfiguration>()
    /// Newest first, merged from the newest page every cycle and a full read now and then.
    public var alerts = Resource<[Alert]>()
    public var clouds = Resource<[Cloud]>()
    public var virtualServices = Resource<[VirtualService]>()
    /// Increases with every publication (ages move even when nothing else does).
    public var generation = 0
    /// Increases only when a resource's value or error changed: what derived rows, orders
    /// and summaries are keyed on, so a probe that found nothing new costs no recomputation.
    public var contentVersion: Int {
        clusterConfig.version &+ clusterRuntime.version &+ serviceEngines.version &+ secureChannel.version
            &+ certificates.version &+ systemConfiguration.version &+ alerts.version &+ clouds.version &+ virtualServices.version
    }
    /// Changes when certificate rows may change: the certificates, or what says where each is
    /// used (the system configuration, the virtual services). A new alert leaves it alone.
    public var certificatesVersion: Int { certificates.version &+ systemConfiguration.version &+ virtualServices.version }
    /// Changes when Service Engine or secure-channel rows may change: the SEs, the mappings, the
    /// clouds (SE rows name theirs) and the controller nodes (mappings are named after them).
    public var enginesVersion: Int {
        serviceEngines.version &+ secureChannel.version &+ clouds.version &+ clusterRuntime.version &+ clusterConfig.version
    }
    /// Derived once per publication, never per frame.
    public private(set) var certificateUsage = CertificateUsage.empty

    public init(connection: ConnectionInfo) { self.connection = connection }

    /// Recomputes what is derived from several resources.
    public mutating func deriveIndexes() {
        certificateUsage = CertificateUsage(systemConfiguration: systemConfiguration.value, virtualServices: virtualServices.value ?? [])
    }

    /// Objects the controller sent that could not be used, with the resource they belong to:
    /// the Requests screen and `status --json` show each with its problem.
    public var unusableObjects: [(resource: String, item: UnusableItem)] {
        let lists: [(String, [UnusableItem])] = [
            ("service engines", serviceEngines.unusable), ("secure channel", secureChannel.unusable),
            ("certificates", certificates.unusable), ("alerts", alerts.unusable), ("clouds", clouds.unusable),
            ("virtual services", virtualServices.unusable),
        ]
        return lists.flatMap { name, items in items.map { (name, $0) } }
    }

    /// Every resource's name with its state, for headers, `status` and `doctor`.
    public var resourceStates: [ResourceState] {
        [
            ResourceState(name: "cluster", fetchedAt: clusterRuntime.fetchedAt, failure: clusterRuntime.failure ?? clusterConfig.failure,
                          nextAttempt: clusterRuntime.nextAttempt ?? clusterConfig.nextAttempt),
            ResourceState("service engines", serviceEngines),
            ResourceState("secure channel", secureChannel),
            ResourceState("certificates", certificates),
            ResourceState("system configuration", systemConfiguration),
            ResourceState("alerts", alerts),
            ResourceState("clouds", clouds),
            ResourceState("virtual services", virtualServices),
        ]
    }
}

/// One resource's freshness and failure, whatever its value type.
public struct ResourceState: Sendable {
    public var name: String
    public var fetchedAt: Date?
    public var failure: AviError?
    public var nextAttempt: Date?

    public init<Value>(_ name: String, _ resource: Resource<Value>) {
        self.init(name: name, fetchedAt: resource.fetchedAt, failure: resource.failure, nextAttempt: resource.nextAttempt)
    }

    public init(name: String, fetchedAt: Date?, failure: AviError?, nextAttempt: Date?) {
        self.name = name
        self.fetchedAt = fetchedAt
        self.failure = failure
        self.nextAttempt = nextAttempt
    }

    /// The failure as an operator reads it.
    public var error: String? { failure?.description }
}
