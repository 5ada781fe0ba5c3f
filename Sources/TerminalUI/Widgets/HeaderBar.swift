import Console

/// The top line: what the console is connected to on the left, badges
/// (READ-ONLY, INSECURE) and a right-hand note such as the data age on the right.
public struct HeaderBar: Hashable, Sendable {
    public var left: String
    public var right: String
    public var badges: [Badge]

    public init(left: String, right: String = "", badges: [Badge] = []) {
        self.left = left
        self.right = right
        self.badges = badges
    }

    /// Draws into the first row of `area`. When space is short the right
    /// note goes first, then the left text is cut; badges always stay: a
    /// hidden INSECURE badge would be worse than a cut host name.
    public func render(into canvas: inout Canvas, area: Rect, styles: StyleSheet) {
        let line = area.top(1).intersection(canvas.bounds)
        guard !line.isEmpty else { return }
        let style = styles[.header]
        canvas.fill(line, style: style)
        let badgeWidth = badges.reduce(0) { $0 + $1.width + 1 }
        let available = max(0, line.width - badgeWidth)
        let leftText = " " + left
        let leftWidth = DisplayWidth.of(SafeText.sanitize(leftText)) + 1
        let rightText = right.isEmpty ? "" : right + " "
        var rightWidth = DisplayWidth.of(SafeText.sanitize(rightText))
        if leftWidth + rightWidth > available { rightWidth = 0 }
        canvas.draw(leftText, in: Rect(x: line.x, y: line.y, width: available - rightWidth - 1, height: 1), style: style)
        var x = line.maxX - badgeWidth - rightWidth
        if rightWidth > 0 {
            x += canvas.draw(rightText, x: x, y: line.y, style: style, clip: line)
        }
        for badge in badges {
            x += badge.render(into: &canvas, x: max(x, line.x), y: line.y, clip: line, styles: styles) + 1
        }
    }
}
