import Foundation

/// How often each group of resources is read (DESIGN.md: alerts 2 s, cluster and tunnels 5 s, certificates 60 s).
public struct RefreshCadence: Sendable, Equatable {
    public var alerts: TimeInterval
    public var cluster: TimeInterval
    public var certificates: TimeInterval
    /// A full re-read of every alert (the short cycle reads only the newest page).
    public var allAlerts: TimeInterval
    /// The longest wait between retries of a failing resource.
    public var maxBackoff: TimeInterval

    public init(alerts: TimeInterval = 2, cluster: TimeInterval = 5, certificates: TimeInterval = 60,
                allAlerts: TimeInterval = 300, maxBackoff: TimeInterval = 30) {
        self.alerts = alerts
        self.cluster = cluster
        self.certificates = certificates
        self.allAlerts = allAlerts
        self.maxBackoff = maxBackoff
    }

    /// After `failures` failures in a row: the cadence doubled each time, capped.
    public func retryDelay(base: TimeInterval, failures: Int) -> TimeInterval {
        guard failures > 0 else { return base }
        return min(maxBackoff, max(2, base) * pow(2, Double(min(failures - 1, 8))))
    }
}
