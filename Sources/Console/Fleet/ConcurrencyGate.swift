/// At most `limit` holders at once; the others wait in arrival order. Bounds how many
/// clusters are read at the same time (CPU for decoding, file descriptors, curl handles).
public actor ConcurrencyGate {
    private let limit: Int
    private var held = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(limit: Int) { self.limit = max(1, limit) }

    public func acquire() async {
        if held < limit {
            held += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot to the next waiter, if any.
    public func release() {
        if waiting.isEmpty {
            held = max(0, held - 1)
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Runs `body` holding a slot.
    public func withSlot<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        await acquire()
        let result = await body()
        release()
        return result
    }
}
