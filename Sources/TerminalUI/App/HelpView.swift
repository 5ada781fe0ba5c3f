import Console

/// The `?` overlay: every key, from `KeyHelp`, in a box over the body.
enum HelpView {
    /// Draws the help box; returns how many lines fit (the scroll page).
    static func render(offset: Int, into canvas: inout Canvas, area: Rect, styles: StyleSheet) -> Int {
        let lines = KeyHelp.lines()
        let width = min(area.width, max(60, min(96, area.width - 4)))
        let box = area.centered(width: width, height: min(area.height, lines.count + 2))
        canvas.fill(box, style: styles[.help])
        let inside = canvas.drawBox(box, style: styles[.border].background(styles[.help].background),
                                    title: "Keys — Esc closes", titleStyle: styles[.help].adding(.bold))
        let start = ConsoleUpdate.clampScroll(offset, lines: lines.count, visible: inside.height)
        for row in 0..<inside.height {
            let index = start + row
            guard index < lines.count else { break }
            let line = lines[index]
            let style = line.isTitle ? styles[.help].patched(with: styles[.accent]).adding(.bold) : styles[.help]
            canvas.draw(" " + line.text, in: inside.row(row), style: style)
        }
        if lines.count > inside.height, box.height > 2 {
            canvas.draw(" \(min(lines.count, start + inside.height)) of \(lines.count) — j/k scroll ",
                        in: Rect(x: box.x + 2, y: box.maxY - 1, width: box.width - 4, height: 1),
                        style: styles[.help], alignment: .right)
        }
        return inside.height
    }
}
