import AviAPI
import Foundation

/// One fetched resource inside a snapshot: the last good value, when it was fetched,
/// and — when the last attempt failed — why, and when the next attempt is due.
public struct Resource<Value: Sendable>: Sendable {
    public var value: Value?
    public var fetchedAt: Date?
    public var error: String?
    public var failedAt: Date?
    public var nextAttempt: Date?
    /// Requests the last fetch took (paging).
    public var requests: Int
    /// Objects of a collection that could not be decoded: shown with their problem, never dropped silently.
    public var unusable: [UnusableItem] = []

    public init(value: Value? = nil, fetchedAt: Date? = nil, error: String? = nil, failedAt: Date? = nil,
                nextAttempt: Date? = nil, requests: Int = 0) {
        self.value = value
        self.fetchedAt = fetchedAt
        self.error = error
        self.failedAt = failedAt
        self.nextAttempt = nextAttempt
        self.requests = requests
    }

    /// Seconds since the last good fetch.
    public func age(now: Date) -> TimeInterval? { fetchedAt.map { now.timeIntervalSince($0) } }

    /// A success: the value replaces the old one and the error clears. `unusable` nil keeps
    /// the objects already known to be unusable (a probe that found nothing changed).
    public func succeeded(_ value: Value, at date: Date, requests: Int, next: Date?, unusable: [UnusableItem]? = nil) -> Resource {
        var resource = Resource(value: value, fetchedAt: date, error: nil, failedAt: nil, nextAttempt: next, requests: requests)
        resource.unusable = unusable ?? self.unusable
        return resource
    }

    /// A failure keeps the last good value, so the screen shows stale data with its age.
    public func failed(_ error: String, at date: Date, retryAt: Date) -> Resource {
        var resource = Resource(value: value, fetchedAt: fetchedAt, error: error, failedAt: date, nextAttempt: retryAt, requests: requests)
        resource.unusable = unusable
        return resource
    }
}
