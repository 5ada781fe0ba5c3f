import Foundation

/// How often each group of resources is checked (DESIGN.md: alerts 2 s, cluster and tunnels 5 s, certificates 60 s),
/// and how long a collection whose change marker did not move may go without a full read.
public struct RefreshCadence: Sendable, Equatable {
    public var alerts: TimeInterval
    public var cluster: TimeInterval
    public var certificates: TimeInterval
    /// At most this often, when the controller holds fewer alerts than we do, a uuid-only read
    /// of every alert forgets the removed ones (the short cycle reads only what is new).
    public var allAlerts: TimeInterval
    /// The longest wait between retries of a failing resource.
    public var maxBackoff: TimeInterval
    /// Service Engines with their runtime. Runtime has no change marker, so this is a real
    /// read of every SE; a changed mapping brings it forward.
    public var serviceEngines: TimeInterval
    /// Certificates and virtual services are read again when their change marker moves
    /// (checked at the certificates cadence), and at the latest after this long.
    public var unchangedCertificates: TimeInterval
    /// The same for the secure-channel mappings (checked at the cluster cadence; small with `fields=`).
    public var unchangedMappings: TimeInterval

    public init(alerts: TimeInterval = 2, cluster: TimeInterval = 5, certificates: TimeInterval = 60,
                allAlerts: TimeInterval = 300, maxBackoff: TimeInterval = 30, serviceEngines: TimeInterval = 15,
                unchangedCertificates: TimeInterval = 1800, unchangedMappings: TimeInterval = 60) {
        self.alerts = alerts
        self.cluster = cluster
        self.certificates = certificates
        self.allAlerts = allAlerts
        self.maxBackoff = maxBackoff
        self.serviceEngines = serviceEngines
        self.unchangedCertificates = unchangedCertificates
        self.unchangedMappings = unchangedMappings
    }

    /// After `failures` failures in a row: the cadence doubled each time, capped.
    public func retryDelay(base: TimeInterval, failures: Int) -> TimeInterval {
        guard failures > 0 else { return base }
        return min(maxBackoff, max(2, base) * pow(2, Double(min(failures - 1, 8))))
    }
}
