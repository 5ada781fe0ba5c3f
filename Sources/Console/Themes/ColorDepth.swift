/// How many colours a terminal can show; ordered from fewest to most.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    /// No colour: attributes only (also what `NO_COLOR` asks for).
    case mono = 0
    case ansi8 = 8
    case ansi16 = 16
    case indexed256 = 256

    /// The depth for a terminal reporting `colors` colours (ncurses `COLORS`).
    public init(colors: Int) {
        switch colors {
        case 256...: self = .indexed256
        case 16...: self = .ansi16
        case 8...: self = .ansi8
        default: self = .mono
        }
    }

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .mono: return "mono"
        case .ansi8: return "8 colours"
        case .ansi16: return "16 colours"
        case .indexed256: return "256 colours"
        }
    }
}
