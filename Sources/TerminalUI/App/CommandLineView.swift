import Console

/// The prompt on the status line while `:` or `/` is typed: the prompt, the
/// text (its tail when long) and a block cursor.
enum CommandLineView {
    static func render(_ input: InputLine, into canvas: inout Canvas, area: Rect, styles: StyleSheet) {
        let line = area.top(1)
        guard !line.isEmpty else { return }
        canvas.fill(line, style: styles[.normal])
        let hint: String
        switch input.kind {
        case .command: hint = "  Enter runs · Tab completes · Esc cancels"
        case .filter: hint = "  Enter keeps · Esc cancels"
        }
        let room = max(1, line.width - 2 - DisplayWidth.of(hint))
        var text = SafeText.sanitize(input.text)
        while DisplayWidth.of(text) > room - 1, !text.isEmpty { text.removeFirst() }
        var x = line.x
        x += canvas.draw(input.prompt, x: x, y: line.y, style: styles[.accent].adding(.bold), clip: line)
        x += canvas.draw(text, x: x, y: line.y, style: styles[.normal], clip: line)
        canvas.put(Cell(text: " ", style: styles[.normal].adding(.reverse)), x: x, y: line.y)
        canvas.draw(hint, x: x + 2, y: line.y, style: styles[.muted], clip: line)
    }
}
