import AviAPI
import Foundation

/// Which alerts `avitui alerts` prints: at or above a level (`--level medium` shows medium
/// and high, as `journalctl -p` does), and not older than `--since`.
public struct AlertFilter: Sendable {
    public var minimumLevel: AlertLevel?
    public var since: Date?

    public init(minimumLevel: AlertLevel? = nil, since: Date? = nil) {
        self.minimumLevel = minimumLevel
        self.since = since
    }

    /// `high`, `medium`, `low` (any case, with or without the `ALERT_` prefix).
    public static func level(named name: String) -> AlertLevel? {
        let upper = name.uppercased()
        let raw = upper.hasPrefix("ALERT_") ? upper : "ALERT_" + upper
        return AlertLevel.known.first { $0.rawValue == raw }
    }

    public func accepts(_ alert: Alert) -> Bool {
        if let minimumLevel, alert.level.rank < minimumLevel.rank { return false }
        if let since {
            // An alert without a time cannot be placed; it is shown only when no --since was asked.
            guard let date = alert.date, date >= since else { return false }
        }
        return true
    }

    /// Matching alerts, oldest first — the order of a log, newest last.
    public func select(_ alerts: [Alert]) -> [Alert] {
        AlertOrder.oldestFirst(alerts.filter(accepts))
    }
}

/// The order lines are printed in: by time, oldest first; ties by uuid so output is stable.
public enum AlertOrder {
    public static func oldestFirst(_ alerts: [Alert]) -> [Alert] {
        alerts.sorted { ($0.timestamp ?? 0, $0.uuid) < ($1.timestamp ?? 0, $1.uuid) }
    }
}
