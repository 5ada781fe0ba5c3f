import AviAPI
import Foundation

/// One fetched resource inside a snapshot: the last good value, when it was fetched,
/// and — when the last attempt failed — why (a typed `AviError`), and when the next attempt is due.
public struct Resource<Value: Sendable>: Sendable {
    public var value: Value?
    public var fetchedAt: Date?
    /// Why the last attempt failed; nil after a success. Decisions use its cases, never its wording.
    public var failure: AviError?
    public var failedAt: Date?
    public var nextAttempt: Date?
    /// Requests the last fetch took (paging).
    public var requests: Int

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

    /// A success: the value replaces the old one and the error clears.
    public func succeeded(_ value: Value, at date: Date, requests: Int, next: Date?) -> Resource {
        Resource(value: value, fetchedAt: date, failure: nil, failedAt: nil, nextAttempt: next, requests: requests)
    }

    /// A failure keeps the last good value, so the screen shows stale data with its age.
    public func failed(_ error: AviError, at date: Date, retryAt: Date?) -> Resource {
        Resource(value: value, fetchedAt: fetchedAt, failure: error, failedAt: date, nextAttempt: retryAt, requests: requests)
    }
}
