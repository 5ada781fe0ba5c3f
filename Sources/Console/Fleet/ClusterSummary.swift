import AviAPI
import Foundation

/// What one fleet row shows about a cluster, and nothing more: made either from a few light
/// reads (`ClusterSummaryReader`) or from a full `Snapshot` (`init(_:now:)`), so the fleet
/// screen, `status --all` and `check --all` order clusters by the same facts.
/// Dates, not days: days left are computed when shown, against the clock of that moment.
public struct ClusterSummary: Sendable, Equatable {
    /// A certificate named with its expiry.
    public struct CertificateExpiry: Sendable, Equatable {
        public var name: String
        public var notAfter: Date?

        public init(name: String, notAfter: Date?) {
            self.name = name
            self.notAfter = notAfter
        }

        public func daysLeft(now: Date) -> Int? { notAfter.map { AviDate.daysLeft(until: $0, now: now) } }
    }

    /// The release from the login reply (`31.2.1`).
    public var controllerVersion: String?
    /// `cluster_state.state` verbatim (`CLUSTER_UP_HA_ACTIVE`); nil until read.
    public var clusterState: String?
    public var nodesActive: Int?
    public var nodesTotal: Int?
    public var hasQuorum: Bool?
    public var leader: String?
    public var serviceEnginesUp: Int?
    public var serviceEnginesTotal: Int?
    public var mappingsNotAuthenticated: Int?
    public var mappingsTotal: Int?
    /// The certificate the secure channel uses (`System-Default-Secure-Channel-Cert` when none is set).
    public var secureChannelCertificate: CertificateExpiry?
    /// The certificates that expire first (expired ones first), at most `soonestLimit`.
    public var soonestCertificates: [CertificateExpiry]
    public var alertsHigh: Int?
    /// Parts that could not be read on the last try, with why (the rest is still shown).
    public var partErrors: [String]

    public static let soonestLimit = 3

    public init(controllerVersion: String? = nil, clusterState: String? = nil, nodesActive: Int? = nil, nodesTotal: Int? = nil,
                hasQuorum: Bool? = nil, leader: String? = nil, serviceEnginesUp: Int? = nil, serviceEnginesTotal: Int? = nil,
                mappingsNotAuthenticated: Int? = nil, mappingsTotal: Int? = nil, secureChannelCertificate: CertificateExpiry? = nil,
                soonestCertificates: [CertificateExpiry] = [], alertsHigh: Int? = nil, partErrors: [String] = []) {
        self.controllerVersion = controllerVersion
        self.clusterState = clusterState
        self.nodesActive = nodesActive
        self.nodesTotal = nodesTotal
        self.hasQuorum = hasQuorum
        self.leader = leader
        self.serviceEnginesUp = serviceEnginesUp
        self.serviceEnginesTotal = serviceEnginesTotal
        self.mappingsNotAuthenticated = mappingsNotAuthenticated
        self.mappingsTotal = mappingsTotal
        self.secureChannelCertificate = secureChannelCertificate
        self.soonestCertificates = soonestCertificates
        self.alertsHigh = alertsHigh
        self.partErrors = partErrors
    }

    /// SEs not up, when known.
    public var serviceEnginesDown: Int? {
        guard let up = serviceEnginesUp, let total = serviceEnginesTotal else { return nil }
        return max(0, total - up)
    }

    /// The same facts from a full snapshot (what `status --all` and the exporter read).
    public init(_ snapshot: Snapshot, now: Date) {
        let overview = OverviewSummary(snapshot, now: now)
        self.init(controllerVersion: snapshot.connection.controllerVersion)
        if snapshot.clusterRuntime.value != nil {
            clusterState = snapshot.clusterRuntime.value?.clusterState?.state?.rawValue
            nodesActive = overview.nodesActive
            nodesTotal = overview.nodesTotal
            hasQuorum = overview.hasQuorum
            leader = overview.leader
        }
        if let engines = snapshot.serviceEngines.value {
            serviceEnginesUp = overview.serviceEnginesUp
            serviceEnginesTotal = engines.count
        }
        if snapshot.secureChannel.value != nil {
            mappingsNotAuthenticated = overview.mappingsNotAuthenticated
            mappingsTotal = overview.mappingsTotal
        }
        if let certificates = snapshot.certificates.value {
            if let inUse = certificates.first(where: snapshot.certificateUsage.isSecureChannel) {
                secureChannelCertificate = CertificateExpiry(name: inUse.name, notAfter: inUse.notAfter)
            }
            soonestCertificates = Self.soonest(certificates.map { CertificateExpiry(name: $0.name, notAfter: $0.notAfter) })
        }
        if let levels = overview.alertsByLevel { alertsHigh = levels[.high] ?? 0 }
        partErrors = snapshot.resourceStates.compactMap { state in state.error.map { "\(state.name): \($0)" } }
    }

    /// The certificate a controller uses when the system configuration names none.
    public static let defaultSecureChannelName = "System-Default-Secure-Channel-Cert"

    /// Soonest expiry first; certificates without a date (pending CSRs) never count.
    static func soonest(_ all: [CertificateExpiry]) -> [CertificateExpiry] {
        let dated = all.filter { $0.notAfter != nil }
        return Array(dated.sorted { ($0.notAfter ?? .distantFuture, $0.name) < ($1.notAfter ?? .distantFuture, $1.name) }
            .prefix(soonestLimit))
    }
}
