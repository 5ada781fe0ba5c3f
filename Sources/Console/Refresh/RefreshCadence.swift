import Foundation

/// How often each group of resources is read (DESIGN.md: alerts 2 s, cluster and tunnels 5 s,
/// certificates 60 s), and how a failing resource backs off.
public struct RefreshCadence: Sendable, Equatable {
    public var alerts: TimeInterval
    public var cluster: TimeInterval
    public var certificates: TimeInterval
    /// A full re-read of every alert (the short cycle reads only the newest page), so that
    /// dismissed alerts disappear. 300 s: at 10,000 alerts a full read is about 50 requests.
    public var allAlerts: TimeInterval
    /// The longest wait between retries of a failing resource (a few minutes).
    public var maxBackoff: TimeInterval
    /// How often a resource the user may not read (403) is asked again.
    public var forbidden: TimeInterval

    public init(alerts: TimeInterval = 2, cluster: TimeInterval = 5, certificates: TimeInterval = 60,
                allAlerts: TimeInterval = 300, maxBackoff: TimeInterval = 180, forbidden: TimeInterval = 600) {
        self.alerts = alerts
        self.cluster = cluster
        self.certificates = certificates
        self.allAlerts = allAlerts
        self.maxBackoff = maxBackoff
        self.forbidden = forbidden
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
