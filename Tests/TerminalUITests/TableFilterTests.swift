import Testing
@testable import TerminalUI

/// The `/` filter's words: negation, a column, numbers, quotes.
@Suite struct TableFilterTests {
    static let titles = ["Name", "Days", "Expiry", "Status", "Common name"]

    func matches(_ filter: String, _ cells: [String]) -> Bool {
        TableFilter(filter).matches(titles: Self.titles, cell: { cells[$0] }, fields: { cells })
    }

    @Test func plainWordsAreSubstringsInAnyColumnAndAllMustMatch() {
        let row = ["se-01", "12", "ok", "AUTH_TOKEN_SUCCESS", "se-01.example.com"]
        #expect(matches("se-0", row))
        #expect(matches("SUCCESS", row), "any case")
        #expect(matches("se example", row), "every word must match, anywhere")
        #expect(!matches("se missing", row))
        #expect(matches("", row) && matches("   ", row), "an empty filter shows everything")
    }

    @Test func negationExcludes() {
        let ok = ["se-01", "12", "ok", "AUTH_TOKEN_SUCCESS", ""]
        let bad = ["se-02", "3", "<=7 d", "SECURE_CHANNEL_NONE", ""]
        #expect(!matches("!SUCCESS", ok))
        #expect(matches("!SUCCESS", bad))
        #expect(matches("!success se-02", bad))
    }

    @Test func aColumnNarrowsTheMatchToThatColumn() {
        let row = ["none-cert", "12", "ok", "AUTH_TOKEN_SUCCESS", ""]
        #expect(!matches("status:none", row), "the name holds 'none', the status does not")
        #expect(matches("name:none", row))
        #expect(matches("status:!none", row) && matches("!status:none", row))
        #expect(matches("commonname:", row) && matches("common:", row), "a title without spaces, or its start")
        #expect(matches("status:=auth_token_success", row))
        #expect(!matches("status:=auth_token", row), "= is the whole cell")
        #expect(matches("status:!=auth_token", row))
    }

    @Test func numbersCompareAsNumbers() {
        func days(_ value: String) -> [String] { ["c", value, "", "", ""] }
        #expect(matches("days:<30", days("12")))
        #expect(matches("days:<30", days("-3")))
        #expect(!matches("days:<30", days("100")), "100 is not below 30 (as text it would be)")
        #expect(!matches("days:<30", days("?")), "a cell that is not a number never matches a comparison")
        #expect(matches("days:>=0 days:<=7", days("7")) && !matches("days:>=0 days:<=7", days("8")))
        #expect(matches("days:=7", days("7")) && !matches("days:=7", days("70")))
        #expect(matches("days:>7", days("8")) && !matches("days:>7", days("7")))
    }

    @Test func quotesKeepSpacesAndUnknownColumnsAreText() {
        let row = ["c", "3", "not yet valid", "", ""]
        #expect(matches("expiry:=\"not yet valid\"", row))
        #expect(!matches("expiry:=\"not yet\"", row))
        #expect(TableFilter("a \"b c\" d").terms.map(\.value) == ["a", "b c", "d"])
        let time = ["2026-11-18 04:44:28", "", "", "", ""]
        #expect(matches("04:44", time), "a word whose 'column' names none is plain text")
        #expect(matches("nosuchcolumn:x", ["nosuchcolumn:x", "", "", "", ""]))
    }
}
