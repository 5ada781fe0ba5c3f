import Console

/// The bottom line: a message on the left (an error in the error style)
/// and key hints on the right (`?:help  q:quit`).
public struct StatusLine: Hashable, Sendable {
    /// A key and what it does.
    public struct Hint: Hashable, Sendable {
        public var key: String
        public var action: String
        public init(_ key: String, _ action: String) {
            self.key = key
            self.action = action
        }
    }

    public var message: String
    public var messageRole: ThemeRole
    public var hints: [Hint]

    public init(message: String = "", messageRole: ThemeRole = .statusBar, hints: [Hint] = []) {
        self.message = message
        self.messageRole = messageRole
        self.hints = hints
    }

    /// Draws into the first row of `area`; hints that do not fit are
    /// dropped from the left so the message keeps most of the line.
    public func render(into canvas: inout Canvas, area: Rect, styles: StyleSheet) {
        let line = area.top(1).intersection(canvas.bounds)
        guard !line.isEmpty else { return }
        let bar = styles[.statusBar]
        canvas.fill(line, style: bar)
        var shown: [Hint] = []
        var hintWidth = 0
        for hint in hints.reversed() {
            let w = DisplayWidth.of(SafeText.sanitize("\(hint.key):\(hint.action)")) + 2
            if hintWidth + w > line.width / 2 { break }
            shown.insert(hint, at: 0)
            hintWidth += w
        }
        var x = line.maxX - hintWidth
        let keyStyle = bar.adding(.bold)
        for hint in shown {
            x += canvas.draw(hint.key, x: x, y: line.y, style: keyStyle, clip: line)
            x += canvas.draw(":\(hint.action)  ", x: x, y: line.y, style: bar, clip: line)
        }
        let messageStyle = messageRole == .statusBar ? bar : bar.patched(with: styles[messageRole].background(.default))
        // A gap before the hints, so a cut message's ellipsis never runs into a key.
        let gap = hintWidth > 0 ? 2 : 0
        canvas.draw(" " + message, in: Rect(x: line.x, y: line.y, width: line.width - hintWidth - gap, height: 1), style: messageStyle)
    }
}
