import Console

/// How bad a row is, for the default worst-first order of every list and
/// for sorting state columns (a failed tunnel before one that is merely
/// not authenticated yet, before an authenticated one).
public enum Severity: Int, Comparable, Hashable, Sendable, CaseIterable {
    /// Nothing to do.
    case ok = 0
    /// Not known, or informational (a LOW alert ranks here too).
    case unknown = 1
    /// Needs a look: within 30 days, not up yet, a MEDIUM alert.
    case warning = 2
    /// Act now: down, within 7 days, not yet valid, a HIGH alert.
    case critical = 3
    /// Already broken: a failed tunnel, an expired certificate.
    case failed = 4

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The severity a theme role stands for (the colour a cell already has).
    public init(role: ThemeRole?) {
        switch role {
        case .some(.expired): self = .failed
        case .some(.critical), .some(.error): self = .critical
        case .some(.warning): self = .warning
        default: self = .ok
        }
    }
}
