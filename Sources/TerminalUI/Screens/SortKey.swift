import Foundation

/// What a column sorts by: numbers as numbers (days left, durations, IPs),
/// text without regard to case, states worst first; empty cells always last.
public enum SortKey: Comparable, Sendable {
    case number(Double)
    case text(String)
    /// A state ranked by severity (lower sorts first), then its text: `worstFirst`.
    case ranked(Double, String)
    case missing

    /// A state column: the worse the state, the earlier it sorts; equal
    /// severities alphabetically. So ascending puts a failed tunnel, a down SE,
    /// a HIGH alert first.
    public static func worstFirst(_ severity: Severity, _ text: String?) -> SortKey {
        .ranked(Double(-severity.rawValue), (text ?? "").lowercased())
    }

    /// Text compared case-insensitively; nil or empty is `missing`.
    public static func string(_ value: String?) -> SortKey {
        guard let value, !value.isEmpty else { return .missing }
        return .text(value.lowercased())
    }

    /// A number; nil is `missing`.
    public static func value<T: BinaryInteger>(_ value: T?) -> SortKey { value.map { .number(Double($0)) } ?? .missing }
    public static func value(_ value: Double?) -> SortKey { value.map { .number($0) } ?? .missing }
    public static func date(_ value: Date?) -> SortKey { value.map { .number($0.timeIntervalSince1970) } ?? .missing }

    /// An IPv4 address in numeric order (10.0.0.9 before 10.0.0.10); other text as text.
    public static func address(_ value: String?) -> SortKey {
        guard let value, !value.isEmpty else { return .missing }
        let parts = value.split(separator: ".")
        if parts.count == 4 {
            var number = 0.0
            for part in parts {
                guard let octet = UInt8(part) else { return .text(value) }
                number = number * 256 + Double(octet)
            }
            return .number(number)
        }
        return .text(value.lowercased())
    }

    public static func < (lhs: SortKey, rhs: SortKey) -> Bool {
        switch (lhs, rhs) {
        case let (.number(a), .number(b)): return a < b
        case let (.text(a), .text(b)): return a < b
        case let (.ranked(a, x), .ranked(b, y)): return (a, x) < (b, y)
        case (.number, .text), (.number, .ranked), (.text, .ranked): return true
        case (.text, .number), (.ranked, .number), (.ranked, .text): return false
        case (.missing, _): return false
        case (_, .missing): return true
        }
    }
}
