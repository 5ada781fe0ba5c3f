import Console

/// The status line while `:` or `/` is typed: the prompt and text (the
/// foundation's `CommandLineInput`), and what Enter, Tab and Esc do.
enum CommandLineView {
    static func render(_ input: InputLine, into canvas: inout Canvas, area: Rect, styles: StyleSheet) {
        let line = area.top(1)
        guard !line.isEmpty else { return }
        canvas.fill(line, style: styles[.normal])
        let hint = input.isFilter ? "Enter keeps · Esc cancels " : "Enter runs · Tab completes · Esc cancels "
        let hintWidth = DisplayWidth.of(hint)
        let showHint = line.width - hintWidth >= 30
        input.line.render(into: &canvas, area: showHint ? line.left(line.width - hintWidth - 1) : line, styles: styles)
        if showHint {
            canvas.draw(hint, in: Rect(x: line.maxX - hintWidth, y: line.y, width: hintWidth, height: 1), style: styles[.muted])
        }
    }
}
