import AviAPI
import Foundation

/// How the secure-channel mappings behaved after the change (step 7).
public struct MappingWatch: Sendable {
    public enum End: String, Sendable {
        /// Every mapping reached a final status, twice in a row.
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
    /// Status short name → number of mappings, at the last poll.
    public let statusCounts: [String: Int]
    /// Mappings with an explicit failure (`name ip`).
    public let failed: [String]
    public let error: String?

    public var settledCleanly: Bool { end == .settled && failed.isEmpty }

    public var summary: String {
        let counts = statusCounts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        switch end {
        case .settled:
            return "settled after \(Int(elapsed.rounded())) s: \(counts)" + (failed.isEmpty ? "" : " — FAILED: \(failed.joined(separator: ", "))")
        case .timedOut:
            return "did not settle within \(Int(elapsed.rounded())) s (\(counts)) — keep watching the Secure channel screen"
        case .interrupted:
            return "watch stopped by the operator after \(Int(elapsed.rounded())) s (\(counts))"
        case .unreadable:
            return "could not be read: \(error ?? "unknown error")"
        }
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
