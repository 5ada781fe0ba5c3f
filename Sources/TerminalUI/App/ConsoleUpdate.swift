/// The only place `UIState` changes: `update(state, event) -> (state, effects)`,
/// as in the Elm architecture. Pure: no terminal, no network, no clock, so
/// every key binding is tested by feeding events.
public enum ConsoleUpdate {
    public static func update(_ state: UIState, _ event: UIEvent) -> (UIState, [Effect]) {
        var next = state
        switch event {
        case let .measured(screen, measure, resolved, selectedID):
            next.measures[screen] = measure
            next.tables[screen] = resolved
            next.selectedIDs[screen] = selectedID
            if case let .detail(offset) = next.overlay, screen == next.screen {
                next.overlay = .detail(offset: clampScroll(offset, lines: measure.detailLines, visible: measure.detailVisible))
            }
            return (next, [])
        case .wizardClosed:
            if next.overlay == .wizard { next.overlay = .none }
            return (next, [])
        case let .overviewTargets(targets):
            next.overviewTargets = targets
            next.overviewSelection = min(max(0, next.overviewSelection), max(0, targets.count - 1))
            return (next, [])
        case .loginRefused:
            if next.password == nil { next.password = PasswordEntry() }
            next.input = nil
            return (next, [])
        case let .passwordOutcome(outcome):
            return PasswordUpdate.outcome(next, outcome)
        case let .key(key):
            if key == .resize { return (next, []) }
            if key == .control("l") { return (next, [.redrawAll]) }
            next.message = nil
            if let entry = next.password { return PasswordUpdate.key(next, key, entry: entry) }
            if next.input != nil { return inputKey(next, key) }
            switch next.overlay {
            case .wizard: return (next, [.wizardKey(key)])
            case let .help(offset): return helpKey(next, key, offset: offset)
            case let .detail(offset): return detailKey(next, key, offset: offset)
            case .none: return normalKey(next, key)
            }
        }
    }

    // MARK: - Normal mode

    private static func normalKey(_ state: UIState, _ key: Key) -> (UIState, [Effect]) {
        var next = state
        switch key {
        case .character("q"): return (next, [.quit])
        case .character("?"): next.overlay = .help(offset: 0)
        case .tab, .right: next.screen = next.screen.next
        case .backTab, .left: next.screen = next.screen.previous
        case let .character(c) where ("1"..."7").contains(c):
            if let n = c.wholeNumberValue, let screen = ScreenID(rawValue: n) { next.screen = screen }
        case .character(":"): next.input = InputLine(mode: .command)
        case .character("/"):
            guard next.screen.hasTable else { return noTable(next, "filter") }
            next.input = InputLine(mode: .search, text: next.table.filter, previousFilter: next.table.filter)
        case .character("s"):
            guard next.screen.hasTable else { return noTable(next, "sort") }
            let columns = ScreenCatalog.columns(for: next.screen)
            guard !columns.isEmpty else { break }
            // Worst first, then each column in turn, then worst first again.
            let column = next.table.sortColumn.map { $0 + 1 < columns.count ? $0 + 1 : nil } ?? 0
            next = sorted(next, column: column, direction: .ascending)
        case .character("S"):
            guard next.screen.hasTable else { return noTable(next, "sort") }
            next = sorted(next, column: next.table.sortColumn, direction: next.table.sortDirection.toggled)
        case .enter where next.screen == .overview:
            return openTarget(next)
        case .enter:
            guard next.screen.hasTable else { return noTable(next, "details") }
            guard next.measure.rowCount > 0 else {
                next.message = StatusMessage("no row selected")
                return (next, [])
            }
            next.overlay = .detail(offset: 0)
        case .escape:
            if !next.table.filter.isEmpty {
                next.table = next.table.filtering("")
                next.message = StatusMessage("filter cleared")
            } else if next.inFleet {
                return (next, [.leaveCluster])
            }
        case .character("r"):
            next.message = StatusMessage(next.paused ? "refreshing once (still paused)" : "refreshing")
            return (next, [next.paused ? .refreshOnce : .refreshNow])
        case .character("p"):
            next.paused.toggle()
            next.message = StatusMessage(next.paused ? "paused — p resumes" : "resumed")
            return (next, [.setPaused(next.paused)])
        case .character("f") where next.screen == .alerts:
            next.followAlerts.toggle()
            next.selectedIDs[.alerts] = nil
            next.message = StatusMessage(next.followAlerts ? "following the newest alert" : "follow off")
        case .character("l") where next.screen == .alerts:
            next.alertLevel = next.alertLevel.next
            next.table = next.table.filtering(next.table.filter)
            next.message = StatusMessage("alerts: \(next.alertLevel.label)")
        case .character(">"), .character("<"):
            guard next.screen.hasTable else { return noTable(next, "scroll") }
            let right = key == .character(">")
            let measure = next.measure
            if right ? measure.columnsHiddenRight == 0 : next.table.columnOffset == 0 {
                next.message = StatusMessage(right ? "no more columns to the right" : "already at the first columns")
            } else {
                next.table.columnOffset += right ? 1 : -1
            }
        case .character("w"): return openWizard(next)
        case .control("d"), .control("u"):
            return (move(next, by: (key == .control("d") ? 1 : -1) * max(1, next.measure.visibleRows / 2)), [])
        default:
            if next.screen == .overview, let movement = TableState.movement(for: key) {
                return (moveOverview(next, movement), [])
            }
            if next.screen.hasTable, let movement = TableState.movement(for: key) {
                return (moveTable(next, movement), [])
            }
        }
        return (next, [])
    }

