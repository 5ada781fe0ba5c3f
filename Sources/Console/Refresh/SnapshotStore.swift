import Foundation

/// Holds the newest snapshot. Refreshers publish into it; the UI loop and the headless
/// commands read copies. Readers never wait on the network.
public final class SnapshotStore: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Snapshot
    private var listeners: [@Sendable () -> Void] = []

    public init(_ initial: Snapshot) { current = initial }

    public func latest() -> Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Applies a change, re-derives indexes, bumps the generation and tells listeners.
    public func update(deriving: Bool = false, _ change: (inout Snapshot) -> Void) {
        lock.lock()
        change(&current)
        if deriving { current.deriveIndexes() }
        current.generation += 1
        let toNotify = listeners
        lock.unlock()
        for listener in toNotify { listener() }
    }

    /// Called after every publication (on the refresher's thread): wake the UI loop here.
    public func onChange(_ listener: @escaping @Sendable () -> Void) {
        lock.lock()
        listeners.append(listener)
        lock.unlock()
    }
}
