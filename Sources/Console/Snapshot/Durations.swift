import Foundation

/// "4 s", "3 m", "2 h", "5 d" — ages and intervals for narrow headers.
public enum Durations {
    public static func short(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds.rounded(.down)))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) m" }
        if s < 86_400 { return "\(s / 3600) h" }
        return "\(s / 86_400) d"
    }
}
