import Console

/// The `:` command and `/` search line being typed: text, cursor and the
/// editing rules. Named `CommandLineInput` because `CommandLine` is the
/// standard library's (`CommandLine.arguments`).
public struct CommandLineInput: Hashable, Sendable {
    /// Which prompt: `:` runs a command, `/` filters.
    public enum Mode: Hashable, Sendable {
        case command, search

        public var prompt: String { self == .command ? ":" : "/" }
    }

    /// What a key did to the line.
    public enum Outcome: Hashable, Sendable {
        case editing(CommandLineInput)
        /// Esc (or Backspace on an empty line): leave without acting.
        case cancelled
        /// Enter: act on the text.
        case submitted(String)
    }

    public var mode: Mode
    public private(set) var characters: [Character]
    /// Cursor position, 0…characters.count, in characters.
    public private(set) var cursor: Int

    public init(mode: Mode, text: String = "") {
        self.mode = mode
        self.characters = Array(text)
        self.cursor = characters.count
    }

    public var text: String { String(characters) }

    /// Applies one key: printable characters insert, Backspace/Delete,
    /// Left/Right/Home/End and Ctrl-A/E move, Ctrl-U clears to the start,
    /// Ctrl-W deletes a word, Esc cancels, Enter submits.
    public func handling(_ key: Key) -> Outcome {
        var next = self
        switch key {
        case .escape, .control("c"), .control("g"):
            return .cancelled
        case .enter:
            return .submitted(text)
        case .character(let c):
            next.characters.insert(c, at: cursor)
            next.cursor += 1
        case .backspace, .control("h"):
            if characters.isEmpty { return .cancelled }
            if cursor > 0 {
                next.characters.remove(at: cursor - 1)
                next.cursor -= 1
            }
        case .delete, .control("d"):
            if cursor < characters.count { next.characters.remove(at: cursor) }
        case .left, .control("b"): next.cursor = max(0, cursor - 1)
        case .right, .control("f"): next.cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): next.cursor = 0
        case .end, .control("e"): next.cursor = characters.count
        case .control("u"):
            next.characters.removeFirst(cursor)
            next.cursor = 0
        case .control("w"):
            var start = cursor
            while start > 0 && characters[start - 1] == " " { start -= 1 }
            while start > 0 && characters[start - 1] != " " { start -= 1 }
            next.characters.removeSubrange(start..<cursor)
            next.cursor = start
        default:
            break
        }
        return .editing(next)
    }

    /// Draws the prompt, the text and a reverse-video cursor into the first
    /// row of `area`, scrolled so the cursor stays visible.
    public func render(into canvas: inout Canvas, area: Rect, styles: StyleSheet) {
        let line = area.top(1).intersection(canvas.bounds)
        guard !line.isEmpty else { return }
        let style = styles[.normal]
        canvas.fill(line, style: style)
        let promptWidth = canvas.draw(mode.prompt, x: line.x, y: line.y, style: styles[.accent].adding(.bold), clip: line)
        let field = line.droppingLeft(promptWidth)
        guard field.width > 1 else { return }
        let safe = characters.map { SafeText.sanitize(String($0)) }
        let widths = safe.map { DisplayWidth.of($0) }
        // Scroll left until the text before the cursor, plus the cursor, fits.
        var first = 0
        while first < cursor && widths[first..<cursor].reduce(0, +) + 1 > field.width { first += 1 }
        var x = field.x
        for i in first..<safe.count {
            let isCursor = i == cursor
            let advance = canvas.draw(safe[i], x: x, y: line.y, style: isCursor ? style.adding(.reverse) : style, clip: field)
            if advance == 0 && x >= field.maxX { break }
            x += advance
        }
        if cursor == safe.count {
            canvas.draw(" ", x: x, y: line.y, style: style.adding(.reverse), clip: field)
        }
    }
}
