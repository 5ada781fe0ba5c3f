import AviAPI
import Foundation

/// Remembers, per collection, the change marker of its last full read, so a cycle can ask
/// one small question ("anything new?") instead of reading thousands of objects again.
/// A full read still happens after `maxAge`, in case a controller does not sort by
/// `_last_modified` the way the marker assumes.
struct ChangeGuard: Sendable {
    private var known: [String: (marker: ChangeMarker, readAt: Date)] = [:]

    /// True when the last full read of `path` is still current by `marker` and younger than `maxAge`.
    func isCurrent(_ path: String, marker: ChangeMarker, now: Date, maxAge: TimeInterval) -> Bool {
        guard let entry = known[path] else { return false }
        return entry.marker == marker && now.timeIntervalSince(entry.readAt) < maxAge
    }

    /// Records a full read made after `marker` was taken: a change in between moves the
    /// marker again, so the next cycle reads once more (never a missed change).
    mutating func record(_ path: String, marker: ChangeMarker, at date: Date) {
        known[path] = (marker, date)
    }

    mutating func forgetAll() { known.removeAll() }
}
