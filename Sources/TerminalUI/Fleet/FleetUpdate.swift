import Console

/// Keys of the fleet screen. Nothing here can write: there is no key that changes a
/// controller; the rotation wizard exists only inside a cluster's own console.
public enum FleetUpdate {
    /// Column titles, for `s` and `:sort` (the default order, worst first, is no column).
    public static var columns: [TableColumn] { FleetView.columns }

    public static func update(_ state: FleetUIState, _ key: Key, names: [String]) -> (FleetUIState, [FleetEffect]) {
        var next = state
        if key == .resize { return (next, []) }
        if key == .control("l") { return (next, [.redrawAll]) }
        next.message = nil
        if let input = next.input { return inputKey(next, input, key, names: names) }
        if next.showHelp {
            if key == .character("q") { return (next, [.quit]) }
            next.showHelp = false
            return (next, [])
        }
        switch key {
        case .character("q"): return (next, [.quit])
        case .character("?"): next.showHelp = true
        case .character(":"): next.input = InputLine(mode: .command)
        case .character("/"): next.input = InputLine(mode: .search, text: next.table.filter, previousFilter: next.table.filter)
        case .character("s"):
            let count = columns.count
            // Cycles through the columns, then back to worst first.
            let column = (next.table.sortColumn ?? -1) + 1
            next.table.sortColumn = column < count ? column : nil
            next.table.sortDirection = .ascending
            next.message = StatusMessage(next.table.sortColumn.map { "sorted by \(columns[$0].title)" } ?? "worst first")
        case .character("S"):
            next.table.sortDirection = next.table.sortDirection.toggled
        case .character("r"):
            next.message = StatusMessage("refreshing every cluster")
            return (next, [.refreshNow])
        case .character("w"):
            next.message = StatusMessage("the fleet screen never writes — Enter a cluster, then w for its rotation wizard", kind: .warning)
        case .escape:
            if !next.table.filter.isEmpty {
                next.table = next.table.filtering("")
                next.message = StatusMessage("filter cleared")
            }
        case .enter:
            guard names.indices.contains(next.table.selection) else {
                next.message = StatusMessage("no cluster selected")
                return (next, [])
            }
            return (next, [.open(names[next.table.selection])])
        default:
            if let movement = TableState.movement(for: key) {
                next.table = next.table.moving(movement, rowCount: names.count, visibleRows: next.visibleRows)
                next.selectedName = names.indices.contains(next.table.selection) ? names[next.table.selection] : nil
            }
        }
        return (next, [])
    }

    private static func inputKey(_ state: FleetUIState, _ input: InputLine, _ key: Key, names: [String]) -> (FleetUIState, [FleetEffect]) {
        var next = state
        switch InputLineKey.handle(input, key, table: &next.table) {
        case let .editing(line):
            next.input = line
        case let .closed(message):
            next.input = nil
            next.message = message
        case let .command(text):
            next.input = nil
            return command(next, text)
        }
        return (next, [])
    }

    /// `:ctx NAME`, `:sort COLUMN`, `:filter TEXT`, `:refresh`, `:help`, `:quit`.
    static func command(_ state: FleetUIState, _ line: String) -> (FleetUIState, [FleetEffect]) {
        var next = state
        let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        guard let word = parts.first?.lowercased() else { return (next, []) }
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch word {
        case "q", "quit", "q!", "exit": return (next, [.quit])
        case "ctx", "context":
            guard !argument.isEmpty else {
                next.message = StatusMessage(":ctx NAME opens a cluster — the names are in the PROFILE column", kind: .warning)
                return (next, [])
            }
            return (next, [.open(argument)])
        case "refresh": return (next, [.refreshNow])
        case "help", "h": next.showHelp = true
        case "filter": next.table = next.table.filtering(argument)
        case "fleet": break
        case "sort":
            let wanted = argument.lowercased()
            if let index = columns.firstIndex(where: { $0.title.lowercased().hasPrefix(wanted) && !wanted.isEmpty }) {
                next.table.sortColumn = index
                next.table.sortDirection = .ascending
            } else {
                next.table.sortColumn = nil
                next.message = StatusMessage("worst first — :sort takes one of: \(columns.map { $0.title.lowercased() }.joined(separator: ", "))")
            }
        default:
            next.message = StatusMessage("unknown command :\(word) — :help lists them", kind: .warning)
        }
        return (next, [])
    }
}
