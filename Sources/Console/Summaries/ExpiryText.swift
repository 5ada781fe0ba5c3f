import Foundation

/// Words for the distance between now and a certificate's not-after date, following the real
/// distance rounded down, as every other age on screen: seconds under a minute, minutes under
/// an hour, hours under a day, whole days beyond. A certificate that expired five hours ago
/// "expired 5 h ago" — never "1 d ago", which the signed day count (`days_left`, rounded
/// towards the past) would suggest. Used by `check`, `status`, `rotate`, the wizard and the screens.
public enum ExpiryText {
    /// "42 s", "5 min", "5 h", "12 d": the absolute distance, rounded down.
    public static func distance(_ seconds: TimeInterval) -> String {
        let s = Int(abs(seconds).rounded(.down))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min" }
        if s < 86_400 { return "\(s / 3600) h" }
        return "\(s / 86_400) d"
    }

    /// "expired 5 h ago" or "expires in 12 d".
    public static func relative(notAfter: Date, now: Date) -> String {
        let seconds = notAfter.timeIntervalSince(now)
        return seconds < 0 ? "expired \(distance(seconds)) ago" : "expires in \(distance(seconds))"
    }

    /// "expired 5 h ago" or "12 d left" — for a line that already names the certificate.
    public static func left(notAfter: Date, now: Date) -> String {
        let seconds = notAfter.timeIntervalSince(now)
        return seconds < 0 ? "expired \(distance(seconds)) ago" : "\(distance(seconds)) left"
    }

    /// "5 h ago" or "12 d": the compact form for lists of names.
    public static func short(notAfter: Date, now: Date) -> String {
        let seconds = notAfter.timeIntervalSince(now)
        return seconds < 0 ? "\(distance(seconds)) ago" : distance(seconds)
    }
}
