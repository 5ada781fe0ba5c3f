/// Ascending or descending.
public enum SortDirection: Hashable, Sendable {
    case ascending, descending

    /// The other direction.
    public var toggled: SortDirection { self == .ascending ? .descending : .ascending }
}

/// What a table remembers between frames: selection, scroll offset, sort
/// and filter. Kept apart from the data (which arrives in snapshots) and
/// changed only through these pure functions, so it is trivially testable.
public struct TableState: Hashable, Sendable {
    /// Index of the selected row among the rows shown (after filtering).
    public var selection: Int
    /// Index of the first row on screen.
    public var offset: Int
    /// The column the rows are sorted by, if any.
    public var sortColumn: Int?
    public var sortDirection: SortDirection
    /// The `/` filter as typed (see `TableFilter` for its words); empty shows every row.
    public var filter: String
    /// How many lesser columns are scrolled out of view (`<` `>`), so hidden ones can be read.
    public var columnOffset = 0

    public init(selection: Int = 0, offset: Int = 0, sortColumn: Int? = nil,
                sortDirection: SortDirection = .ascending, filter: String = "") {
        self.selection = selection
        self.offset = offset
        self.sortColumn = sortColumn
        self.sortDirection = sortDirection
        self.filter = filter
    }

    /// A cursor movement.
    public enum Movement: Hashable, Sendable {
        case up, down, pageUp, pageDown, top, bottom
    }

    /// The movement a key asks for: arrows and j/k, PgUp/PgDn and Ctrl-B/F,
    /// g/Home and G/End.
    public static func movement(for key: Key) -> Movement? {
        switch key {
        case .up, .character("k"): return .up
        case .down, .character("j"): return .down
        case .pageUp, .control("b"): return .pageUp
        case .pageDown, .control("f"), .character(" "): return .pageDown
        case .home, .character("g"): return .top
        case .end, .character("G"): return .bottom
        default: return nil
        }
    }

    /// The state after a movement, with the selection kept on screen.
    /// Page moves scroll by a page, like `less`.
    public func moving(_ movement: Movement, rowCount: Int, visibleRows: Int) -> TableState {
        var next = self
        let page = max(1, visibleRows)
        switch movement {
        case .up: next.selection -= 1
        case .down: next.selection += 1
        case .pageUp:
            next.selection -= page
            next.offset -= page
        case .pageDown:
            next.selection += page
            next.offset += page
        case .top: next.selection = 0
        case .bottom: next.selection = rowCount - 1
        }
        return next.clamped(rowCount: rowCount, visibleRows: visibleRows)
    }

    /// `moving` for a key; nil when the key is not a movement.
    public func handling(_ key: Key, rowCount: Int, visibleRows: Int) -> TableState? {
        guard let movement = TableState.movement(for: key) else { return nil }
        return moving(movement, rowCount: rowCount, visibleRows: visibleRows)
    }

    /// Selection inside `0..<rowCount`, and an offset that shows it without
    /// scrolling past the last row. Use after the row count changes.
    public func clamped(rowCount: Int, visibleRows: Int) -> TableState {
        var next = self
        let visible = max(1, visibleRows)
        next.selection = min(max(0, selection), max(0, rowCount - 1))
        if next.selection < next.offset { next.offset = next.selection }
        if next.selection >= next.offset + visible { next.offset = next.selection - visible + 1 }
        next.offset = min(max(0, next.offset), max(0, rowCount - visible))
        return next
    }

    /// Sorted by `column`; choosing the current sort column again flips the direction.
    public func sorting(by column: Int) -> TableState {
        var next = self
        if sortColumn == column {
            next.sortDirection = sortDirection.toggled
        } else {
            next.sortColumn = column
            next.sortDirection = .ascending
        }
        return next
    }

    /// A new filter; the selection goes back to the top because the rows changed.
    public func filtering(_ text: String) -> TableState {
        var next = self
        next.filter = text
        next.selection = 0
        next.offset = 0
        return next
    }

    /// Whether a row of plain `fields` (no columns) matches the filter's words.
    public func matches(_ fields: [String]) -> Bool {
        TableFilter(filter).matches(titles: [], cell: { _ in "" }, fields: { fields })
    }
}
