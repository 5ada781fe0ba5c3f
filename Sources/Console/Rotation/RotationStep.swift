/// The eight steps of the rotation (DESIGN.md "Rotation workflow"), in order.
public enum RotationStep: Int, Sendable, CaseIterable, Comparable {
    case current = 1, choose, validate, mustChecks, plan, confirm, verify, audit

    public var title: String {
        switch self {
        case .current: return "Current certificate"
        case .choose: return "Choose the new certificate"
        case .validate: return "Local validation"
        case .mustChecks: return "Must-checks"
        case .plan: return "Plan"
        case .confirm: return "Confirm and apply"
        case .verify: return "Verify"
        case .audit: return "Audit and rollback"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
