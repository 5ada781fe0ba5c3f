import Foundation

/// A threshold in the Nagios plugin guidelines' range syntax:
/// `10` alerts outside 0…10, `10:` below 10, `~:10` above 10, `10:20` outside 10…20,
/// `@10:20` inside 10…20.
public struct ThresholdRange: Sendable, Equatable, CustomStringConvertible {
    public var low: Double?      // nil = -infinity (`~`)
    public var high: Double?     // nil = +infinity
    public var inside: Bool      // `@`: alert when inside the range
    public let description: String

    public init(low: Double?, high: Double?, inside: Bool = false) {
        self.low = low
        self.high = high
        self.inside = inside
        let lowText = low.map(PerfDatum.number) ?? "~"
        let text: String
        if high == nil { text = "\(lowText):" }
        else if low == 0 && !inside { text = PerfDatum.number(high ?? 0) }
        else { text = "\(lowText):\(PerfDatum.number(high ?? 0))" }
        description = (inside ? "@" : "") + text
    }

    /// Alert when the value is above `limit` (the range `0:limit`, written `limit`).
    public static func above(_ limit: Double) -> ThresholdRange { ThresholdRange(low: 0, high: limit) }

    /// Parses the guidelines' syntax; nil when the text is not a range.
    public init?(parsing text: String) {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var inside = false
        if body.hasPrefix("@") {
            inside = true
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        func number(_ part: Substring) -> Double? {
            guard let value = Double(part), value.isFinite else { return nil }
            return value
        }
        if let colon = body.firstIndex(of: ":") {
            let lowText = body[..<colon], highText = body[body.index(after: colon)...]
            let low: Double?
            if lowText == "~" { low = nil } else if lowText.isEmpty { low = 0 } else {
                guard let value = number(lowText) else { return nil }
                low = value
            }
            let high: Double?
            if highText.isEmpty { high = nil } else {
                guard let value = number(highText) else { return nil }
                high = value
            }
            if let low, let high, low > high { return nil }
            self.init(low: low, high: high, inside: inside)
        } else {
            guard let high = number(body), high >= 0 else { return nil }
            self.init(low: 0, high: high, inside: inside)
        }
    }

    /// Whether `value` should raise the alert this range stands for.
    public func alerts(_ value: Double) -> Bool {
        let inRange = (low.map { value >= $0 } ?? true) && (high.map { value <= $0 } ?? true)
        return inside ? inRange : !inRange
    }
}
