import Console

/// One resource kind as a table, k9s style: columns and pure functions from
/// a model to its row, sort keys, filter text and detail fields. Rows are
/// made only for the lines on screen; sort keys and filter text for every
/// row, but only when the data, the sort or the filter changed.
public struct ResourceTable<Item> {
    public var screen: ScreenID
    public var columns: [TableColumn]
    public var items: [Item]
    /// Changes whenever `items` may have changed (the snapshot's content version).
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
    /// How bad a row is: the default order is worst first, and every sort
    /// breaks ties by it (worst first) before `tieBreak`.
    public var severity: (Item) -> Severity = { _ in .ok }
    /// The last word on order: by default the first column ascending (the name).
    public var tieBreak: ((Item) -> SortKey)?
    /// How recent a row is (larger is newer): follow mode selects the newest.
    public var recency: ((Item) -> Double)?
    /// The text of one cell, for `column:` filter words; the row's cell when nil.
    public var cellText: ((Item, Int) -> String)?
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
    /// With no sort column the order is worst first (`severity`), then
    /// `tieBreak`; a sort column decides first, then the same two.
    public func order(_ state: TableState, cache: ViewCache) -> [Int] {
        let key = ViewCache.OrderKey(screen: screen, generation: generation, sortColumn: state.sortColumn,
                                     descending: state.sortDirection == .descending, filter: state.filter, variant: orderVariant)
        if let cached = cache.order(for: key) { return cached }
        var indices = Array(items.indices).filter { admits(items[$0]) }
        let filter = TableFilter(state.filter)
        if !filter.isEmpty {
            let titles = columns.map(\.title)
            indices = indices.filter { index in
                let item = items[index]
                var cells: [TableCell]?
                return filter.matches(titles: titles, cell: { column in
                    if let cellText { return cellText(item, column) }
                    if cells == nil { cells = row(item) }
                    return cells.flatMap { $0.indices.contains(column) ? $0[column].text : nil } ?? ""
                }, fields: { filterFields(item) })
            }
        }
        let ranks = indices.map { severity(items[$0]).rawValue }
        let ties = indices.map { tieBreak?(items[$0]) ?? sortKey(items[$0], 0) }
        let column = state.sortColumn.flatMap { columns.indices.contains($0) ? $0 : nil }
        let keys = column.map { column in indices.map { sortKey(items[$0], column) } }
        let descending = state.sortDirection == .descending
        // Stable: rows equal in every key keep the controller's order; empty cells last either way.
        let positions = Array(indices.indices).sorted { a, b in
            if let keys {
                let (ka, kb) = (keys[a], keys[b])
                if ka != kb {
                    if ka == .missing { return false }
                    if kb == .missing { return true }
                    return descending ? kb < ka : ka < kb
                }
            }
            if ranks[a] != ranks[b] { return ranks[a] > ranks[b] }
            if ties[a] != ties[b] { return ties[a] < ties[b] }
            return a < b
        }
        indices = positions.map { indices[$0] }
        // Worst first reversed is best first.
        if column == nil && descending { indices.reverse() }
        cache.store(indices, for: key)
        return indices
    }
}
