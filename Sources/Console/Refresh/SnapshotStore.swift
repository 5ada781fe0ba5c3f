import Foundation

/// Holds the newest snapshot. Refreshers publish into it; the UI loop and the headless
/// commands read copies. Readers never wait on the network.
public final class SnapshotStore: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Snapshot

    public init(_ initial: Snapshot) { current = initial }

    public func latest() -> Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Applies a change, re-derives indexes and bumps the generation (readers compare it to
    /// tell whether anything changed).
    public func update(deriving: Bool = false, _ change: (inout Snapshot) -> Void) {
        lock.lock()
        change(&current)
        if deriving { current.deriveIndexes() }
        current.generation += 1
        lock.unlock()
    }
}
