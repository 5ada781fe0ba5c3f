import Foundation

/// One API call the console made, for the Requests screen: proof that read-only means read-only.
public struct RequestRecord: Sendable {
    public var time: Date
    public var method: HTTPMethod
    public var host: String
    public var path: String
    /// The HTTP status, or nil when no answer came (an error or a refusal).
    public var status: Int?
    public var duration: TimeInterval
    public var bytes: Int
    /// Why no status: a transport error, or "refused by the write guard".
    public var note: String?
    /// True when the write guard stopped it before a byte was sent.
    public var refused: Bool
}

/// A bounded, thread-safe log of the newest requests plus totals.
public final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var ring: [RequestRecord] = []
    private var next = 0
    /// How many records are kept; older ones drop off (the totals keep counting).
    public let capacity: Int
    /// The console's default: enough for several minutes of refreshes at any scale.
    public static let defaultCapacity = 2000
    private var totals = (requests: 0, mutating: 0, refused: 0, bytes: 0)

    public init(capacity: Int = RequestLog.defaultCapacity) { self.capacity = capacity }

    public func append(_ record: RequestRecord) {
        lock.lock()
        defer { lock.unlock() }
        if ring.count < capacity { ring.append(record) } else { ring[next] = record }
        next = (next + 1) % capacity
        if record.refused { totals.refused += 1 } else {
            totals.requests += 1
            if record.method.isMutating { totals.mutating += 1 }
        }
        totals.bytes += record.bytes
    }

    /// Oldest first.
    public func snapshot() -> [RequestRecord] {
        lock.lock()
        defer { lock.unlock() }
        if ring.count < capacity { return ring }
        return Array(ring[next...] + ring[..<next])
    }

    /// Requests sent, mutating requests sent, requests refused, body bytes received.
    public var counts: (sent: Int, mutating: Int, refused: Int, bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (totals.requests, totals.mutating, totals.refused, totals.bytes)
    }

}