    private static func moveTable(_ state: UIState, _ movement: TableState.Movement) -> UIState {
        var next = state
        let measure = next.measure
        next.table = next.table.moving(movement, rowCount: measure.rowCount, visibleRows: measure.visibleRows)
        next.selectedIDs[next.screen] = nil
        // Moving by hand stops following: the selection stays where it was put.
        if next.screen == .alerts { next.followAlerts = false }
        return next
    }

    /// A new order starts at the top: the old position means nothing in it.
    static func sorted(_ state: UIState, column: Int?, direction: SortDirection) -> UIState {
        var next = state
        var table = next.table
        table.sortColumn = column
        table.sortDirection = direction
        table.selection = 0
        table.offset = 0
        next.table = table
        next.selectedIDs[next.screen] = nil
        next.message = StatusMessage("sorted " + sortDescription(screen: next.screen, table: table))
        return next
    }

    /// "by Days ▲", "worst first", "best first".
    static func sortDescription(screen: ScreenID, table: TableState) -> String {
        let columns = ScreenCatalog.columns(for: screen)
        guard let column = table.sortColumn, columns.indices.contains(column) else {
            return table.sortDirection == .ascending ? "worst first" : "best first"
        }
        return "by \(columns[column].title)" + (table.sortDirection == .ascending ? "" : ", reversed")
    }

    private static func move(_ state: UIState, by rows: Int) -> UIState {
        guard state.screen.hasTable else { return state }
        var next = state
        var table = next.table
        table.selection += rows
        next.table = table.clamped(rowCount: next.measure.rowCount, visibleRows: next.measure.visibleRows)
        next.selectedIDs[next.screen] = nil
        if next.screen == .alerts { next.followAlerts = false }
        return next
    }

    /// Enter on the Overview: the selected count's screen, filtered to exactly its rows.
    private static func openTarget(_ state: UIState) -> (UIState, [Effect]) {
        var next = state
        guard next.overviewTargets.indices.contains(next.overviewSelection) else {
            next.message = StatusMessage("nothing needs a look — 2…7 open the lists")
            return (next, [])
        }
        let target = next.overviewTargets[next.overviewSelection]
        next.screen = target.screen
        next.table = next.table.filtering(target.filter)
        next.selectedIDs[target.screen] = nil
        if target.screen == .alerts {
            // The level key must not hide part of what the count promised.
            next.alertLevel = .all
            next.followAlerts = false
        }
        next.message = StatusMessage("\(target.label): filter \(target.filter) — Esc clears it")
        return (next, [])
    }

