/// A monitoring-plugin state (Nagios plugin guidelines): each maps to the exit status
/// that Nagios, Icinga, Zabbix and Sensu read.
public enum PluginStatus: Int32, Sendable, Comparable, CaseIterable {
    case ok = 0
    case warning = 1
    case critical = 2
    case unknown = 3

    public var exitCode: Int32 { rawValue }

    /// The word in the status line: `OK`, `WARNING`, `CRITICAL`, `UNKNOWN`.
    public var label: String {
        switch self {
        case .ok: return "OK"
        case .warning: return "WARNING"
        case .critical: return "CRITICAL"
        case .unknown: return "UNKNOWN"
        }
    }

    /// Ordered by exit code, so the worse of two results is their maximum.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
