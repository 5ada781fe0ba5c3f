import Foundation

/// Date spellings used on the wire by the controller.
enum TimeFormat {
    static func formatter(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = format
        return f
    }

    private static let spaced = Locked(formatter("yyyy-MM-dd HH:mm:ss"))
    private static let cookie = Locked(formatter("EEE, dd-MMM-yyyy HH:mm:ss 'GMT'"))
    private static let http = Locked(formatter("EEE, dd MMM yyyy HH:mm:ss 'GMT'"))
    private static let iso = Locked(formatter("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'"))

    /// `2017-06-11 04:44:28` (UTC, no zone): certificates, cluster up_since.
    static func spaced(_ date: Date) -> String { spaced.withLock { $0.string(from: date) } }

    static func parseSpaced(_ text: String) -> Date? { spaced.withLock { $0.date(from: text) } }

    /// Cookie `expires=` attribute.
    static func cookieDate(_ date: Date) -> String { cookie.withLock { $0.string(from: date) } }

    /// HTTP `Date` header.
    static func httpDate(_ date: Date) -> String { http.withLock { $0.string(from: date) } }

    /// `current_time` of initial-data.
    static func isoMicro(_ date: Date) -> String { iso.withLock { $0.string(from: date) } }

    /// `_last_modified`: UNIX time in microseconds as a string.
    static func micros(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
}
