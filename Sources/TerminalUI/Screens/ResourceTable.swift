import Console

/// One resource kind as a table, k9s style: columns and pure functions from
/// a model to its row, sort keys, filter text and detail fields. Rows are
/// made only for the lines on screen; sort keys and filter text for every
/// row, but only when the data, the sort or the filter changed.
public struct ResourceTable<Item> {
    public var screen: ScreenID
    public var columns: [TableColumn]
    public var items: [Item]
    /// Changes whenever `items` may have changed (the snapshot generation).
    public var generation: Int
    /// Extra input to the row order, such as the alert level filter.
    public var orderVariant: String = ""
    public var id: (Item) -> String
    public var row: (Item) -> [TableCell]
    public var sortKey: (Item, Int) -> SortKey
    public var filterFields: (Item) -> [String]
    public var detail: (Item) -> [DetailPane.Item]
    /// The detail pane's title for a row; the first cell when nil.
    public var title: ((Item) -> String)?
    /// Rows hidden whatever the filter (the alert level filter).
    public var admits: (Item) -> Bool = { _ in true }
    public var emptyMessage: String

    public init(screen: ScreenID, columns: [TableColumn], items: [Item], generation: Int,
                id: @escaping (Item) -> String, row: @escaping (Item) -> [TableCell],
                sortKey: @escaping (Item, Int) -> SortKey, filterFields: @escaping (Item) -> [String],
                detail: @escaping (Item) -> [DetailPane.Item], emptyMessage: String) {
        self.screen = screen
        self.columns = columns
        self.items = items
        self.generation = generation
        self.id = id
        self.row = row
        self.sortKey = sortKey
        self.filterFields = filterFields
        self.detail = detail
        self.emptyMessage = emptyMessage
    }

    /// Indices of the rows to show, filtered and sorted; memoised in `cache`.
    public func order(_ state: TableState, cache: ViewCache) -> [Int] {
        let key = ViewCache.OrderKey(screen: screen, generation: generation, sortColumn: state.sortColumn,
                                     descending: state.sortDirection == .descending, filter: state.filter, variant: orderVariant)
        if let cached = cache.order(for: key) { return cached }
        var indices = Array(items.indices).filter { admits(items[$0]) }
        if !state.filter.isEmpty {
            let needle = state.filter
            indices = indices.filter { index in
                filterFields(items[index]).contains { $0.localizedCaseInsensitiveContains(needle) }
            }
        }
        if let column = state.sortColumn, columns.indices.contains(column) {
            let keys = indices.map { sortKey(items[$0], column) }
            let descending = state.sortDirection == .descending
            // Stable: equal keys keep the controller's order; empty cells last either way.
            let positions = Array(keys.indices).sorted { a, b in
                let (ka, kb) = (keys[a], keys[b])
                if ka == kb { return a < b }
                if ka == .missing { return false }
                if kb == .missing { return true }
                return descending ? kb < ka : ka < kb
            }
            indices = positions.map { indices[$0] }
        }
        cache.store(indices, for: key)
        return indices
    }
}
