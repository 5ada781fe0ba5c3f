import Console

/// A table without a cursor, for lists that are read, not browsed (the
/// Overview's newest alerts, the cluster's services). Draws only the rows that fit.
public enum StaticTableView {
    /// Draws a header and as many rows as fit; `row` is asked for those only.
    /// When rows are left over, the last line says how many.
    public static func render(columns: [TableColumn], rowCount: Int, emptyMessage: String, into canvas: inout Canvas, area: Rect,
                              styles: StyleSheet, row: (Int) -> [TableCell]) {
        let area = area.intersection(canvas.bounds)
        guard area.height >= 1 else { return }
        canvas.fill(area, style: styles[.normal])
        let widths = TableView.columnWidths(columns, totalWidth: area.width)
        func draw(_ cells: [TableCell], y: Int, base: Style) {
            var x = area.x
            for (index, column) in columns.enumerated() where widths[index] > 0 {
                if index < cells.count {
                    let cell = cells[index]
                    let style = cell.role.map { styles[$0] } ?? cell.style ?? base
                    canvas.draw(cell.text, in: Rect(x: x, y: y, width: widths[index], height: 1), style: style, alignment: column.alignment)
                }
                x += widths[index] + 1
            }
        }
        canvas.fill(area.top(1), style: styles[.tableHeader])
        draw(columns.map { TableCell($0.title) }, y: area.y, base: styles[.tableHeader])
        let body = area.droppingTop(1)
        guard !body.isEmpty else { return }
        guard rowCount > 0 else {
            canvas.draw(emptyMessage, in: body.row(0), style: styles[.muted], alignment: .center)
            return
        }
        let fits = rowCount <= body.height ? rowCount : body.height - 1
        for index in 0..<fits { draw(row(index), y: body.y + index, base: styles[.normal]) }
        if fits < rowCount {
            canvas.draw(" … \(rowCount - fits) more", in: body.row(fits), style: styles[.muted])
        }
    }
}
