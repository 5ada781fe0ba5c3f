import Foundation

/// How often each group of resources is read (DESIGN.md: alerts 2 s, cluster and tunnels 5 s,
/// certificates 60 s), and how a failing resource backs off.
public struct RefreshCadence: Sendable, Equatable {
    public var alerts: TimeInterval
    public var cluster: TimeInterval
    public var certificates: TimeInterval
    /// At most this often, when the controller holds fewer alerts than we do, a uuid-only read
    /// of every alert forgets the removed ones (the short cycle reads only what is new).
    public var allAlerts: TimeInterval
    /// The longest wait between retries of a failing resource (a few minutes).
    public var maxBackoff: TimeInterval
    /// How often a resource the user may not read (403) is asked again.
    public var forbidden: TimeInterval
    /// Service Engines with their runtime. Runtime has no change marker, so this is a real
    /// read of every SE; a changed mapping brings it forward.
    public var serviceEngines: TimeInterval
    /// Certificates and virtual services are read again when their change marker moves
    /// (checked at the certificates cadence), and at the latest after this long.
    public var unchangedCertificates: TimeInterval
    /// The same for the secure-channel mappings (checked at the cluster cadence; small with `fields=`).
    public var unchangedMappings: TimeInterval

    public init(alerts: TimeInterval = 2, cluster: TimeInterval = 5, certificates: TimeInterval = 60,
                allAlerts: TimeInterval = 300, maxBackoff: TimeInterval = 180, forbidden: TimeInterval = 600,
                serviceEngines: TimeInterval = 15, unchangedCertificates: TimeInterval = 1800, unchangedMappings: TimeInterval = 60) {
        self.alerts = alerts
        self.cluster = cluster
        self.certificates = certificates
        self.allAlerts = allAlerts
        self.maxBackoff = maxBackoff
        self.forbidden = forbidden
        self.serviceEngines = serviceEngines
        self.unchangedCertificates = unchangedCertificates
        self.unchangedMappings = unchangedMappings
    }

    /// The wait before the next read of a resource read every `base` seconds, after `failures`
    /// failures in a row: `base` while it works, then doubling (2×, 4×, …) up to `maxBackoff`
    /// — never sooner than `base`. A resource the user may not read waits `forbidden`.
    public func delay(base: TimeInterval, failures: Int, forbidden isForbidden: Bool = false) -> TimeInterval {
        if isForbidden { return max(base, forbidden) }
        guard failures > 0 else { return base }
        return min(max(base, maxBackoff), base * pow(2, Double(min(failures, 20))))
    }

    /// The fleet poller's whole-cluster retry: `base` after the first failure, doubling with
    /// each further one, capped at `maxBackoff`.
    public func retryDelay(base: TimeInterval, failures: Int) -> TimeInterval {
        guard failures > 0 else { return base }
        return min(maxBackoff, max(2, base) * pow(2, Double(min(failures - 1, 8))))
    }
}
