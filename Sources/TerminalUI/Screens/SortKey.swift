import Foundation

/// What a column sorts by: numbers as numbers (days left, durations, IPs),
/// text without regard to case; empty cells always last.
public enum SortKey: Comparable, Sendable {
    case number(Double)
    case text(String)
    case missing

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
        case (.number, .text): return true
        case (.text, .number): return false
        case (.missing, _): return false
        case (_, .missing): return true
        }
    }
}
