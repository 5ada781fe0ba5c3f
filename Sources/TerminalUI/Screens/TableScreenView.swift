import Console

/// How every table screen is laid out: a summary line, the table, and — when
/// Enter opened it — the detail pane (beside the table on wide terminals,
/// over it on narrow ones).
public enum TableScreenView {
    /// Wide enough to show the detail pane beside the table.
    static let sideBySideWidth = 150

    /// Draws `table` into `area` and reports what it showed.
    public static func render<Item>(_ table: ResourceTable<Item>, summary: [TextSegment], state: UIState, follow: Bool = false,
                                    into canvas: inout Canvas, area: Rect, context: ViewContext) -> TableRenderResult {
        let styles = context.styles
        canvas.fill(area, style: styles[.normal])
        let order = table.order(state.tables[table.screen] ?? TableState(), cache: context.cache)
        var tableState = state.tables[table.screen] ?? TableState()

        // Summary line: the screen's numbers, then filter and sort.
        // The filter comes first so a narrow terminal never hides it.
        var segments = summary
        if !tableState.filter.isEmpty {
            segments = [TextSegment(" filter \"\(tableState.filter)\": \(order.count) of \(table.items.count) ", .accent),
                        TextSegment("·", .muted)] + segments
        }
        if tableState.sortColumn == nil {
            segments += [TextSegment(" · ", .muted), TextSegment(tableState.sortDirection == .ascending ? "worst first" : "best first", .muted)]
        }
        canvas.draw(segments: segments, in: area.top(1), styles: styles)

        var tableArea = area.droppingTop(1)
        var paneArea: Rect?
        let detailOpen: Bool
        if case .detail = state.overlay, state.screen == table.screen, !order.isEmpty { detailOpen = true } else { detailOpen = false }
        if detailOpen {
            if tableArea.width >= sideBySideWidth {
                let paneWidth = max(64, tableArea.width * 2 / 5)
                paneArea = Rect(x: tableArea.maxX - paneWidth, y: tableArea.y, width: paneWidth, height: tableArea.height)
                tableArea = tableArea.left(tableArea.width - paneWidth - 1)
            } else {
                paneArea = tableArea
            }
        }

        let visible = max(1, TableView.visibleRows(in: tableArea))
        if follow, let recency = table.recency, let newest = newestPosition(order, table: table, recency: recency) {
            tableState.selection = newest
        } else if let id = state.selectedIDs[table.screen],
                  let position = order.firstIndex(where: { table.id(table.items[$0]) == id }) {
            tableState.selection = position
        }
        tableState = tableState.clamped(rowCount: order.count, visibleRows: visible)

        let view = TableView(columns: table.columns, rowCount: order.count, emptyMessage: emptyMessage(table, state: tableState)) { index in
            table.row(table.items[order[index]])
        }
        let layout = view.render(into: &canvas, area: tableArea, state: tableState, styles: styles)
        tableState.columnOffset = layout.offset

        var measure = TableMeasure(rowCount: order.count, visibleRows: visible)
        measure.columnsHiddenLeft = layout.hiddenLeft
        measure.columnsHiddenRight = layout.hiddenRight
        let selected = order.indices.contains(tableState.selection) ? table.items[order[tableState.selection]] : nil
        if let paneArea, let selected {
            let title = "\(table.screen.title): \(table.title?(selected) ?? table.row(selected).first?.text ?? "")"
            let inside = canvas.drawBox(paneArea, style: styles[.border], title: title, titleStyle: styles[.accent])
            let pane = DetailPane(items: table.detail(selected))
            let lineCount = pane.lineCount(width: inside.width)
            var offset = 0
            if case let .detail(scroll) = state.overlay { offset = ConsoleUpdate.clampScroll(scroll, lines: lineCount, visible: inside.height) }
            pane.render(into: &canvas, area: inside, offset: offset, styles: styles)
            let note = lineCount > inside.height ? " \(min(lineCount, offset + inside.height)) of \(lineCount) lines — Esc closes " : " Esc closes "
            if paneArea.height > 2 {
                canvas.draw(note, in: Rect(x: paneArea.x + 2, y: paneArea.maxY - 1, width: paneArea.width - 4, height: 1),
                            style: styles[.muted], alignment: .right)
            }
            measure.detailLines = lineCount
            measure.detailVisible = inside.height
        }
        return TableRenderResult(measure: measure, resolved: tableState, selectedID: selected.map(table.id))
    }

    /// Where the newest row is in `order` (follow mode), whatever the sort.
    static func newestPosition<Item>(_ order: [Int], table: ResourceTable<Item>, recency: (Item) -> Double) -> Int? {
        var best: (position: Int, value: Double)?
        for (position, index) in order.enumerated() {
            let value = recency(table.items[index])
            if let current = best, value <= current.value { continue }
            best = (position, value)
        }
        return best?.position
    }

    private static func emptyMessage<Item>(_ table: ResourceTable<Item>, state: TableState) -> String {
        if !state.filter.isEmpty { return "no rows match \"\(state.filter)\" — Esc clears the filter" }
        return table.emptyMessage
    }
}
