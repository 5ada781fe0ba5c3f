import Testing
@testable import TerminalUI

@Suite struct TableStateTests {
    @Test func downMovesSelectionAndScrollsToKeepItVisible() {
        var state = TableState()
        for _ in 0..<12 { state = state.moving(.down, rowCount: 100, visibleRows: 10) }
        #expect(state.selection == 12)
        #expect(state.offset == 3)
    }

    @Test func upStopsAtTheTop() {
        let state = TableState().moving(.up, rowCount: 5, visibleRows: 10)
        #expect(state.selection == 0)
        #expect(state.offset == 0)
    }

    @Test func pageDownAndUpMoveByAPage() {
        var state = TableState().moving(.pageDown, rowCount: 100, visibleRows: 10)
        #expect(state.selection == 10)
        #expect(state.offset == 10)
        state = state.moving(.pageUp, rowCount: 100, visibleRows: 10)
        #expect(state.selection == 0)
        #expect(state.offset == 0)
    }

    @Test func topAndBottom() {
        let bottom = TableState().handling(.character("G"), rowCount: 10_000, visibleRows: 20)
        #expect(bottom?.selection == 9_999)
        #expect(bottom?.offset == 9_980)
        let top = bottom?.handling(.character("g"), rowCount: 10_000, visibleRows: 20)
        #expect(top?.selection == 0)
        #expect(top?.offset == 0)
    }

    @Test func clampAfterRowsDisappear() {
        let state = TableState(selection: 50, offset: 45).clamped(rowCount: 8, visibleRows: 10)
        #expect(state.selection == 7)
        #expect(state.offset == 0)
        let empty = TableState(selection: 3, offset: 1).clamped(rowCount: 0, visibleRows: 10)
        #expect(empty.selection == 0 && empty.offset == 0)
    }

    @Test func sortingTogglesOnTheSameColumn() {
        let byName = TableState().sorting(by: 1)
        #expect(byName.sortColumn == 1 && byName.sortDirection == .ascending)
        #expect(byName.sorting(by: 1).sortDirection == .descending)
        #expect(byName.sorting(by: 1).sorting(by: 2).sortDirection == .ascending)
    }

    @Test func filterResetsSelectionAndMatchesCaseInsensitively() {
        let state = TableState(selection: 5, offset: 2).filtering("PORTAL")
        #expect(state.selection == 0 && state.offset == 0)
        #expect(state.matches(["System-Default-Portal-Cert"]))
        #expect(!state.matches(["secure-channel"]))
    }

    @Test func nonMovementKeysAreNotHandled() {
        #expect(TableState().handling(.character("x"), rowCount: 5, visibleRows: 5) == nil)
    }
}
