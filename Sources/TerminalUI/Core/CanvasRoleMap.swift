import Console

/// The "second channel" of a screen snapshot: which theme role each cell
/// is drawn in, one character per cell, so tests can check colours as
/// plain text next to the text lines.
public enum CanvasRoleMap {
    /// The default letters: a space for `normal`, `*` for a style no role has.
    public static let legend: [(role: ThemeRole, mark: Character)] = [
        (.normal, " "), (.header, "H"), (.tabActive, "T"), (.tabInactive, "t"), (.tableHeader, "h"),
        (.selection, "S"), (.ok, "o"), (.warning, "w"), (.critical, "c"), (.expired, "x"), (.muted, "m"),
        (.badgeReadOnly, "R"), (.badgeInsecure, "I"), (.border, "b"), (.accent, "a"), (.statusBar, "s"),
        (.error, "e"), (.help, "?"),
    ]

    /// One string per row of `canvas`, one mark per cell (a wide character's
    /// two cells both get its mark). Roles that look the same in `styles`
    /// get the mark listed first in `legend`; cells whose style matches no
    /// role exactly (e.g. a role's attributes added to the selection) get `*`.
    public static func lines(of canvas: Canvas, styles: StyleSheet,
                             legend: [(role: ThemeRole, mark: Character)] = CanvasRoleMap.legend) -> [String] {
        var marks: [Style: Character] = [:]
        for entry in legend.reversed() { marks[styles[entry.role]] = entry.mark }
        return (0..<canvas.height).map { y in
            String((0..<canvas.width).map { x in marks[canvas[x, y].style] ?? "*" })
        }
    }
}
