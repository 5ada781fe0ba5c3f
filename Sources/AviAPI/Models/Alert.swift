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
        name = c.lenient(String.self, forKey: .name)
        level = c.lenient(AlertLevel.self, forKey: .level) ?? AlertLevel(rawValue: "")
        state = c.lenient(String.self, forKey: .state)
        summary = c.lenient(String.self, forKey: .summary)
        reason = c.lenient(String.self, forKey: .reason)
        description = c.lenient(String.self, forKey: .description)
        objUUID = c.lenient(String.self, forKey: .objUUID)
        objName = c.lenient(String.self, forKey: .objName)
        timestamp = c.lenient(Double.self, forKey: .timestamp)
        events = c.lenient([AlertEvent].self, forKey: .events)
    }

    public var date: Date? { timestamp.map { Date(timeIntervalSince1970: $0) } }
}

public struct AlertEvent: Codable, Sendable {
    public var eventID: String?
    public var module: String?
    public var objType: String?
    enum CodingKeys: String, CodingKey { case eventID = "event_id", module, objType = "obj_type" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        eventID = c.lenient(String.self, forKey: .eventID)
        module = c.lenient(String.self, forKey: .module)
        objType = c.lenient(String.self, forKey: .objType)
    }
}

/// An alert's identity only (`fields=timestamp`): for change probes and pruning.
public struct AlertStamp: Decodable, Sendable {
    public var uuid: String
    public var timestamp: Double?
    enum CodingKeys: String, CodingKey { case uuid, timestamp }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decode(String.self, forKey: .uuid)
        timestamp = try? c.decodeIfPresent(Double.self, forKey: .timestamp)
    }
}
