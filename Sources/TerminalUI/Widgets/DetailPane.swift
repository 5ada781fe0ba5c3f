import Console

/// A scrollable `key: value` list for the details of one object; long
/// values wrap under themselves, keys line up in one column.
public struct DetailPane {
    /// One line of the pane: a key and its value, or a section heading.
    public struct Item: Hashable, Sendable {
        public var key: String
        public var value: String
        /// The value's look (e.g. `.critical` for "expires in 3 days").
        public var role: ThemeRole?
        public var isSection: Bool

        public init(_ key: String, _ value: String, role: ThemeRole? = nil) {
            self.key = key
            self.value = value
            self.role = role
            self.isSection = false
        }

        /// A heading that groups the items under it.
        public static func section(_ title: String) -> Item {
            var item = Item(title, "")
            item.isSection = true
            return item
        }
    }

    public var items: [Item]
    /// Width of the key column; by default the widest key, at most a third of the area.
    public var keyWidth: Int?

    public init(items: [Item], keyWidth: Int? = nil) {
        self.items = items
        self.keyWidth = keyWidth
    }

    /// A laid-out line: key text (empty on continuation lines), value text, style role.
    struct Line: Hashable {
        var key: String
        var value: String
        var role: ThemeRole?
        var isSection: Bool
    }

    /// The number of lines the items take at `width` (for scroll limits).
    public func lineCount(width: Int) -> Int { layout(width: width).lines.count }

    /// The largest useful scroll offset in `area`.
    public func maxOffset(in area: Rect) -> Int { max(0, lineCount(width: area.width) - area.height) }

    /// Draws from line `offset` (clamped) into `area`.
    public func render(into canvas: inout Canvas, area: Rect, offset: Int, styles: StyleSheet) {
        let area = area.intersection(canvas.bounds)
        guard !area.isEmpty else { return }
        canvas.fill(area, style: styles[.normal])
        let (lines, keyColumn) = layout(width: area.width)
        let start = min(max(0, offset), max(0, lines.count - area.height))
        for (row, line) in lines.dropFirst(start).prefix(area.height).enumerated() {
            let y = area.y + row
            if line.isSection {
                canvas.draw(line.key, in: Rect(x: area.x, y: y, width: area.width, height: 1), style: styles[.accent].adding(.bold))
                continue
            }
            // Long keys keep their distinguishing tail: `…[0].ip.ip_addr.addr:`.
            canvas.draw(DetailPane.keepingTail(line.key, width: keyColumn, ellipsis: canvas.glyphs.ellipsis),
                        in: Rect(x: area.x, y: y, width: keyColumn, height: 1), style: styles[.muted])
            let valueRect = Rect(x: area.x + keyColumn + 1, y: y, width: area.width - keyColumn - 1, height: 1)
            canvas.draw(line.value, in: valueRect, style: line.role.map { styles[$0] } ?? styles[.normal])
        }
    }

    func layout(width: Int) -> (lines: [Line], keyColumn: Int) {
        let widest = items.filter { !$0.isSection }.map { DisplayWidth.of(SafeText.sanitize($0.key)) + 1 }.max() ?? 0
        let keyColumn = min(keyWidth ?? widest, max(0, width / 3))
        let valueWidth = max(1, width - keyColumn - 1)
        var lines: [Line] = []
        for item in items {
            if item.isSection {
                lines.append(Line(key: item.key, value: "", role: nil, isSection: true))
                continue
            }
            // Multi-line values (PEM) keep their lines: each wraps on its own.
            let paragraphs = item.value.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
                .map { String($0).trimmingTrailingCarriageReturn }
                .reversed().drop { $0.isEmpty }.reversed()
            let wrapped = DetailPane.elidingPEMBodies(paragraphs.isEmpty ? [""] : Array(paragraphs), width: valueWidth)
                .flatMap { TextWrap.lines(SafeText.sanitize($0), width: valueWidth) }
            for (i, part) in wrapped.enumerated() {
                lines.append(Line(key: i == 0 ? item.key + ":" : "", value: part, role: item.role, isSection: false))
            }
        }
        return (lines, keyColumn)
    }

    /// PEM whose base64 lines do not fit the pane: re-wrapped they read as
    /// alternating long and short lines, so each body between BEGIN and END
    /// becomes one line saying how long it is.
    static func elidingPEMBodies(_ lines: [String], width: Int) -> [String] {
        guard lines.contains(where: { $0.hasPrefix("-----BEGIN ") }),
              lines.contains(where: { !$0.hasPrefix("-----") && DisplayWidth.of($0) > width }) else { return lines }
        var result: [String] = []
        var body: [String] = []
        var inside = false
        for line in lines {
            if line.hasPrefix("-----BEGIN ") {
                inside = true
                result.append(line)
            } else if line.hasPrefix("-----END "), inside {
                let characters = body.reduce(0) { $0 + $1.count }
                result.append("(\(body.count) lines of base64, \(characters) characters)")
                result.append(line)
                body = []
                inside = false
            } else if inside {
                body.append(line)
            } else {
                result.append(line)
            }
        }
        return result + body
    }

    /// `text` cut from the left to `width` cells, so its end stays visible.
    static func keepingTail(_ text: String, width: Int, ellipsis: String) -> String {
        let safe = SafeText.sanitize(text)
        guard width > 0, DisplayWidth.of(safe) > width else { return safe }
        let budget = width - DisplayWidth.of(ellipsis)
        guard budget > 0 else { return TextLayout.truncated(safe, toWidth: width, ellipsis: ellipsis) }
        var used = 0
        var tail = String.UnicodeScalarView()
        for scalar in safe.unicodeScalars.reversed() {
            let w = DisplayWidth.of(scalar)
            if used + w > budget { break }
            tail.insert(scalar, at: tail.startIndex)
            used += w
        }
        return ellipsis + String(tail)
    }
}

private extension String {
    var trimmingTrailingCarriageReturn: String { hasSuffix("\r") ? String(dropLast()) : self }
}
