import AviAPI
import Console
import Foundation

/// How fresh the data on screen is, and what the status line says when it
/// is not: the important part first and short ("controller unreachable —
/// data 26 s old, retrying in 4 s"); the raw error goes to the Requests
/// screen. The screen never freezes: it keeps the last data and says so.
public enum DataHealth {
    /// Data older than this without a failure is called stale.
    static let staleAfter: TimeInterval = 90

    /// The header badge's level.
    public enum Level: Hashable, Sendable {
        case fresh
        /// Some resources fail (or are old): the values shown may be out of date.
        case stale
        /// Every resource fails: nothing on screen is current.
        case offline
    }

    public static func level(_ snapshot: Snapshot, now: Date) -> Level {
        let states = snapshot.resourceStates
        let failing = states.filter { $0.error != nil }
        if !failing.isEmpty { return failing.count == states.count ? .offline : .stale }
        if let oldest = states.compactMap(\.fetchedAt).min(), now.timeIntervalSince(oldest) > staleAfter { return .stale }
        return .fresh
    }

    /// The age of the freshest data: the header's "data N s". Certificates
    /// are read every minute, alerts every 2 s — the oldest would make a
    /// healthy console look a minute stale; a failing resource has its own badge.
    public static func freshestAge(_ snapshot: Snapshot, now: Date) -> TimeInterval? {
        snapshot.resourceStates.compactMap(\.fetchedAt).max().map { max(0, now.timeIntervalSince($0)) }
    }

    public static func problem(_ snapshot: Snapshot, now: Date, paused: Bool) -> String? {
        let states = snapshot.resourceStates
        let failing = states.filter { $0.error != nil }
        if let first = failing.first {
            let fetched = failing.compactMap(\.fetchedAt).min()
            let age = fetched.map { "data \(Durations.short(now.timeIntervalSince($0))) old" } ?? "no data yet"
            // A refused password stops every read, whichever resource met it first: never "retrying".
            if failing.contains(where: { $0.failure?.isCredentialRefusal == true }) {
                return "login refused — \(age); nothing is sent until a new password is given"
            }
            let retry = paused ? "paused (r reads once)" : failing.compactMap(\.nextAttempt).min().map { retryText($0, now: now) } ?? "retrying"
            if failing.count == states.count, let error = first.failure {
                let what = error.isServerRestarting ? "leader change in progress"
                    : looksUnreachable(error) ? "controller unreachable" : "every read fails"
                return "\(what) — \(age), \(retry) · 7 shows why"
            }
            if let denied = failing.first(where: { $0.failure?.isPermissionDenied == true }), failing.allSatisfy({ $0.failure?.isPermissionDenied == true }) {
                let more = failing.count > 1 ? " (+\(failing.count - 1) more)" : ""
                let again = paused ? "paused" : denied.nextAttempt.map { "asked again in \(Durations.short(max(0, $0.timeIntervalSince(now)).rounded(.up)))" } ?? "asked again later"
                return "no permission to read \(denied.name)\(more) (403) — \(again) · 7 shows why"
            }
            let more = failing.count > 1 ? " (+\(failing.count - 1) more)" : ""
            return "\(first.name)\(more) failing — \(age), \(retry) · 7 shows why"
        }
        let unusable = snapshot.unusableObjects
        if let first = unusable.first {
            let more = unusable.count > 1 ? " (+\(unusable.count - 1) more)" : ""
            return "\(first.resource): \(first.item.label) could not be read\(more) · 7 shows why"
        }
        if !paused, let oldest = states.compactMap({ state in state.fetchedAt.map { (state.name, $0) } }).min(by: { $0.1 < $1.1 }),
           now.timeIntervalSince(oldest.1) > staleAfter {
            return "\(oldest.0) is stale: last read \(Durations.short(now.timeIntervalSince(oldest.1))) ago"
        }
        return nil
    }

    /// The raw errors, for the Requests screen: `cluster: cannot reach …`, then every object
    /// the controller sent that could not be used, with its problem.
    public static func errors(_ snapshot: Snapshot) -> [String] {
        snapshot.resourceStates.compactMap { state in state.error.map { "\(state.name): \($0)" } }
            + snapshot.unusableObjects.map { "\($0.resource): \($0.item.label) could not be read: \($0.item.problem)" }
    }

    static func retryText(_ next: Date, now: Date) -> String {
        let seconds = next.timeIntervalSince(now)
        return seconds <= 0 ? "retrying now" : "retrying in \(Durations.short(seconds.rounded(.up)))"
    }

    /// The controller did not answer at all (address-level), as opposed to answering with an error:
    /// decided from the error's case, never from libcurl's wording.
    static func looksUnreachable(_ error: AviError) -> Bool { error.isUnreachable }
}
