import Console
import Foundation
import Testing
@testable import TerminalUI

/// A hands-on check of the real ncurses backend, skipped unless
/// `AVITUI_UI_DEMO=1`. Run it in tmux:
///
///     tmux -u new-session -d -s ui -x 120 -y 40 -e LANG=C.UTF-8 -e AVITUI_UI_DEMO=1 \
///       "TERM=tmux-256color .build/debug/avituiPackageTests.xctest --testing-library swift-testing --filter InteractiveDemo"
///
/// Keys: j/k/PgUp/PgDn/g/G move, s sorts, / filters, ? help, t cycles
/// themes, q quits. Ctrl-Z, resize and Ctrl-C exercise the lifecycle;
/// `!` crashes on purpose to check the crash restore.
@Suite struct InteractiveDemo {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["AVITUI_UI_DEMO"] == "1"))
    func run() throws {
        let themes = BuiltinThemes.names
        var themeIndex = themes.firstIndex(of: ProcessInfo.processInfo.environment["AVITUI_UI_THEME"] ?? "default") ?? 0
        let rows: [[String]] = (0..<10_000).map { i in
            let names = ["山田太郎の証明書", "portal-cert", "System-Default-Secure-Channel-Cert", "😀 emoji-cert", "e\u{301}vil\u{1B}[2J\u{202E}txt"]
            return ["\(names[i % names.count])-\(i)", "\((i * 37) % 400 - 30)", i % 7 == 0 ? "expired" : "ok"]
        }
        try TerminalLifecycle.run(theme: BuiltinThemes.theme(named: themes[themeIndex]) ?? BuiltinThemes.defaultTheme) { session in
            var state = TableState()
            var command: CommandLineInput?
            var showHelp = false
            var ticks = 0
            var lastKey = "none"
            let columns = [TableColumn("Name", width: 24, flex: 1), TableColumn("Days", width: 6, alignment: .right),
                           TableColumn("State", width: 10)]
            func visibleIndexes() -> [Int] {
                var indexes = rows.indices.filter { state.matches(rows[$0]) }
                if let column = state.sortColumn {
                    indexes.sort { a, b in
                        let (x, y) = (rows[a][column], rows[b][column])
                        let less = column == 1 ? (Int(x) ?? 0) < (Int(y) ?? 0) : x < y
                        return state.sortDirection == .ascending ? less : !less
                    }
                }
                return indexes
            }
            while true {
                let shown = visibleIndexes()
                let size = session.size
                let tableArea = Rect(size: size).droppingTop(2).droppingBottom(2)
                let page = TableView.visibleRows(in: tableArea)
                session.render { canvas in
                    let styles = session.styles
                    HeaderBar(left: "avitui  demo  theme \(themes[themeIndex])  \(session.backend.capabilities.colorDepth)",
                              right: "tick \(ticks)", badges: [Badge("READ-ONLY", role: .badgeReadOnly), Badge("INSECURE", role: .badgeInsecure)])
                        .render(into: &canvas, area: canvas.bounds, styles: styles)
                    TabBar(titles: ["Overview", "Cluster", "Secure channel", "Certificates", "Alerts", "API log"], active: 3)
                        .render(into: &canvas, area: canvas.bounds.droppingTop(1), styles: styles)
                    TableView(columns: columns, rowCount: shown.count) { i in
                        let row = rows[shown[i]]
                        let days = Int(row[1]) ?? 0
                        let role: ThemeRole = days < 0 ? .expired : days < 30 ? .critical : days < 60 ? .warning : .ok
                        return [TableCell(row[0]), TableCell(row[1], role: role), TableCell(row[2], role: row[2] == "ok" ? .ok : .muted)]
                    }.render(into: &canvas, area: tableArea, state: state, styles: styles)
                    if let command {
                        command.render(into: &canvas, area: canvas.bounds.bottom(2).top(1), styles: styles)
                    } else {
                        canvas.draw(" \(state.selection + 1)/\(shown.count)  filter: \(state.filter)  last key: \(lastKey)",
                                    in: canvas.bounds.bottom(2).top(1), style: styles[.muted])
                    }
                    StatusLine(message: "10,000 rows", hints: [.init("/", "filter"), .init("s", "sort"), .init("t", "theme"),
                                                                .init("?", "help"), .init("q", "quit")])
                        .render(into: &canvas, area: canvas.bounds.bottom(1), styles: styles)
                    if showHelp {
                        HelpOverlay(sections: [
                            .init("Navigation", [.init("j / Down", "next row"), .init("k / Up", "previous row"),
                                                 .init("PgDn / PgUp", "page"), .init("g / G", "first / last")]),
                            .init("Table", [.init("s", "sort by next column"), .init("/", "filter")]),
                            .init("General", [.init("t", "next theme"), .init("?", "this help"), .init("q", "quit")]),
                        ]).render(into: &canvas, area: canvas.bounds, styles: styles)
                    }
                }
                guard let key = session.nextKey(timeoutMilliseconds: 1000) else {
                    ticks += 1
                    continue
                }
                lastKey = key.description
                if let current = command {
                    switch current.handling(key) {
                    case .editing(let next): command = next
                    case .cancelled: command = nil
                    case .submitted(let text):
                        command = nil
                        if current.mode == .search { state = state.filtering(text) }
                    }
                    continue
                }
                if showHelp {
                    showHelp = false
                    continue
                }
                switch key {
                case .character("q"): return
                case .character("?"): showHelp = true
                case .character("/"): command = CommandLineInput(mode: .search, text: state.filter)
                case .character(":"): command = CommandLineInput(mode: .command)
                case .character("s"): state = state.sorting(by: ((state.sortColumn ?? -1) + 1) % columns.count)
                case .character("t"):
                    themeIndex = (themeIndex + 1) % themes.count
                    session.setTheme(BuiltinThemes.theme(named: themes[themeIndex]) ?? BuiltinThemes.defaultTheme)
                case .control("l"): session.backend.invalidate()
                case .character("!"): fatalError("demo crash: the terminal must come back before this report")
                default:
                    if let next = state.handling(key, rowCount: shown.count, visibleRows: page) { state = next }
                }
            }
        }
    }
}
