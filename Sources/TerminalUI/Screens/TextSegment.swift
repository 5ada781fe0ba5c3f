import Console
import AviAPI
import Foundation

/// A run of text with a theme role: summary lines are sequences of these,
/// so "2 expired" can be red next to plain text.
public struct TextSegment: Hashable, Sendable {
    public var text: String
    public var role: ThemeRole

    public init(_ text: String, _ role: ThemeRole = .normal) {
        self.text = text
        self.role = role
    }
}

extension Canvas {
    /// Draws segments left to right on the first row of `rect`, clipped;
    /// returns the columns used.
    @discardableResult
    public mutating func draw(segments: [TextSegment], in rect: Rect, styles: StyleSheet, base: Style? = nil) -> Int {
        guard rect.width > 0, rect.height > 0 else { return 0 }
        var x = rect.x
        for segment in segments {
            guard x < rect.maxX else { break }
            let style = base.map { $0.patched(with: styles[segment.role]) } ?? styles[segment.role]
            x += draw(segment.text, x: x, y: rect.y, style: style, clip: rect)
        }
        return x - rect.x
    }
}

/// Words used across screens: ages, times, yes/no.
enum Words {
    /// "4 s ago", "3 m ago"; "never" when there is no date.
    static func ago(_ date: Date?, now: Date) -> String {
        guard let date else { return "never" }
        return Durations.short(now.timeIntervalSince(date)) + " ago"
    }

    /// A controller date in UTC, `2027-06-11 04:44:28`.
    static func time(_ date: Date?) -> String {
        date.map(AviDate.controllerFormat) ?? ""
    }

    /// The date part only, `2027-06-11`.
    static func day(_ date: Date?) -> String {
        date.map { String(AviDate.controllerFormat($0).prefix(10)) } ?? ""
    }

    static func yesNo(_ value: Bool?) -> String {
        guard let value else { return "" }
        return value ? "yes" : "no"
    }

    /// `CLUSTER_UP_HA_ACTIVE` → `UP_HA_ACTIVE`; unknown values stay whole.
    static func short<E: OpenEnum>(_ value: E?, dropping prefix: String) -> String {
        value?.shortName(droppingPrefix: prefix) ?? ""
    }
}
