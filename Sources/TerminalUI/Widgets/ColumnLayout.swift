/// Which columns a table shows in a given width, and how wide each is.
///
/// Columns with a `priority` give way in order: the highest number drops
/// out first, so lesser columns go before the name is cut. Priority 0 is
/// pinned (always shown, never scrolled away). A column that `growsToContent`
/// (the name) asks for the width of its longest visible cell, up to half the
/// table, before any lesser column is shown. `offset` scrolls the unpinned
/// columns: the first `offset` of them step aside, which brings hidden ones
/// into view (`<` and `>`).
public struct ColumnLayout: Hashable, Sendable {
    /// One per column; 0 means not shown.
    public var widths: [Int]
    /// The scroll position actually used (clamped).
    public var offset: Int
    /// Unpinned columns left of the view (scrolled away) and right of it (dropped for room).
    public var hiddenLeft: Int
    public var hiddenRight: Int

    /// Columns not shown at all.
    public var hidden: Int { hiddenLeft + hiddenRight }

    /// Lays out `columns` in `totalWidth` cells.
    /// - Parameters:
    ///   - contentWidths: per column, the widest cell on screen (for `growsToContent`); missing means none.
    ///   - offset: how many unpinned columns to scroll past.
    public static func compute(_ columns: [TableColumn], totalWidth: Int, spacing: Int = 1, contentWidths: [Int] = [],
                               offset: Int = 0) -> ColumnLayout {
        guard !columns.isEmpty, totalWidth > 0 else {
            return ColumnLayout(widths: columns.map { _ in 0 }, offset: 0, hiddenLeft: 0, hiddenRight: 0)
        }
        // Without a priority, a column ranks by position (later ones give way first).
        func rank(_ i: Int) -> Int { columns[i].priority ?? i }
        let scrollable = columns.indices.filter { rank($0) > 0 }
        let offset = min(max(0, offset), max(0, scrollable.count - 1))
        let skipped = Set(scrollable.prefix(offset))
        func wanted(_ i: Int) -> Int {
            let column = columns[i]
            guard column.growsToContent, contentWidths.indices.contains(i) else { return column.width }
            return max(column.width, min(contentWidths[i], max(column.width, totalWidth / 2)))
        }
        var shown = columns.indices.filter { !skipped.contains($0) }
        func needed(_ set: [Int]) -> Int { set.reduce(0) { $0 + wanted($1) } + spacing * max(0, set.count - 1) }
        // Drop the least important (highest priority number, then the rightmost) until the rest fit.
        while needed(shown) > totalWidth {
            let droppable = shown.filter { rank($0) > 0 }
            guard let drop = droppable.max(by: { (rank($0), $0) < (rank($1), $1) }) else { break }
            shown.removeAll { $0 == drop }
        }
        var widths = columns.map { _ in 0 }
        if needed(shown) <= totalWidth {
            for i in shown { widths[i] = wanted(i) }
            let spare = totalWidth - needed(shown)
            let flexible = shown.filter { columns[$0].flex > 0 }
            let flexTotal = flexible.reduce(0) { $0 + columns[$1].flex }
            if flexTotal > 0 {
                var given = 0
                for i in flexible {
                    let share = spare * columns[i].flex / flexTotal
                    widths[i] += share
                    given += share
                }
                if let last = flexible.last { widths[last] += spare - given }
            }
        } else {
            // Only pinned columns are left and they do not fit: the last that partly fits is narrowed.
            var remaining = totalWidth
            for i in shown {
                guard remaining > 0 else { break }
                widths[i] = min(columns[i].width, remaining)
                remaining -= widths[i] + spacing
            }
        }
        let hiddenRight = scrollable.filter { !skipped.contains($0) && widths[$0] == 0 }.count
        return ColumnLayout(widths: widths, offset: offset, hiddenLeft: skipped.count, hiddenRight: hiddenRight)
    }
}
