import Console
import Foundation

/// What the status line says when data is failing or stale: which resource,
/// why, how old the data on screen is, and when the next attempt is due.
/// The screen never freezes: it keeps the last data and says so.
public enum DataHealth {
    /// Data older than this without a pending retry is called stale.
    static let staleAfter: TimeInterval = 90

    public static func problem(_ snapshot: Snapshot, now: Date, paused: Bool) -> String? {
        let states = snapshot.resourceStates
        let failing = states.filter { $0.error != nil }
        if let first = failing.first {
            let age = first.fetchedAt.map { "showing data from \(Durations.short(now.timeIntervalSince($0))) ago" } ?? "no data yet"
            let retry = paused ? "paused" : first.nextAttempt.map { retryText($0, now: now) } ?? "retrying"
            let more = failing.count > 1 ? " (+\(failing.count - 1) more)" : ""
            let error = first.error ?? ""
            if failing.count == states.count, looksLikeLeaderChange(error) {
                return "leader change in progress — \(age), \(retry)"
            }
            return "\(first.name)\(more): \(error) — \(age), \(retry)"
        }
        if !paused, let oldest = states.compactMap({ state in state.fetchedAt.map { (state.name, $0) } }).min(by: { $0.1 < $1.1 }),
           now.timeIntervalSince(oldest.1) > staleAfter {
            return "\(oldest.0) is stale: last read \(Durations.short(now.timeIntervalSince(oldest.1))) ago"
        }
        return nil
    }

    static func retryText(_ next: Date, now: Date) -> String {
        let seconds = next.timeIntervalSince(now)
        return seconds <= 0 ? "retrying now" : "retrying in \(Durations.short(seconds.rounded(.up)))"
    }

    /// The API answers 503 or not at all while a new leader takes over (2–3 minutes).
    static func looksLikeLeaderChange(_ error: String) -> Bool {
        error.contains("leader change") || error.contains("cannot reach") || error.contains("connection") || error.contains("did not answer")
    }
}
