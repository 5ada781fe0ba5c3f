import AviAPI
import Testing
@testable import TerminalUI

/// Key handling through `ConsoleUpdate.update`, with no terminal at all.
@Suite struct AppUpdateTests {
    /// A state whose current table has `rows` rows with `visible` on screen.
    func state(screen: ScreenID = .certificates, rows: Int = 100, visible: Int = 20, readOnly: String? = nil) -> UIState {
        var state = UIState(readOnlyReason: readOnly)
        state.screen = screen
        for id in ScreenID.allCases { state.measures[id] = TableMeasure(rowCount: rows, visibleRows: visible, detailLines: 50, detailVisible: 10) }
        return state
    }

    func press(_ state: UIState, _ keys: Key...) -> (UIState, [Effect]) {
        var current = state
        var effects: [Effect] = []
        for key in keys {
            let (next, more) = ConsoleUpdate.update(current, .key(key))
            current = next
            effects += more
        }
        return (current, effects)
    }

    @Test func numberKeysTabAndShiftTabPickScreens() {
        var s = UIState()
        for screen in ScreenID.allCases {
            s = press(s, .character(screen.numberKey)).0
            #expect(s.screen == screen)
        }
        s = press(s, .tab).0
        #expect(s.screen == .overview, "Tab wraps from the last screen to the first")
        s = press(s, .backTab).0
        #expect(s.screen == .requests)
        s = press(s, .backTab, .backTab).0
        #expect(s.screen == .certificates)
    }

    @Test func commandLineOpensScreensAndQuits() {
        let cases: [(String, ScreenID)] = [("certs", .certificates), ("alerts", .alerts), ("se", .serviceEngines), ("cluster", .cluster),
                                           ("tunnels", .secureChannel), ("sc", .secureChannel), ("requests", .requests), ("overview", .overview)]
        for (command, screen) in cases {
            var s = press(UIState(), .character(":")).0
            #expect(s.input != nil)
            for c in command { s = press(s, .character(c)).0 }
            s = press(s, .enter).0
            #expect(s.screen == screen, ":\(command)")
            #expect(s.input == nil)
        }
        for quit in ["q", "quit"] {
            var s = press(UIState(), .character(":")).0
            for c in quit { s = press(s, .character(c)).0 }
            #expect(press(s, .enter).1 == [.quit])
        }
        var s = press(UIState(), .character(":"), .character("x"), .character("y"), .enter).0
        #expect(s.message?.text.contains("unknown command :xy") == true)
        s = press(UIState(), .character(":"), .character("t"), .character("u"), .tab).0
        #expect(s.input?.text == "tunnels ", "Tab completes a unique command and adds a space for the argument")
        s = press(UIState(), .character(":"), .character("s"), .character("o"), .tab).0
        #expect(s.input?.text == "sort ")
        s = press(UIState(), .character(":"), .character("q"), .tab).0
        #expect(s.input?.text == "q", "q is also the start of quit: no space")
        s = press(UIState(), .character(":"), .character("c"), .character("e"), .tab).0
        #expect(s.input?.text == "cert", "Tab completes as far as the candidates agree")
        s = press(UIState(), .character(":"), .character("h"), .character("e"), .character("l"), .character("p"), .enter).0
        #expect(s.overlay == .help(offset: 0))
    }

    @Test func filterAppliesAsTypedEnterKeepsEscCancels() {
        var s = press(state(), .character("/"), .character("v"), .character("s")).0
        #expect(s.table.filter == "vs")
        #expect(s.input?.isFilter == true)
        s = press(s, .enter).0
        #expect(s.input == nil && s.table.filter == "vs")
        s = press(s, .character("/"), .character("x"), .escape).0
        #expect(s.table.filter == "vs", "Esc while typing puts back the filter there was")
        s = press(s, .escape).0
        #expect(s.table.filter == "", "Esc clears a kept filter")
        s = press(s, .character("/"), .character("a"), .backspace, .backspace).0
        #expect(s.input == nil, "Backspace on an empty prompt leaves it")
        let q = press(state(), .character("/"), .character("q"))
        #expect(q.0.table.filter == "q" && q.1.isEmpty, "q while typing is text, not quit")
    }

