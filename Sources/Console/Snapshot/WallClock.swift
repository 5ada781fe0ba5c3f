import Foundation

/// The time, injected so that ages, days left, cadence and back-off are testable without
/// sleeping: a clock that tells the time and also waits. Times are `Date`s because they are
/// shown (ages, "next retry"); waiting is on the same clock, so a test clock moves both.
public protocol WallClock: Sendable {
    func now() -> Date
    /// Returns at `deadline` by this clock; throws `CancellationError` when the task is cancelled.
    func sleep(until deadline: Date) async throws
}

extension WallClock {
    /// Real waiting on the monotonic clock (a wall-clock jump neither wakes nor delays it much).
    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSince(now())
        guard seconds > 0 else { return try Task.checkCancellation() }
        try await ContinuousClock().sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
    }

    public func sleep(for seconds: TimeInterval) async throws {
        try await sleep(until: now().addingTimeInterval(seconds))
    }
}

/// The real clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that stays where a test puts it; `sleep` waits until `advance` or `set` moves the
/// time past the deadline, as swift-nio's `EmbeddedEventLoop` or swift-clocks' `TestClock` do.
public final class FixedWallClock: WallClock, @unchecked Sendable {
    private struct Sleeper {
        let id: UInt64
        let deadline: Date
        let continuation: CheckedContinuation<Void, Error>
    }

    private let lock = NSLock()
    private var current: Date
    private var sleepers: [Sleeper] = []
    private var nextID: UInt64 = 0

    public init(_ date: Date) { current = date }

    public func now() -> Date {
        lock.withLock { current }
    }

    /// How many tasks wait on this clock now: a test advances once the loops are parked.
    public var waiting: Int { lock.withLock { sleepers.count } }

    /// The earliest deadline anyone waits for.
    public var nextDeadline: Date? { lock.withLock { sleepers.map(\.deadline).min() } }

    public func sleep(until deadline: Date) async throws {
        let id: UInt64 = lock.withLock {
            nextID += 1
            return nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
                lock.lock()
                if deadline <= current {
                    lock.unlock()
                    continuation.resume()
                    return
                }
                sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                lock.unlock()
                // Cancelled before the sleeper was registered: the handler found nothing to resume.
                if Task.isCancelled { wake(id: id) }
            }
        } onCancel: {
            wake(id: id)
        }
    }

    private func wake(id: UInt64) {
        let sleeper: Sleeper? = lock.withLock {
            guard let index = sleepers.firstIndex(where: { $0.id == id }) else { return nil }
            return sleepers.remove(at: index)
        }
        sleeper?.continuation.resume(throwing: CancellationError())
    }

    public func advance(by seconds: TimeInterval) {
        lock.lock()
        current = current.addingTimeInterval(seconds)
        resumeDue()
    }

    public func set(_ date: Date) {
        lock.lock()
        current = date
        resumeDue()
    }

    /// Called with the lock held; releases it before resuming anyone.
    private func resumeDue() {
        let due = sleepers.filter { $0.deadline <= current }
        sleepers.removeAll { $0.deadline <= current }
        lock.unlock()
        for sleeper in due { sleeper.continuation.resume() }
    }
}
