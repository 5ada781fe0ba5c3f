import Console
import Foundation

/// The fleet screen: a header naming the fleet, one line of counts, one row per cluster
/// (worst first unless sorted by a column), and a status line that says why the selected
/// cluster failed, when it did.
public enum FleetView {
    public static let columns = [
        TableColumn("Profile", width: 12, flex: 2),
        TableColumn("Version", width: 7),
        TableColumn("State", width: 14, flex: 2),
        TableColumn("Nodes", width: 5),
        TableColumn("Leader", width: 10, flex: 1),
        TableColumn("SEs up", width: 7),
        TableColumn("Tunnels bad", width: 11),
        TableColumn("SC cert", width: 7),
        TableColumn("Soonest cert", width: 16, flex: 2),
        TableColumn("HIGH", width: 5),
        TableColumn("Age", width: 6),
    ]

    /// The rows in display order: filtered, then worst first or by the chosen column.
    public static func ordered(_ rows: [FleetRow], table: TableState) -> [FleetRow] {
        var shown = rows
        if !table.filter.isEmpty {
            shown = shown.filter { row in row.cells.contains { $0.localizedCaseInsensitiveContains(table.filter) } }
        }
        guard let column = table.sortColumn, columns.indices.contains(column) else {
            return table.sortDirection == .descending ? shown.reversed() : shown
        }
        let descending = table.sortDirection == .descending
        return shown.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            let numeric = column != 0 && column != 1 && column != 2 && column != 4
            if numeric, x.sortValues[column] != y.sortValues[column] {
                return descending ? x.sortValues[column] > y.sortValues[column] : x.sortValues[column] < y.sortValues[column]
            }
            if !numeric, x.cells[column] != y.cells[column] {
                return descending ? x.cells[column] > y.cells[column] : x.cells[column] < y.cells[column]
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    static func role(for row: FleetRow) -> ThemeRole? {
        switch row.rank {
        case .failed, .noQuorum, .secureChannelCertificate: return .critical
        case .mappingsNotAuthenticated, .serviceEnginesDown: return .warning
        case .healthy: return .ok
        case .loading: return .muted
        }
    }

    static func cells(_ row: FleetRow, now: Date) -> [TableCell] {
        let stateRole = role(for: row)
        let profileStyle = row.color.flatMap(ThemeColor.init(name:)).map { Style(foreground: $0, attributes: [.bold]) }
        var cells = row.cells.map { TableCell($0) }
        cells[0] = TableCell(row.profile, style: profileStyle)
        cells[2] = TableCell(row.state, role: stateRole)
        if row.tunnelsNotAuthenticated != "0", row.tunnelsNotAuthenticated != "-" { cells[6].role = .warning }
        if row.rank == .secureChannelCertificate { cells[7].role = .critical }
        if row.problem != nil, row.rank == .failed { cells[10].role = .critical }
        return cells
    }

    /// Draws a frame; returns the rows' names in display order and the page height.
    @discardableResult
    public static func render(state: FleetUIState, rows: [FleetRow], now: Date, styles: StyleSheet,
                              into canvas: inout Canvas) -> (names: [String], visibleRows: Int) {
        canvas.fill(canvas.bounds, style: styles[.normal])
        var area = canvas.bounds
        let failing = rows.filter { $0.rank == .failed }.count
        // "worst first" only once every row has its first answer (make bench waits for it).
        let loading = rows.filter { $0.rank == .loading }.count
        let right = loading > 0 ? "loading \(loading) of \(rows.count)…" : (state.table.sortColumn == nil ? "worst first" : "sorted")
        HeaderBar(left: "avitui · fleet · \(rows.count) clusters", right: right,
                  badges: failing > 0 ? [Badge("\(failing) FAILING", role: .critical)] : [])
            .render(into: &canvas, area: area.top(1), styles: styles)
        area = area.droppingTop(1)
        let shown = ordered(rows, table: state.table)
        var counts: [TextSegment] = [TextSegment(" \(rows.count) clusters", .normal)]
        for (label, ranks, role) in [("failing", [FleetOrder.Rank.failed], ThemeRole.critical),
                                     ("critical", [.noQuorum, .secureChannelCertificate], .critical),
                                     ("warning", [.mappingsNotAuthenticated, .serviceEnginesDown], .warning),
                                     ("ok", [.healthy], .ok)] {
            let n = rows.filter { ranks.contains($0.rank) }.count
            counts += [TextSegment(" · ", .muted), TextSegment("\(n) \(label)", n > 0 ? role : .muted)]
        }
        if !state.table.filter.isEmpty {
            counts = [TextSegment(" filter \"\(state.table.filter)\": \(shown.count) of \(rows.count) ", .accent), TextSegment("·", .muted)] + counts
        }
        canvas.draw(segments: counts, in: area.top(1), styles: styles)
        area = area.droppingTop(1)
        let statusArea = area.bottom(1)
        let body = area.droppingBottom(1)
        let visible = max(1, TableView.visibleRows(in: body))
        var table = state.table
        if let name = state.selectedName, let position = shown.firstIndex(where: { $0.profile == name }) { table.selection = position }
        table = table.clamped(rowCount: shown.count, visibleRows: visible)
        if state.showHelp {
            var lines = ["Fleet keys", "",
                         "j/k ↑/↓ PgUp/PgDn g/G  move", "Enter       open the cluster's full console (its own read-only setting and wizard)",
                         "Esc         (inside a cluster) back to the fleet; here: clear the filter",
                         ":ctx NAME   open a cluster by profile name, from anywhere", "/           filter rows", 
                         "s / S       sort by the next column (then worst first again) / reverse", "r           read every cluster now",
                         "?           this help", "q           quit", "",
                         "Worst first: unreachable or login refused, no quorum, secure-channel certificate within 7 days,",
                         "tunnels not authenticated, SEs down, then the soonest certificate.",
                         "Nothing on this screen can change a controller."]
            lines = lines.map { " " + $0 }
            for (index, line) in lines.prefix(body.height).enumerated() {
                canvas.draw(line, in: Rect(x: body.x, y: body.y + index, width: body.width, height: 1), style: styles[index == 0 ? .accent : .normal])
            }
        } else {
            let view = TableView(columns: columns, rowCount: shown.count,
                                 emptyMessage: state.table.filter.isEmpty ? "no clusters" : "no cluster matches \"\(state.table.filter)\" — Esc clears the filter") { index in
                cells(shown[index], now: now)
            }
            view.render(into: &canvas, area: body, state: table, styles: styles)
        }
        if let input = state.input {
            CommandLineView.render(input, into: &canvas, area: statusArea, styles: styles)
        } else {
            let selected = shown.indices.contains(table.selection) ? shown[table.selection] : nil
            var message = "", role = ThemeRole.statusBar
            if let note = state.message {
                message = note.text
                role = note.kind == .info ? .statusBar : (note.kind == .warning ? .warning : .error)
            } else if let selected, let problem = selected.problem {
                message = "\(selected.profile): \(problem)"
                role = selected.rank == .failed ? .error : .warning
            }
            let long = DisplayWidth.of(message) + 2 > statusArea.width / 2
            let hints = long ? [StatusLine.Hint("?", "help")]
                : [StatusLine.Hint("Enter", "open"), StatusLine.Hint("/", "filter"), StatusLine.Hint("s", "sort"),
                   StatusLine.Hint(":ctx", "jump"), StatusLine.Hint("?", "help"), StatusLine.Hint("q", "quit")]
            StatusLine(message: message, messageRole: role, hints: hints).render(into: &canvas, area: statusArea, styles: styles)
        }
        return (shown.map(\.profile), visible)
    }
}
