import Testing
@testable import TerminalUI

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneCell() {
        #expect(DisplayWidth.of("hello") == 5)
    }

    @Test func cjkHangulAndFullwidthAreTwoCells() {
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("ＡＢ") == 4)
        #expect(DisplayWidth.of("かな") == 4)
    }

    @Test func emojiAreTwoCells() {
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("🚀") == 2)
    }

    @Test func zeroWidthScalars() {
        #expect(DisplayWidth.of("e\u{301}") == 1)      // combining acute
        #expect(DisplayWidth.of("\u{200D}") == 0)      // ZWJ
        #expect(DisplayWidth.of("\u{FE0F}") == 0)      // VS16
        #expect(DisplayWidth.of("\u{200B}") == 0)      // ZWSP
        #expect(DisplayWidth.of("\u{1160}") == 0)      // Hangul medial jamo
        #expect(DisplayWidth.of("\u{07}") == 0)        // control: never drawn
    }

    @Test func ambiguousAndOtherScriptsAreOneCell() {
        #expect(DisplayWidth.of("é") == 1)
        #expect(DisplayWidth.of("Ж") == 1)
        #expect(DisplayWidth.of("─") == 1)
        #expect(DisplayWidth.of("…") == 1)
    }

    @Test func tablesAreSortedAndDisjoint() {
        for table in [DisplayWidthTables.zeroWidth, DisplayWidthTables.doubleWidth] {
            for (a, b) in zip(table, table.dropFirst()) {
                #expect(a.upperBound < b.lowerBound)
            }
        }
    }
}
