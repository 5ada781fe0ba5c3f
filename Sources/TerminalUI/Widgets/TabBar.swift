import Console

/// The screen tabs, `1 Overview  2 Cluster …`, numbered for the 1–6 keys.
public struct TabBar: Hashable, Sendable {
    public var titles: [String]
    /// Index of the current screen in `titles`.
    public var active: Int

    public init(titles: [String], active: Int) {
        self.titles = titles
        self.active = active
    }

    /// Draws into the first row of `area`. When the names do not fit, tabs
    /// shrink to their numbers, except the active one.
    public func render(into canvas: inout Canvas, area: Rect, styles: StyleSheet) {
        let line = area.top(1).intersection(canvas.bounds)
        guard !line.isEmpty else { return }
        canvas.fill(line, style: styles[.tabInactive])
        let full = titles.enumerated().map { " \($0.offset + 1) \($0.element) " }
        let fullWidth = full.reduce(0) { $0 + DisplayWidth.of(SafeText.sanitize($1)) }
        var x = line.x
        for (i, label) in full.enumerated() {
            let isActive = i == active
            let text = fullWidth <= line.width || isActive ? label : " \(i + 1) "
            x += canvas.draw(text, x: x, y: line.y, style: styles[isActive ? .tabActive : .tabInactive], clip: line)
        }
    }
}
