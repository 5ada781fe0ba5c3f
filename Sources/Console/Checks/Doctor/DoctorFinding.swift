/// One line of `avitui doctor`: what was looked at, what was found, and — when it is not
/// OK — what to do about it.
public struct DoctorFinding: Sendable, Equatable {
    public enum Level: Int, Sendable, Comparable {
        /// Worth knowing, nothing wrong.
        case info
        case ok
        /// Works, but not as well as it could.
        case warning
        /// Broken: `doctor` exits non-zero.
        case failure

        public var label: String {
            switch self {
            case .info: return "INFO"
            case .ok: return "OK"
            case .warning: return "WARN"
            case .failure: return "FAIL"
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var level: Level
    public var topic: String
    public var detail: String
    public var fix: String?

    public init(_ level: Level, _ topic: String, _ detail: String, fix: String? = nil) {
        self.level = level
        self.topic = topic
        self.detail = detail
        self.fix = fix
    }
}

/// The printed report: one line per finding, the fix indented below it.
public enum DoctorReport {
    public static func render(_ findings: [DoctorFinding], color: Bool) -> String {
        let width = max(12, (findings.map(\.topic.count).max() ?? 0) + 1)
        var lines: [String] = []
        let painter = Painter(enabled: color)
        for finding in findings {
            let label = finding.level.label.padding(toLength: 5, withPad: " ", startingAt: 0)
            let painted: String
            switch finding.level {
            case .ok: painted = painter.good(label)
            case .warning: painted = painter.warn(label)
            case .failure: painted = painter.bad(label)
            default: painted = label
            }
            let topic = finding.topic.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("\(painted) \(topic) \(SafeText.sanitize(finding.detail))")
            if let fix = finding.fix { lines.append(String(repeating: " ", count: 6 + width + 1) + "fix: " + SafeText.sanitize(fix)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Non-zero when anything failed.
    public static func exitStatus(_ findings: [DoctorFinding]) -> Int32 {
        findings.contains { $0.level == .failure } ? 1 : 0
    }
}
