import AviAPI
import Foundation

/// Where the mapping watch of step 7 stands, for a live display.
public struct MappingProgress: Sendable, Equatable {
    public let elapsed: TimeInterval
    public let timeout: TimeInterval
    /// Judged mappings (authenticated before the change) that are authenticated now.
    public let authenticated: Int
    /// Mappings judged: those authenticated before the change (all of them when no baseline was taken).
    public let judged: Int
    /// Mappings that were not authenticated before the change: shown, not counted.
    public let notAuthenticatedBefore: Int

    public init(elapsed: TimeInterval, timeout: TimeInterval, authenticated: Int, judged: Int, notAuthenticatedBefore: Int) {
        self.elapsed = elapsed
        self.timeout = timeout
        self.authenticated = authenticated
        self.judged = judged
        self.notAuthenticatedBefore = notAuthenticatedBefore
    }

    public var summary: String {
        "watching the secure-channel mappings: \(Int(elapsed.rounded())) s of \(Int(timeout.rounded())) s — \(authenticated)/\(judged) authenticated"
            + (notAuthenticatedBefore == 0 ? "" : " (\(notAuthenticatedBefore) not authenticated before the change, not counted)")
    }
}

/// How the secure-channel mappings behaved after the change (step 7), judged against the
/// mappings that were authenticated before it: one that was already down cannot be blamed on
/// the new certificate, and would otherwise keep the watch from ever settling.
public struct MappingWatch: Sendable {
    public enum End: String, Sendable {
        /// Every judged mapping reached a final status, twice in a row.
        case settled
        /// The timeout passed first.
        case timedOut = "timed out"
        /// The operator stopped the watch.
        case interrupted
        /// The mappings could not be read.
        case unreadable
    }
    public let end: End
    public let polls: Int
    public let elapsed: TimeInterval
    /// Status short name → number of judged mappings, at the last poll.
    public let statusCounts: [String: Int]
    /// Judged mappings not authenticated at the last reading (`name (ip) STATUS`): they did not come back.
    public let failed: [String]
    public let error: String?
    /// Mappings not authenticated before the change (`name ip STATUS`), reported apart.
    public var notAuthenticatedBefore: [String] = []

    public var settledCleanly: Bool { end == .settled && failed.isEmpty }

    public var summary: String {
        let counts = statusCounts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let main: String
        switch end {
        case .settled:
            main = "settled after \(Int(elapsed.rounded())) s (\(polls) readings): \(counts)" + (failed.isEmpty ? "" : " — did not come back: \(failed.joined(separator: ", "))")
        case .timedOut:
            main = "did not settle within \(Int(elapsed.rounded())) s (\(counts))" + (failed.isEmpty ? "" : " — not back: \(failed.joined(separator: ", "))") + " — keep watching the Secure channel screen"
        case .interrupted:
            main = "watch stopped by the operator after \(Int(elapsed.rounded())) s (\(counts)): whether they came back is unknown — the change stays applied; keep watching the Secure channel screen"
        case .unreadable:
            return "could not be read: \(error ?? "unknown error")"
        }
        return main + beforeNote
    }

    /// The mappings left out of the judgement, named (a few) and counted.
    var beforeNote: String {
        guard !notAuthenticatedBefore.isEmpty else { return "" }
        let shown = notAuthenticatedBefore.prefix(3).joined(separator: ", ") + (notAuthenticatedBefore.count > 3 ? ", …" : "")
        return "; \(notAuthenticatedBefore.count) not authenticated before the change, not counted: \(shown)"
    }
}

/// Step 7: what reading back showed.
public struct VerificationReport: Sendable {
    /// Nil when the configuration could not be read back.
    public let pointsAtTarget: Bool?
    public let readBackRefs: [String]
    public let mappings: MappingWatch
    /// Nil when the comparison could not be made.
    public let defaultUnchanged: Bool?
    public let defaultDetail: String

    public var passed: Bool { pointsAtTarget == true && defaultUnchanged == true && mappings.settledCleanly }
}
