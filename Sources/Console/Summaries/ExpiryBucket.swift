import AviAPI
import Foundation

/// Where a certificate stands: expired, within 7 days, within 30 days, later — the
/// thresholds the controller itself alerts on (`ssl_certificate_expiry_warning_days` 30, 7, 1).
public enum ExpiryBucket: Int, Sendable, CaseIterable, Comparable {
    case expired, critical, warning, ok, unknown

    public init(daysLeft: Int?, warningDays: Int = 30, criticalDays: Int = 7) {
        guard let daysLeft else { self = .unknown; return }
        if daysLeft < 0 { self = .expired }
        else if daysLeft <= criticalDays { self = .critical }
        else if daysLeft <= warningDays { self = .warning }
        else { self = .ok }
    }

    public var label: String {
        switch self {
        case .expired: return "expired"
        case .critical: return "≤7 d"
        case .warning: return "≤30 d"
        case .ok: return "later"
        case .unknown: return "unknown"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
