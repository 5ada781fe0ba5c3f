import Console

/// A table column: title, width, alignment and how it shares spare width.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    /// The column's width in cells; for flexible columns the minimum.
    public var width: Int
    /// Share of the spare width this column takes (0 = fixed width).
    public var flex: Int
    public var alignment: Alignment
    /// Which columns give way when room is short (see `ColumnLayout`): 0 is
    /// pinned, higher numbers drop out first. Nil: the old rule, columns
    /// that do not fit are cut from the right.
    public var priority: Int?
    /// Asks for its widest visible cell before lesser columns get room (the name).
    public var growsToContent: Bool

    public init(_ title: String, width: Int, flex: Int = 0, alignment: Alignment = .left, priority: Int? = nil,
                growsToContent: Bool = false) {
        self.title = title
        self.width = max(0, width)
        self.flex = max(0, flex)
        self.alignment = alignment
        self.priority = priority
        self.growsToContent = growsToContent
    }
}

/// One cell of a table row, with an optional look of its own.
public struct TableCell: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    /// A theme role for this cell (e.g. `.expired`); wins over `style`.
    public var role: ThemeRole?
    /// A literal style, for the rare cell no role describes.
    public var style: Style?

    public init(_ text: String, role: ThemeRole? = nil, style: Style? = nil) {
        self.text = text
        self.role = role
        self.style = style
    }

    public init(stringLiteral value: String) { self.init(value) }
}

/// A table drawn from a value: columns, a row count and a closure that
/// makes one row. Only the rows on screen are asked for, so a table of
/// 10,000 rows costs as much to draw as one of 30.
public struct TableView {
    public var columns: [TableColumn]
    public var rowCount: Int
    /// Makes row `index` (0-based, in display order); called for visible rows only.
    public var row: (Int) -> [TableCell]
    public var showHeader: Bool
    /// Blank cells between columns.
    public var columnSpacing: Int
    /// Shown when there are no rows.
    public var emptyMessage: String

    public init(columns: [TableColumn], rowCount: Int, showHeader: Bool = true, columnSpacing: Int = 1,
                emptyMessage: String = "no rows", row: @escaping (Int) -> [TableCell]) {
        self.columns = columns
        self.rowCount = max(0, rowCount)
        self.row = row
        self.showHeader = showHeader
        self.columnSpacing = max(0, columnSpacing)
        self.emptyMessage = emptyMessage
    }

    /// How many data rows fit in `area`: the page size for `TableState`.
    public static func visibleRows(in area: Rect, showHeader: Bool = true) -> Int {
        max(0, area.height - (showHeader ? 1 : 0))
    }

    /// Widths for the columns in `totalWidth` cells: fixed widths first,
    /// spare width shared by `flex`; columns that do not fit get 0 (hidden),
    /// the last one that partly fits is narrowed.
    public static func columnWidths(_ columns: [TableColumn], totalWidth: Int, spacing: Int = 1) -> [Int] {
        guard !columns.isEmpty, totalWidth > 0 else { return columns.map { _ in 0 } }
        let needed = columns.reduce(0) { $0 + $1.width } + spacing * (columns.count - 1)
        if needed <= totalWidth {
            var widths = columns.map(\.width)
            let flexTotal = columns.reduce(0) { $0 + $1.flex }
            guard flexTotal > 0 else { return widths }
            let spare = totalWidth - needed
            var given = 0
            var lastFlex = 0
            for (i, column) in columns.enumerated() where column.flex > 0 {
                let share = spare * column.flex / flexTotal
                widths[i] += share
                given += share
                lastFlex = i
            }
            widths[lastFlex] += spare - given
            return widths
        }
        var remaining = totalWidth
        return columns.map { column in
            guard remaining > 0 else { return 0 }
            let w = min(column.width, remaining)
            remaining -= w + spacing
            return w
        }
    }

