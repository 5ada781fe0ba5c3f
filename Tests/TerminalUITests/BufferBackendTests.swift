import Console
import Testing
@testable import TerminalUI

@Suite struct BufferBackendTests {
    func frame(_ size: Size, _ text: String, row: Int = 0) -> Canvas {
        var canvas = Canvas(size: size)
        canvas.draw(text, x: 0, y: row, style: .plain)
        return canvas
    }

    @Test func firstFrameWritesEveryCellThenIdleWritesNothing() {
        let backend = BufferBackend(size: Size(width: 80, height: 24))
        let canvas = frame(backend.size, "hello")
        backend.draw(canvas)
        #expect(backend.lastWriteCount == 80 * 24)
        backend.draw(canvas)
        #expect(backend.lastWriteCount == 0)
        #expect(backend.text(row: 0).hasPrefix("hello"))
    }

    @Test func oneChangedCellWritesOneCell() {
        let backend = BufferBackend(size: Size(width: 80, height: 24))
        backend.draw(frame(backend.size, "hello"))
        backend.draw(frame(backend.size, "hellO"))
        #expect(backend.lastWriteCount == 1)
    }

    @Test func changingHalfAWideCharacterRewritesTheWholeCharacter() {
        let old = frame(Size(width: 10, height: 1), "日本")
        var new = old
        new.put(Cell(text: "語", width: 2), x: 2, y: 0)
        let diff = CanvasDiff(from: old, to: new)
        #expect(diff.runs == [CanvasDiff.Run(y: 0, start: 2, end: 4)])
    }

    @Test func styleChangesAreDiffed() {
        let backend = BufferBackend(size: Size(width: 10, height: 2))
        var canvas = frame(backend.size, "ab")
        backend.draw(canvas)
        canvas.applyStyle(Style(attributes: .bold), to: Rect(x: 0, y: 0, width: 1, height: 1))
        backend.draw(canvas)
        #expect(backend.lastWriteCount == 1)
        #expect(backend.style(at: 0, 0).attributes.contains(.bold))
    }

    @Test func resizeAndInvalidateRepaintEverything() {
        let backend = BufferBackend(size: Size(width: 10, height: 2))
        backend.draw(frame(backend.size, "x"))
        backend.resize(to: Size(width: 12, height: 3))
        #expect(backend.readKey(timeoutMilliseconds: 0) == .resize)
        backend.draw(frame(backend.size, "x"))
        #expect(backend.lastWriteCount == 36)
        backend.invalidate()
        backend.draw(frame(backend.size, "x"))
        #expect(backend.lastWriteCount == 36)
    }

    @Test func nonUnicodeTerminalGetsASCII() {
        let backend = BufferBackend(size: Size(width: 8, height: 1), capabilities: TerminalCapabilities(colorDepth: .ansi8, unicode: false))
        backend.draw(frame(backend.size, "日─x"))
        #expect(backend.text(row: 0) == "??-x    ")
    }
}
