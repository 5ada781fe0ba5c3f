import Console
import Testing
@testable import TerminalUI

@Suite struct TableViewTests {
    let styles = StyleSheet.standard

    func table(rows: [[String]], asked: AskedRows? = nil) -> TableView {
        TableView(
            columns: [TableColumn("Name", width: 10, flex: 1), TableColumn("Days", width: 5, alignment: .right)],
            rowCount: rows.count
        ) { index in
            asked?.indices.append(index)
            return rows[index].map { TableCell($0) }
        }
    }

    final class AskedRows { var indices: [Int] = [] }

    @Test func rendersHeaderRowsAndSortMark() {
        var canvas = Canvas(size: Size(width: 20, height: 4))
        let view = table(rows: [["alpha", "12"], ["beta", "-3"]])
        view.render(into: &canvas, area: canvas.bounds, state: TableState(sortColumn: 1, sortDirection: .descending), styles: styles)
        #expect(canvas.lines == [
            "Name" + String(repeating: " ", count: 11) + "Days▼",
            "alpha             12",
            "beta              -3",
            "                    ",
        ])
    }

    @Test func selectionIsHighlighted() {
        var canvas = Canvas(size: Size(width: 20, height: 4))
        table(rows: [["alpha", "1"], ["beta", "2"]]).render(into: &canvas, area: canvas.bounds, state: TableState(selection: 1), styles: styles)
        #expect(canvas[0, 2].style == styles[.selection])
        #expect(canvas[19, 2].style == styles[.selection])
        #expect(canvas[0, 1].style == styles[.normal])
        #expect(canvas[0, 0].style == styles[.tableHeader])
    }

    @Test func onlyVisibleRowsAreRequested() {
        let rows = (0..<10_000).map { ["row \($0)", "\($0)"] }
        let asked = AskedRows()
        var canvas = Canvas(size: Size(width: 30, height: 11))
        let state = TableState().moving(.bottom, rowCount: rows.count, visibleRows: 10)
        table(rows: rows, asked: asked).render(into: &canvas, area: canvas.bounds, state: state, styles: styles)
        #expect(asked.indices == Array(9_990..<10_000))
        #expect(canvas.text(row: 10).hasPrefix("row 9999"))
    }

    @Test func perCellRoleStyle() {
        var canvas = Canvas(size: Size(width: 20, height: 2))
        let view = TableView(columns: [TableColumn("Cert", width: 20)], rowCount: 1) { _ in [TableCell("expired", role: .expired)] }
        view.render(into: &canvas, area: canvas.bounds, state: TableState(selection: 5), styles: styles)
        // The only row is selected (selection clamps), so it keeps the selection look plus the role's attributes.
        #expect(canvas[0, 1].style.background == styles[.selection].background)
        var plain = Canvas(size: Size(width: 20, height: 3))
        let two = TableView(columns: [TableColumn("Cert", width: 20)], rowCount: 2) { i in [TableCell("c\(i)", role: .expired)] }
        two.render(into: &plain, area: plain.bounds, state: TableState(), styles: styles)
        #expect(plain[0, 2].style == styles[.expired])
    }

    @Test func japaneseColumnLinesUp() {
        let rows = [["山田太郎", "1"], ["Smith", "22"], ["ケンブリッジ大学の証明書", "333"]]
        var canvas = Canvas(size: Size(width: 20, height: 4))
        table(rows: rows).render(into: &canvas, area: canvas.bounds, state: TableState(selection: 9), styles: styles)
        for row in 1...3 {
            let line = canvas.text(row: row)
            #expect(DisplayWidth.of(line) == 20)
            // The Days column ends in the same cell on every row.
            let digit = canvas[19, row].text.allSatisfy { $0.isNumber }
            #expect(digit, "row \(row): \(line)")
        }
    }

    @Test func columnWidthsShareSpareSpaceAndHideWhatDoesNotFit() {
        let columns = [TableColumn("a", width: 4, flex: 1), TableColumn("b", width: 4, flex: 3), TableColumn("c", width: 4)]
        #expect(TableView.columnWidths(columns, totalWidth: 22) == [6, 10, 4])
        #expect(TableView.columnWidths(columns, totalWidth: 7) == [4, 2, 0])
        #expect(TableView.columnWidths(columns, totalWidth: 0) == [0, 0, 0])
    }

    @Test func emptyTableShowsMessage() {
        var canvas = Canvas(size: Size(width: 20, height: 3))
        TableView(columns: [TableColumn("x", width: 3)], rowCount: 0, emptyMessage: "no certificates") { _ in [] }
            .render(into: &canvas, area: canvas.bounds, state: TableState(), styles: styles)
        #expect(canvas.text(row: 1).contains("no certificates"))
    }

    @Test func tinyAreasDoNotCrash() {
        let view = table(rows: [["alpha", "1"]])
        for size in [Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 3, height: 1)] {
            var canvas = Canvas(size: size)
            view.render(into: &canvas, area: canvas.bounds, state: TableState(), styles: styles)
            view.render(into: &canvas, area: Rect(x: 5, y: 5, width: 10, height: 10), state: TableState(), styles: styles)
        }
    }
}
