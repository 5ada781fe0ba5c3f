import Console

/// The detail pane: `key  value` lines, long values wrapped under their
/// value column, multi-line values (PEM) kept as lines, section titles in
/// the accent style. Scrolled by a line offset.
public enum FieldListView {
    /// One laid-out line.
    public struct Line: Hashable, Sendable {
        public var key: String
        public var value: String
        public var isSection: Bool
    }

    /// The fields laid out for `width` cells.
    public static func layout(_ fields: [DetailField], width: Int) -> (lines: [Line], keyWidth: Int) {
        let longest = fields.filter { !$0.isSection }.map { DisplayWidth.of(SafeText.sanitize($0.key)) }.max() ?? 0
        let keyWidth = min(longest, max(8, width * 2 / 5))
        let valueWidth = max(1, width - keyWidth - 2)
        var lines: [Line] = []
        for field in fields {
            if field.isSection {
                if !lines.isEmpty { lines.append(Line(key: "", value: "", isSection: false)) }
                lines.append(Line(key: "", value: field.value, isSection: true))
                continue
            }
            let pieces = field.value.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var first = true
            for piece in pieces.isEmpty ? [""] : pieces {
                for chunk in wrap(SafeText.sanitize(piece), width: valueWidth) {
                    lines.append(Line(key: first ? field.key : "", value: chunk, isSection: false))
                    first = false
                }
            }
        }
        return (lines, keyWidth)
    }

    /// Draws the laid-out lines from `offset` into `area`.
    public static func render(_ layout: (lines: [Line], keyWidth: Int), offset: Int, into canvas: inout Canvas, area: Rect,
                              styles: StyleSheet) {
        canvas.fill(area, style: styles[.normal])
        guard !area.isEmpty else { return }
        let valueX = area.x + layout.keyWidth + 2
        for row in 0..<area.height {
            let index = offset + row
            guard index < layout.lines.count else { break }
            let line = layout.lines[index]
            let y = area.y + row
            if line.isSection {
                canvas.draw(line.value, in: Rect(x: area.x, y: y, width: area.width, height: 1), style: styles[.accent].adding(.bold))
                continue
            }
            canvas.draw(line.key, in: Rect(x: area.x, y: y, width: layout.keyWidth, height: 1), style: styles[.muted])
            canvas.draw(line.value, in: Rect(x: valueX, y: y, width: max(0, area.maxX - valueX), height: 1), style: styles[.normal])
        }
    }

    /// Cuts text into pieces of at most `width` cells, never splitting a wide character.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let w = DisplayWidth.of(scalar)
            if used + w > width && used > 0 {
                pieces.append(String(current))
                current = String.UnicodeScalarView()
                used = 0
            }
            current.append(scalar)
            used += w
        }
        pieces.append(String(current))
        return pieces
    }
}
