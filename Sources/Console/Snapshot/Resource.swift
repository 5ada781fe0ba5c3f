import AviAPI
import Foundation

/// One fetched resource inside a snapshot: the last good value, when it was fetched,
/// and — when the last attempt failed — why (a typed `AviError`), and when the next attempt is due.
public struct Resource<Value: Sendable>: Sendable {
    public var value: Value? { didSet { version = ResourceVersion.next() } }
    public var fetchedAt: Date?
    /// Why the last attempt failed; nil after a success. Decisions use its cases, never its wording.
    public var failure: AviError? { didSet { version = ResourceVersion.next() } }
    public var failedAt: Date?
    public var nextAttempt: Date?
    /// Requests the last fetch took (paging).
    public var requests: Int
    /// Objects of a collection that could not be decoded: shown with their problem, never dropped silently.
    public var unusable: [UnusableItem] = []
    /// A new number whenever what a screen derives from this resource may differ (a new value,
    /// an error appearing or clearing), and only then: caches key on it, not on every publication.
    /// Unique across resources, so a resource built afresh never repeats an older stamp.
    public internal(set) var version = ResourceVersion.next()

    public init(value: Value? = nil, fetchedAt: Date? = nil, failure: AviError? = nil, failedAt: Date? = nil,
                nextAttempt: Date? = nil, requests: Int = 0) {
        self.value = value
        self.fetchedAt = fetchedAt
        self.failure = failure
        self.failedAt = failedAt
        self.nextAttempt = nextAttempt
        self.requests = requests
    }

    /// The failure as an operator reads it.
    public var error: String? { failure?.description }

    /// Seconds since the last good fetch.
    public func age(now: Date) -> TimeInterval? { fetchedAt.map { now.timeIntervalSince($0) } }

    /// A success: the value replaces the old one and the error clears. `unusable` nil keeps
    /// the objects already known to be unusable (a probe that found nothing changed).
    /// `unchanged`: the value is the one already held (a probe found nothing new), so the version stays.
    public func succeeded(_ value: Value, at date: Date, requests: Int, next: Date?, unusable: [UnusableItem]? = nil,
                          unchanged: Bool = false) -> Resource {
        var resource = Resource(value: value, fetchedAt: date, failure: nil, failedAt: nil, nextAttempt: next, requests: requests)
        resource.unusable = unusable ?? self.unusable
        if unchanged && failure == nil && self.value != nil { resource.version = version }
        return resource
    }

    /// A failure keeps the last good value, so the screen shows stale data with its age.
    /// The same failure again keeps the version: nothing on screen changes but the age.
    public func failed(_ error: AviError, at date: Date, retryAt: Date?) -> Resource {
        var resource = Resource(value: value, fetchedAt: fetchedAt, failure: error, failedAt: date, nextAttempt: retryAt, requests: requests)
        resource.unusable = unusable
        if failure == error { resource.version = version }
        return resource
    }
}

/// Process-wide source of resource versions: every stamp is new, so equal stamps mean equal content.
enum ResourceVersion {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var last = 0

    static func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        last += 1
        return last
    }
}
