import Console

/// A short label on a coloured block, such as ` READ-ONLY ` or ` INSECURE `.
public struct Badge: Hashable, Sendable {
    public var text: String
    public var role: ThemeRole

    public init(_ text: String, role: ThemeRole) {
        self.text = text
        self.role = role
    }

    /// The cells it takes, padding included.
    public var width: Int { DisplayWidth.of(SafeText.sanitize(text)) + 2 }

    /// Draws the badge with its left edge at `x`, clipped to `clip`; returns
    /// the columns used.
    @discardableResult
    public func render(into canvas: inout Canvas, x: Int, y: Int, clip: Rect, styles: StyleSheet) -> Int {
        canvas.draw(" \(text) ", x: x, y: y, style: styles[role], clip: clip)
    }
}
