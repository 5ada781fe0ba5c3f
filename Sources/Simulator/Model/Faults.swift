import Foundation

/// Fault knobs that tests turn at runtime.
struct FaultState {
    var latency: TimeInterval = 0
    var malformedBodies = false
    var malformedPathPrefix: String?
    var connectionsToDrop = 0
    var staleWrites = 0
    /// While set and in the future, the API answers 503.
    var downUntil: Date?
    /// Set when a failover window is pending its leader change.
    var failoverPending = false

    func isDown(at now: Date) -> Bool {
        guard let downUntil else { return false }
        return now < downUntil
    }

    func malformedApplies(to path: String) -> Bool {
        guard malformedBodies else { return false }
        guard let prefix = malformedPathPrefix, !prefix.isEmpty else { return true }
        return path.hasPrefix(prefix)
    }

    /// A truncated, invalid JSON document that still claims to be JSON.
    static func mangle(_ body: [UInt8]) -> [UInt8] {
        guard body.count > 2 else { return Array("{\"count\": ".utf8) }
        return Array(body.prefix(max(1, body.count / 2))) + Array("\u{0}\",]".utf8)
    }
}