    @Test func sortCyclesColumnsAndReverses() {
        var s = state(screen: .serviceEngines)
        #expect(s.table.sortColumn == nil, "worst first by default")
        s = press(s, .character("s")).0
        #expect(s.table.sortColumn == 0 && s.table.sortDirection == .ascending)
        s = press(s, .character("s")).0
        #expect(s.table.sortColumn == 1)
        s = press(s, .character("S")).0
        #expect(s.table.sortDirection == .descending)
        for _ in 0..<ServiceEnginesScreen.columns.count - 2 { s = press(s, .character("s")).0 }
        #expect(s.table.sortColumn == ServiceEnginesScreen.columns.count - 1)
        s = press(s, .character("s")).0
        #expect(s.table.sortColumn == nil && s.message?.text == "sorted worst first", "after the last column, back to worst first")
        s = press(s, .character("s")).0
        #expect(s.table.sortColumn == 0, "then the first column again")
        var c = press(state(), .character(":")).0
        for ch in "sort issuer" { c = press(c, .character(ch)).0 }
        c = press(c, .enter).0
        #expect(c.table.sortColumn == CertificatesScreen.columns.firstIndex { $0.title == "Issuer" })
    }

    @Test func movementKeysStayInsideTheRows() {
        var s = press(state(rows: 100, visible: 20), .character("j"), .down, .character("j")).0
        #expect(s.table.selection == 3)
        s = press(s, .character("k")).0
        #expect(s.table.selection == 2)
        s = press(s, .character("G")).0
        #expect(s.table.selection == 99)
        #expect(s.table.offset == 80)
        s = press(s, .down).0
        #expect(s.table.selection == 99)
        s = press(s, .pageUp).0
        #expect(s.table.selection == 79)
        s = press(s, .character("g")).0
        #expect(s.table.selection == 0 && s.table.offset == 0)
        s = press(s, .pageDown, .control("d")).0
        #expect(s.table.selection == 30)
        s = press(s, .control("u")).0
        #expect(s.table.selection == 20)
        let empty = press(state(rows: 0), .character("j"), .character("G")).0
        #expect(empty.table.selection == 0)
    }

    @Test func enterOpensDetailsAndEscClosesThem() {
        var s = press(state(), .enter).0
        #expect(s.overlay == .detail(offset: 0))
        s = press(s, .character("j"), .character("j"), .pageDown).0
        #expect(s.overlay == .detail(offset: 12))
        s = press(s, .character("G")).0
        #expect(s.overlay == .detail(offset: 40))
        s = press(s, .escape).0
        #expect(s.overlay == .none)
        let none = press(state(rows: 0), .enter).0
        #expect(none.overlay == .none, "nothing to show")
        let overview = press(state(screen: .overview), .enter).0
        #expect(overview.overlay == .none && overview.message != nil)
    }

    @Test func helpOpensClosesAndQuitQuits() {
        var s = press(UIState(), .character("?")).0
        #expect(s.overlay == .help(offset: 0))
        s = press(s, .escape).0
        #expect(s.overlay == .none)
        #expect(press(UIState(), .character("q")).1 == [.quit])
    }

    @Test func qClosesHelpAndDetailsInsteadOfQuitting() {
        let help = press(UIState(), .character("?"), .character("q"))
        #expect(help.0.overlay == .none && help.1.isEmpty, "q in help closes it, as Esc does")
        let details = press(state(), .enter, .character("q"))
        #expect(details.0.overlay == .none && details.1.isEmpty, "q in details closes them")
        let helpOverDetails = press(state(), .enter, .character("?"), .character("q"))
        #expect(helpOverDetails.0.overlay == .none && helpOverDetails.1.isEmpty)
        #expect(press(help.0, .character("q")).1 == [.quit], "with no overlay, q quits")
    }

    @Test func sortingStartsAtTheTop() {
        // Requests: the selection mid-list; a new order shows its first rows, not the same row somewhere else.
        var s = state(screen: .requests, rows: 100, visible: 20)
        s = press(s, .character("G")).0
        s.selectedIDs[.requests] = "1234"
        #expect(s.table.selection == 99)
        for key in [Key.character("s"), .character("S")] {
            var t = s
            t = press(t, key).0
            #expect(t.table.selection == 0 && t.table.offset == 0 && t.selectedIDs[.requests] == nil, "\(key)")
        }
        var c = press(s, .character(":")).0
        for ch in "sort path" { c = press(c, .character(ch)).0 }
        c = press(c, .enter).0
        #expect(c.table.selection == 0 && c.table.sortColumn == 5)
    }

