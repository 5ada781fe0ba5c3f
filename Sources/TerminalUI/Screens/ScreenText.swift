import Console
import Foundation

/// Words shared by the screens: what an empty table says.
enum ScreenText {
    /// "loading certificates…", "could not read certificates: …", or "no certificates".
    static func empty<T>(_ resource: Resource<T>, noun: String, now: Date) -> String {
        if resource.value == nil {
            if let error = resource.error { return "could not read \(noun): \(error)" }
            return "loading \(noun)…"
        }
        return "no \(noun)"
    }

    /// What a count or verdict says while its resource has no value: "unknown", and why —
    /// never a zero or a verdict the data does not support (issue 9 item 13).
    static func unknown<T>(_ resource: Resource<T>) -> [TextSegment] {
        if let error = resource.error {
            return [TextSegment("unknown", .warning), TextSegment(" · ", .muted), TextSegment("could not read: \(error)", .error)]
        }
        return [TextSegment("unknown", .muted), TextSegment(" · ", .muted), TextSegment("not read yet", .muted)]
    }

    /// A screen's summary line while its resource has no value: " mappings unknown · …".
    static func unknownSummary<T>(_ resource: Resource<T>, noun: String) -> [TextSegment]? {
        guard resource.value == nil else { return nil }
        return [TextSegment(" \(noun) ", .normal)] + unknown(resource)
    }
}