    /// Up/Down on the Overview walk its counts that open a list.
    private static func moveOverview(_ state: UIState, _ movement: TableState.Movement) -> UIState {
        var next = state
        let count = next.overviewTargets.count
        guard count > 0 else { return next }
        switch movement {
        case .up, .pageUp: next.overviewSelection -= 1
        case .down, .pageDown: next.overviewSelection += 1
        case .top: next.overviewSelection = 0
        case .bottom: next.overviewSelection = count - 1
        }
        next.overviewSelection = min(max(0, next.overviewSelection), count - 1)
        return next
    }

    private static func noTable(_ state: UIState, _ what: String) -> (UIState, [Effect]) {
        var next = state
        next.message = StatusMessage("the Overview has no table to \(what) — open a screen with 2…7")
        return (next, [])
    }

    private static func openWizard(_ state: UIState) -> (UIState, [Effect]) {
        var next = state
        if let reason = next.readOnlyReason {
            next.message = StatusMessage("rotation is disabled: read-only (\(reason))", kind: .warning)
            return (next, [])
        }
        next.overlay = .wizard
        return (next, [.openWizard])
    }

    // MARK: - Overlays

    private static func helpKey(_ state: UIState, _ key: Key, offset: Int) -> (UIState, [Effect]) {
        var next = state
        let total = KeyHelp.lineCount
        switch key {
        // q closes the overlay like Esc: quitting from inside help would lose the operator's place.
        case .escape, .character("?"), .enter, .character("q"): next.overlay = .none
        default:
            if let movement = TableState.movement(for: key) {
                next.overlay = .help(offset: scroll(offset, movement, lines: total, visible: next.measure.detailVisible))
            } else {
                next.overlay = .none
            }
        }
        return (next, [])
    }

    private static func detailKey(_ state: UIState, _ key: Key, offset: Int) -> (UIState, [Effect]) {
        var next = state
        switch key {
        case .escape, .enter, .character("q"): next.overlay = .none
        case .character("?"): next.overlay = .help(offset: 0)
        default:
            if let movement = TableState.movement(for: key) {
                next.overlay = .detail(offset: scroll(offset, movement, lines: next.measure.detailLines,
                                                      visible: next.measure.detailVisible))
            }
        }
        return (next, [])
    }

    /// A scroll offset for a text pane after a movement.
    static func scroll(_ offset: Int, _ movement: TableState.Movement, lines: Int, visible: Int) -> Int {
        let page = max(1, visible)
        let moved: Int
        switch movement {
        case .up: moved = offset - 1
        case .down: moved = offset + 1
        case .pageUp: moved = offset - page
        case .pageDown: moved = offset + page
        case .top: moved = 0
        case .bottom: moved = lines
        }
        return clampScroll(moved, lines: lines, visible: visible)
    }

    static func clampScroll(_ offset: Int, lines: Int, visible: Int) -> Int {
        min(max(0, offset), max(0, lines - max(1, visible)))
    }

    // MARK: - The prompt

    private static func inputKey(_ state: UIState, _ key: Key) -> (UIState, [Effect]) {
        var next = state
        guard var input = next.input else { return (next, []) }
        if key == .tab, !input.isFilter {
            input.line = CommandLineInput(mode: .command, text: CommandLineCommands.complete(input.text))
            next.input = input
            return (next, [])
        }
        switch InputLineKey.handle(input, key, table: &next.table) {
        case let .editing(line):
            next.input = line
        case let .closed(message):
            next.input = nil
            next.message = message
        case let .command(text):
            next.input = nil
            return CommandLineCommands.run(text, in: next)
        }
        return (next, [])
    }
}
