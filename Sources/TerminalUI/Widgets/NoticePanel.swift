import Console

/// A bordered box in the middle of an area with a title and wrapped lines, each in its own
/// role: the screens that stand in for the data (connecting, login refused) use it.
public struct NoticePanel: Sendable {
    public struct Line: Sendable {
        public var text: String
        public var role: ThemeRole
        public init(_ text: String, _ role: ThemeRole = .normal) {
            self.text = text
            self.role = role
        }
    }

    public var title: String
    public var lines: [Line]

    public init(title: String, lines: [Line]) {
        self.title = title
        self.lines = lines
    }

    /// Draws the panel centred in `area` (at most 76 columns wide, the whole area when
    /// smaller); lines that do not fit are cut from the bottom. Returns the inside rect.
    @discardableResult
    public func render(into canvas: inout Canvas, area: Rect, styles: StyleSheet) -> Rect {
        canvas.fill(area, style: styles[.normal])
        let width = min(area.width, 76)
        let inner = max(1, width - 4)
        let wrapped = lines.flatMap { line in
            line.text.isEmpty ? [Line("", line.role)] : TextWrap.lines(SafeText.sanitize(line.text), width: inner).map { Line($0, line.role) }
        }
        let height = min(area.height, wrapped.count + 2)
        let box = area.centered(width: width, height: height)
        let inside = canvas.drawBox(box, style: styles[.border], title: title, titleStyle: styles[.accent])
        for (index, line) in wrapped.prefix(max(0, inside.height)).enumerated() {
            canvas.draw(line.text, in: inside.row(index).droppingLeft(1), style: styles[line.role])
        }
        return inside
    }
}
