/// Memoised work between frames: each table's row order (filter and sort
/// over every row) is recomputed only when the data, sort or filter changed,
/// so an idle frame costs only the rows on screen.
public final class ViewCache {
    public struct OrderKey: Hashable {
        var screen: ScreenID
        var generation: Int
        var sortColumn: Int?
        var descending: Bool
        var filter: String
        var variant: String
    }

    private var orders: [ScreenID: (key: OrderKey, order: [Int])] = [:]
    private var derived: [String: (stamp: AnyHashable, value: Any)] = [:]
    /// How many orders were computed (tests check that idle frames compute none).
    public private(set) var orderComputations = 0

    public init() {}

    func order(for key: OrderKey) -> [Int]? {
        guard let entry = orders[key.screen], entry.key == key else { return nil }
        return entry.order
    }

    func store(_ order: [Int], for key: OrderKey) {
        orders[key.screen] = (key, order)
        orderComputations += 1
    }

    /// A value derived from a snapshot (an index by uuid), rebuilt when
    /// `stamp` (the snapshot's content version, perhaps with the minute) changes.
    func derived<T>(_ name: String, stamp: AnyHashable, build: () -> T) -> T {
        if let entry = derived[name], entry.stamp == stamp, let value = entry.value as? T { return value }
        let value = build()
        derived[name] = (stamp, value)
        return value
    }
}
