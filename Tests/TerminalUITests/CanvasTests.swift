import Testing
@testable import TerminalUI

@Suite struct CanvasTests {
    @Test func drawsAndClipsText() {
        var canvas = Canvas(size: Size(width: 10, height: 2))
        canvas.draw("hello world", x: 2, y: 0, style: .plain)
        #expect(canvas.text(row: 0) == "  hello wo")
        canvas.draw("abc", x: 0, y: 1, style: .plain, clip: Rect(x: 0, y: 1, width: 2, height: 1))
        #expect(canvas.text(row: 1) == "ab        ")
    }

    @Test func wideCharactersTakeTwoCells() {
        var canvas = Canvas(size: Size(width: 10, height: 1))
        canvas.draw("日本語ABC|", x: 0, y: 0, style: .plain)
        #expect(canvas.text(row: 0) == "日本語ABC|")
        #expect(canvas[0, 0].width == 2)
        #expect(canvas[1, 0].isContinuation)
        #expect(canvas[9, 0].text == "|")
    }

    @Test func wideCharacterNeverSplitsAtTheEdge() {
        var canvas = Canvas(size: Size(width: 5, height: 1))
        canvas.draw("ab日本", x: 0, y: 0, style: .plain)
        // "日" fits in 2..3, "本" would need 4..5 but only 4 exists: a space.
        #expect(canvas.text(row: 0) == "ab日 ")
        #expect(canvas[4, 0] == .blank())
    }

    @Test func emojiAlignByDisplayWidth() {
        var canvas = Canvas(size: Size(width: 8, height: 2))
        canvas.draw("😀X", x: 0, y: 0, style: .plain)
        canvas.draw("|", x: 3, y: 0, style: .plain)
        canvas.draw("abc|", x: 0, y: 1, style: .plain)
        #expect(canvas.text(row: 0) == "😀X|    ")
        #expect(canvas.text(row: 1) == "abc|    ")
    }

    @Test func combiningMarksAttachToThePreviousCell() {
        var canvas = Canvas(size: Size(width: 4, height: 1))
        canvas.draw("e\u{301}x", x: 0, y: 0, style: .plain)
        #expect(canvas[0, 0].text == "e\u{301}")
        #expect(canvas[1, 0].text == "x")
    }

    @Test func combiningFloodIsCapped() {
        var canvas = Canvas(size: Size(width: 3, height: 1))
        canvas.draw("a" + String(repeating: "\u{301}", count: 50), x: 0, y: 0, style: .plain)
        #expect(canvas[0, 0].text.unicodeScalars.count == 1 + Cell.maxCombining)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(size: Size(width: 4, height: 1))
        canvas.draw("日本", x: 0, y: 0, style: .plain)
        canvas.draw("x", x: 1, y: 0, style: .plain)
        #expect(canvas.text(row: 0) == " x本")
        canvas.draw("y", x: 2, y: 0, style: .plain)
        #expect(canvas.text(row: 0) == " xy ")
    }

    @Test func controlSequencesNeverReachTheCanvas() {
        var canvas = Canvas(size: Size(width: 12, height: 1))
        canvas.draw("a\u{1B}[2Jb\u{9B}1mc", x: 0, y: 0, style: .plain)
        #expect(canvas.text(row: 0) == "abc         ")
    }

    @Test func alignedDrawInRect() {
        var canvas = Canvas(size: Size(width: 10, height: 1))
        canvas.draw("42", in: Rect(x: 0, y: 0, width: 5, height: 1), style: .plain, alignment: .right)
        canvas.draw("toolongtext", in: Rect(x: 5, y: 0, width: 5, height: 1), style: .plain)
        #expect(canvas.text(row: 0) == "   42tool…")
    }

    @Test func tinyAndEmptyCanvasesDoNotCrash() {
        for size in [Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 1, height: 0)] {
            var canvas = Canvas(size: size)
            canvas.draw("日本語", x: 0, y: 0, style: .plain)
            canvas.draw("x", in: canvas.bounds, style: .plain, alignment: .center)
            canvas.drawBox(canvas.bounds, style: .plain, title: "t")
            canvas.fill(Rect(x: -5, y: -5, width: 100, height: 100), style: .plain)
            canvas.put(Cell(text: "日", width: 2), x: 0, y: 0)
            _ = canvas.lines
        }
        var one = Canvas(size: Size(width: 1, height: 1))
        one.draw("日", x: 0, y: 0, style: .plain)
        #expect(one.text(row: 0) == " ")
    }

    @Test func boxWithTitle() {
        var canvas = Canvas(size: Size(width: 10, height: 3))
        let inside = canvas.drawBox(canvas.bounds, style: .plain, title: "Hi")
        #expect(canvas.lines == ["┌─ Hi ───┐", "│        │", "└────────┘"])
        #expect(inside == Rect(x: 1, y: 1, width: 8, height: 1))
        var ascii = Canvas(size: Size(width: 4, height: 2), glyphs: .ascii)
        ascii.drawBox(ascii.bounds, style: .plain)
        #expect(ascii.lines == ["+--+", "+--+"])
    }

    @Test func asciiFallbackKeepsColumns() {
        var canvas = Canvas(size: Size(width: 8, height: 1))
        canvas.draw("日本─e\u{301}é|", x: 0, y: 0, style: .plain)
        let ascii = canvas.asciiFallback()
        // A decomposed accent keeps its base letter; other non-ASCII is "?".
        #expect(ascii.text(row: 0) == "????-e?|")
    }

    @Test func japaneseNamesLineUpInATableColumn() {
        let names = ["山田太郎", "Smith", "佐藤", "ケンブリッジ大学"]
        var canvas = Canvas(size: Size(width: 20, height: names.count))
        for (row, name) in names.enumerated() {
            canvas.draw(name, in: Rect(x: 0, y: row, width: 10, height: 1), style: .plain)
            canvas.draw("|", x: 10, y: row, style: .plain)
        }
        for row in 0..<names.count {
            let line = canvas.text(row: row)
            let prefix = line.prefix { $0 != "|" }
            #expect(DisplayWidth.of(String(prefix)) == 10, "row \(row): \(line)")
        }
        #expect(canvas.text(row: 3).hasPrefix("ケンブリ…"))
    }
}
