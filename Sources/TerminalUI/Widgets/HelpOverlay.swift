import Console

/// A box over the screen listing keys and what they do, in sections.
public struct HelpOverlay: Hashable, Sendable {
    /// A group of key bindings under a heading.
    public struct Section: Hashable, Sendable {
        public var title: String
        public var entries: [Entry]
        public init(_ title: String, _ entries: [Entry]) {
            self.title = title
            self.entries = entries
        }
    }

    /// Keys (as shown, e.g. "j / Down") and what they do.
    public struct Entry: Hashable, Sendable {
        public var keys: String
        public var action: String
        public init(_ keys: String, _ action: String) {
            self.keys = keys
            self.action = action
        }
    }

    public var title: String
    public var sections: [Section]

    public init(title: String = "Help", sections: [Section]) {
        self.title = title
        self.sections = sections
    }

    /// Draws a centred box sized to the content (at most `area`), clearing
    /// what is under it; lines that do not fit start at `offset`.
    public func render(into canvas: inout Canvas, area: Rect, offset: Int = 0, styles: StyleSheet) {
        let area = area.intersection(canvas.bounds)
        guard area.width >= 4, area.height >= 3 else { return }
        let keyWidth = sections.flatMap(\.entries).map { DisplayWidth.of(SafeText.sanitize($0.keys)) }.max() ?? 0
        var lines: [(text: String, action: String?, isTitle: Bool)] = []
        for (i, section) in sections.enumerated() {
            if i > 0 { lines.append(("", nil, false)) }
            lines.append((section.title, nil, true))
            for entry in section.entries { lines.append((entry.keys, entry.action, false)) }
        }
        let contentWidth = lines.map { line -> Int in
            if let action = line.action { return keyWidth + 2 + DisplayWidth.of(SafeText.sanitize(action)) }
            return DisplayWidth.of(SafeText.sanitize(line.text))
        }.max() ?? 0
        let box = area.centered(width: contentWidth + 4, height: lines.count + 2)
        let help = styles[.help]
        canvas.fill(box, style: help)
        let inside = canvas.drawBox(box, style: help.patched(with: styles[.border].background(.default)), title: title,
                                    titleStyle: help.adding(.bold))
        let inner = inside.inset(dx: 1, dy: 0)
        let start = min(max(0, offset), max(0, lines.count - inner.height))
        for (row, line) in lines.dropFirst(start).prefix(inner.height).enumerated() {
            let y = inner.y + row
            if line.isTitle {
                canvas.draw(line.text, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: help.adding([.bold, .underline]))
            } else if let action = line.action {
                canvas.draw(line.text, in: Rect(x: inner.x, y: y, width: min(keyWidth, inner.width), height: 1),
                            style: help.patched(with: styles[.accent].background(.default)).adding(.bold))
                canvas.draw(action, in: Rect(x: inner.x + keyWidth + 2, y: y, width: inner.width - keyWidth - 2, height: 1), style: help)
            }
        }
    }
}