    /// The columns' widths in `width` cells for `state` (its rows on screen and column scroll).
    public func layout(width: Int, visibleRows: Int, state: TableState) -> ColumnLayout {
        guard columns.contains(where: { $0.priority != nil }) else {
            return ColumnLayout(widths: TableView.columnWidths(columns, totalWidth: width, spacing: columnSpacing), offset: 0,
                                hiddenLeft: 0, hiddenRight: 0)
        }
        var content = columns.map { DisplayWidth.of($0.title) + 1 }
        if columns.contains(where: \.growsToContent), rowCount > 0 {
            let state = state.clamped(rowCount: rowCount, visibleRows: visibleRows)
            for index in state.offset..<min(rowCount, state.offset + max(1, visibleRows)) {
                for (i, cell) in row(index).enumerated() where i < content.count && columns[i].growsToContent {
                    content[i] = max(content[i], DisplayWidth.of(SafeText.sanitize(cell.text)))
                }
            }
        }
        return ColumnLayout.compute(columns, totalWidth: width, spacing: columnSpacing, contentWidths: content, offset: state.columnOffset)
    }

    /// Draws header and visible rows into `area` and returns the column layout
    /// it used. The state is clamped first, so a stale offset or selection still draws sensibly.
    @discardableResult
    public func render(into canvas: inout Canvas, area: Rect, state: TableState, styles: StyleSheet) -> ColumnLayout {
        let area = area.intersection(canvas.bounds)
        let layout = self.layout(width: area.width, visibleRows: TableView.visibleRows(in: area, showHeader: showHeader), state: state)
        guard !area.isEmpty else { return layout }
        let widths = layout.widths
        var body = area
        if showHeader {
            let header = area.top(1)
            let style = styles[.tableHeader]
            canvas.fill(header, style: style)
            var titles = columns.map(\.title)
            if let sorted = state.sortColumn, titles.indices.contains(sorted) {
                let mark = state.sortDirection == .ascending ? canvas.glyphs.sortAscending : canvas.glyphs.sortDescending
                titles[sorted] += mark
            }
            drawCells(titles.map { TableCell($0) }, widths: widths, in: header, base: style, canvas: &canvas, styles: styles)
            // Columns out of view are announced where they are: `<` and `>` bring them in.
            if layout.hiddenLeft > 0 { canvas.draw(canvas.glyphs.moreLeft, x: header.x, y: header.y, style: style.adding(.bold)) }
            if layout.hiddenRight > 0 { canvas.draw(canvas.glyphs.moreRight, x: header.maxX - 1, y: header.y, style: style.adding(.bold)) }
            body = area.droppingTop(1)
        }
        canvas.fill(body, style: styles[.normal])
        guard !body.isEmpty else { return layout }
        guard rowCount > 0 else {
            canvas.draw(emptyMessage, in: body.row(0), style: styles[.muted], alignment: .center)
            return layout
        }
        let state = state.clamped(rowCount: rowCount, visibleRows: body.height)
        let last = min(rowCount, state.offset + body.height)
        for index in state.offset..<last {
            let line = body.row(index - state.offset)
            let selected = index == state.selection
            let base = selected ? styles[.selection] : styles[.normal]
            if selected { canvas.fill(line, style: base) }
            drawCells(row(index), widths: widths, in: line, base: base, selected: selected, canvas: &canvas, styles: styles)
        }
        return layout
    }

    private func drawCells(_ cells: [TableCell], widths: [Int], in line: Rect, base: Style, selected: Bool = false,
                           canvas: inout Canvas, styles: StyleSheet) {
        var x = line.x
        for (i, column) in columns.enumerated() {
            let width = widths[i]
            guard width > 0 else { continue }
            if i < cells.count {
                let cell = cells[i]
                var style = base
                if let role = cell.role {
                    style = selected ? base.adding(styles[role].attributes) : styles[role]
                } else if let literal = cell.style {
                    style = selected ? base.adding(literal.attributes) : literal
                }
                canvas.draw(cell.text, in: Rect(x: x, y: line.y, width: width, height: 1), style: style,
                            alignment: column.alignment)
            }
            x += width + columnSpacing
        }
    }
}