    @Test func aTerminalThatCannotMoveTheCursorIsRefusedWithAFix() {
        let message = TerminalRequirement.problem(term: "dumb")
        #expect(message?.contains("TERM=dumb") == true && message?.contains("TERM=xterm-256color") == true)
        #expect(TerminalRequirement.problem(term: "xterm") == nil)
        #expect(TerminalRequirement.problem(term: "bogus") == nil, "unknown types fall back to xterm with a note")
        #expect(TerminalRequirement.problem(term: nil) == nil)
    }

    @Test func refreshPauseAndWizardAreEffects() {
        #expect(press(UIState(), .character("r")).1 == [.refreshNow])
        let paused = press(UIState(), .character("p"))
        #expect(paused.0.paused && paused.1 == [.setPaused(true)])
        #expect(press(paused.0, .character("p")).1 == [.setPaused(false)])
        let once = press(paused.0, .character("r"))
        #expect(once.1 == [.refreshOnce] && once.0.paused, "r while paused reads once and stays paused")
        let wizard = press(UIState(), .character("w"))
        #expect(wizard.0.overlay == .wizard && wizard.1 == [.openWizard])
        #expect(press(wizard.0, .character("x")).1 == [.wizardKey(.character("x"))], "the wizard gets every key")
        let closed = ConsoleUpdate.update(wizard.0, .wizardClosed).0
        #expect(closed.overlay == .none)
        #expect(press(UIState(), .control("l")).1 == [.redrawAll])
    }

    @Test func readOnlyShowsTheWizardDisabledWithTheReason() {
        let (s, effects) = press(state(readOnly: "--read-only"), .character("w"))
        #expect(effects.isEmpty)
        #expect(s.overlay == .none)
        #expect(s.message?.text == "rotation is disabled: read-only (--read-only)")
    }

    @Test func alertsFollowAndLevelFilter() {
        var s = state(screen: .alerts)
        #expect(!s.followAlerts, "the list opens on the worst alerts, not following")
        s = press(s, .character("f")).0
        #expect(s.followAlerts && s.message?.text == "following the newest alert")
        s = press(s, .character("j")).0
        #expect(!s.followAlerts, "moving stops following")
        s = press(s, .character("f"), .character("k")).0
        #expect(!s.followAlerts, "moving up stops following too")
        var levels: [AlertLevelFilter] = []
        for _ in 0..<4 {
            s = press(s, .character("l")).0
            levels.append(s.alertLevel)
        }
        #expect(levels == [.high, .medium, .low, .all])
        #expect(AlertLevelFilter.high.admits(.high) && !AlertLevelFilter.high.admits(.low))
    }

    @Test func measuredKeepsTheViewsResolvedSelection() {
        var resolved = TableState(selection: 7, offset: 3)
        resolved.filter = "x"
        let s = ConsoleUpdate.update(state(), .measured(.certificates, TableMeasure(rowCount: 9, visibleRows: 5), resolved: resolved,
                                                         selectedID: "cert-uuid")).0
        #expect(s.table.selection == 7 && s.selectedIDs[.certificates] == "cert-uuid")
        let moved = press(s, .character("k")).0
        #expect(moved.selectedIDs[.certificates] == nil, "a move selects by position until the view reports the new id")
        #expect(moved.table.selection == 6)
    }

    @Test func everyBindingIsInTheHelp() {
        let keys = KeyHelp.sections.flatMap(\.entries).map(\.keys).joined(separator: " ")
        for key in ["1 … 7", "Tab", "Shift-Tab", "/", "s", "S", "r", "p", "?", "q", "Esc", "Enter", "PgUp", "PgDn", "g", "G", "f", "l", "w",
                    "Ctrl-L", ":quit", ":certs", ":alerts", ":se", ":tunnels", ":requests", ":cluster", ":overview"] {
            #expect(keys.contains(key), "help lists \(key)")
        }
    }
}
