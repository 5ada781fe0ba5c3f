/// The console's screens, in tab order; the number keys 1–7 pick them.
public enum ScreenID: Int, CaseIterable, Hashable, Sendable {
    case overview = 1
    case cluster
    case serviceEngines
    case secureChannel
    case certificates
    case alerts
    case requests

    /// The tab title.
    public var title: String {
        switch self {
        case .overview: return "Overview"
        case .cluster: return "Cluster"
        case .serviceEngines: return "Service Engines"
        case .secureChannel: return "Secure Channel"
        case .certificates: return "Certificates"
        case .alerts: return "Alerts"
        case .requests: return "Requests"
        }
    }

    /// A shorter title for narrow terminals.
    public var shortTitle: String {
        switch self {
        case .serviceEngines: return "SEs"
        case .secureChannel: return "Tunnels"
        case .certificates: return "Certs"
        default: return title
        }
    }

    /// The key that jumps here: `1` … `7`.
    public var numberKey: Character { Character(String(rawValue)) }

    /// `:` commands that open this screen; the first is the canonical one.
    public var commands: [String] {
        switch self {
        case .overview: return ["overview", "ov", "home"]
        case .cluster: return ["cluster", "nodes"]
        case .serviceEngines: return ["se", "ses", "serviceengines", "engines"]
        case .secureChannel: return ["tunnels", "sc", "securechannel", "mappings"]
        case .certificates: return ["certs", "certificates", "cert"]
        case .alerts: return ["alerts", "alert"]
        case .requests: return ["requests", "req", "api"]
        }
    }

    /// The screen after this one, wrapping (Tab).
    public var next: ScreenID { ScreenID(rawValue: rawValue % ScreenID.allCases.count + 1) ?? .overview }

    /// The screen before this one, wrapping (Shift-Tab).
    public var previous: ScreenID {
        ScreenID(rawValue: (rawValue + ScreenID.allCases.count - 2) % ScreenID.allCases.count + 1) ?? .overview
    }

    /// Whether the screen's body is a table (sort, filter, details apply).
    public var hasTable: Bool { self != .overview }
}
