import Foundation

public struct AlertLevel: OpenEnum, Comparable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let low = Self(rawValue: "ALERT_LOW")
    public static let medium = Self(rawValue: "ALERT_MEDIUM")
    public static let high = Self(rawValue: "ALERT_HIGH")
    public static let known: [Self] = [.high, .medium, .low]
    public var short: String { shortName(droppingPrefix: "ALERT_") }
    /// Unknown levels rank between low and medium so they are neither hidden nor alarming.
    public var rank: Int { self == .high ? 3 : self == .medium ? 2 : self == .low ? 0 : 1 }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// `GET /api/alert`.
public struct Alert: Codable, Sendable {
    public var uuid: String
    public var name: String?
    public var level: AlertLevel
    public var state: String?
    public var summary: String?
    public var reason: String?
    public var description: String?
    public var objUUID: String?
    public var objName: String?
    /// Unix time in seconds.
    public var timestamp: Double?
    public var events: [AlertEvent]?

    enum CodingKeys: String, CodingKey {
        case uuid, name, level, state, summary, reason, description, objUUID = "obj_uuid", objName = "obj_name",
             timestamp, events
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decode(String.self, forKey: .uuid)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        level = try c.decodeIfPresent(AlertLevel.self, forKey: .level) ?? AlertLevel(rawValue: "")
        state = try c.decodeIfPresent(String.self, forKey: .state)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        objUUID = try c.decodeIfPresent(String.self, forKey: .objUUID)
        objName = try c.decodeIfPresent(String.self, forKey: .objName)
        timestamp = try c.decodeIfPresent(Double.self, forKey: .timestamp)
        events = try c.decodeIfPresent([AlertEvent].self, forKey: .events)
    }

    public var date: Date? { timestamp.map { Date(timeIntervalSince1970: $0) } }
}

public struct AlertEvent: Codable, Sendable {
    public var eventID: String?
    public var module: String?
    public var objType: String?
    enum CodingKeys: String, CodingKey { case eventID = "event_id", module, objType = "obj_type" }
}
