import AviAPI
import Foundation

/// One alert as one line: `2027-06-11T04:44:28Z HIGH   se-03: Service Engine down`,
/// or as one JSON object per line with `--json`. Controller strings are made safe and
/// can never break the line.
public enum AlertLine {
    public static func text(_ alert: Alert) -> String {
        let time = alert.date.map(AviDate.rfc3339) ?? "-"
        let level = SafeText.sanitize(alert.level.short.isEmpty ? "?" : alert.level.short)
        let object = SafeText.sanitize(alert.objName ?? alert.objUUID ?? "-")
        let summary = SafeText.sanitize(alert.summary ?? alert.reason ?? alert.name ?? "")
        return "\(time) \(level.padding(toLength: max(6, level.count), withPad: " ", startingAt: 0)) \(object): \(summary)"
    }

    /// The `--json` form: the keys of `status --json`'s alert entries, plus a few more.
    public struct Entry: Encodable, Sendable {
        public var uuid: String
        public var level: String
        public var time: String?
        public var timestamp: Double?
        public var object: String?
        public var objectUUID: String?
        public var summary: String?
        public var reason: String?
        public var state: String?
        public var eventID: String?

        enum CodingKeys: String, CodingKey {
            case uuid, level, time, timestamp, object, objectUUID = "object_uuid", summary, reason, state, eventID = "event_id"
        }

        public init(_ alert: Alert) {
            uuid = alert.uuid
            level = alert.level.rawValue
            time = alert.date.map(AviDate.rfc3339)
            timestamp = alert.timestamp
            object = alert.objName
            objectUUID = alert.objUUID
            summary = alert.summary
            reason = alert.reason
            state = alert.state
            eventID = alert.events?.first?.eventID
        }
    }

    /// Compact JSON; control, bidi and invisible characters are escaped (`JSONText`), so the
    /// line stays one line and nothing in it acts on the terminal.
    public static func json(_ alert: Alert) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(Entry(alert)) else { return "{\"uuid\":\"\(SafeText.sanitize(alert.uuid))\"}" }
        return JSONText.escapingUnsafe(String(decoding: data, as: UTF8.self))
    }
}
