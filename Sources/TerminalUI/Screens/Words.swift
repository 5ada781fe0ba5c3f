import AviAPI
import Console
import Foundation

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

    /// A count with thousands separators, as operators read it: `2,000`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
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
