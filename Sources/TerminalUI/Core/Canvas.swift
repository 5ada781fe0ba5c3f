import Console

/// A grid of cells that a frame is drawn into, free of any terminal library.
///
/// Every frame the application draws everything into a fresh canvas; a
/// `TerminalBackend` compares it with the previous frame and writes only the
/// cells that changed. All drawing is clipped to the canvas (and to an
/// optional rect), so widgets can be handed any area, even 0x0.
public struct Canvas: Hashable, Sendable {
    public private(set) var size: Size
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]
    /// Border and marker glyphs; `.ascii` when the terminal is not UTF-8.
    public var glyphs: BoxGlyphs

    public init(size: Size, style: Style = .plain, glyphs: BoxGlyphs = .unicode) {
        self.size = size
        self.cells = Array(repeating: .blank(style), count: size.width * size.height)
        self.glyphs = glyphs
    }

    public var width: Int { size.width }
    public var height: Int { size.height }
    /// The whole canvas as a rect.
    public var bounds: Rect { Rect(size: size) }

    /// The cell at a position; a blank cell outside the canvas.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return .blank() }
        return cells[y * size.width + x]
    }

    // MARK: - Filling

    /// Every cell blank in `style`.
    public mutating func clear(_ style: Style = .plain) {
        for i in cells.indices { cells[i] = .blank(style) }
    }

    /// Blanks a rect in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { place(.blank(style), x: x, y: y) }
        }
    }

    /// Restyles the cells of a rect, keeping their text (e.g. a selection bar
    /// laid over an already drawn row). `patched` keeps cell colours.
    public mutating func applyStyle(_ style: Style, to rect: Rect, keepingForeground: Bool = false) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                let i = y * size.width + x
                cells[i].style = keepingForeground ? style.patched(with: Style(foreground: cells[i].style.foreground)) : style
            }
        }
    }

    // MARK: - Text

    /// Draws one line of text starting at `x`, `y`, clipped to `clip` (the
    /// canvas when nil); returns the number of columns it advanced.
    ///
    /// The text is passed through `SafeText.sanitize` first. Wide characters
    /// take two cells and never split: one that would straddle the clip edge
    /// becomes a space. Combining marks join the previous cell.
    @discardableResult
    public mutating func draw(_ text: String, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY, !area.isEmpty else { return 0 }
        var cursor = x
        var lastCell: Int?
        var combining = 0
        for scalar in SafeText.sanitize(text).unicodeScalars {
            let w = DisplayWidth.of(scalar)
            if w == 0 {
                if let last = lastCell, combining < Cell.maxCombining {
                    cells[y * size.width + last].text.unicodeScalars.append(scalar)
                    combining += 1
                }
                continue
            }
            if cursor >= area.maxX { break }
            lastCell = nil
            combining = 0
            if cursor < area.x {
                // Scrolled off the left edge; a wide char cut in half leaves a space.
                if w == 2 && cursor + 1 == area.x { place(.blank(style), x: area.x, y: y) }
                cursor += w
                continue
            }
            if w == 2 && cursor + 1 >= area.maxX {
                place(.blank(style), x: cursor, y: y)
                cursor += 1
                break
            }
            place(Cell(text: String(scalar), width: UInt8(w), style: style), x: cursor, y: y)
            if w == 2 { place(.continuation(style), x: cursor + 1, y: y) }
            lastCell = cursor
            cursor += w
        }
        return cursor - x
    }

    /// Draws `text` on the first row of `rect`, aligned, cut with the
    /// ellipsis if it is wider; the rest of that row is left as it was.
    /// Returns the columns the text took.
    @discardableResult
    public mutating func draw(_ text: String, in rect: Rect, style: Style, alignment: Alignment = .left) -> Int {
        guard rect.width > 0, rect.height > 0 else { return 0 }
        let safe = SafeText.sanitize(text)
        let cut = TextLayout.truncated(safe, toWidth: rect.width, ellipsis: glyphs.ellipsis)
        let w = DisplayWidth.of(cut)
        let offset: Int
        switch alignment {
        case .left: offset = 0
        case .right: offset = rect.width - w
        case .center: offset = (rect.width - w) / 2
        }
        return draw(cut, x: rect.x + offset, y: rect.y, style: style, clip: rect)
    }

    /// Puts one cell, repairing any wide character it cuts in half.
    public mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
        if cell.width == 2 {
            guard x + 1 < size.width else {
                place(.blank(cell.style), x: x, y: y)
                return
            }
            place(cell, x: x, y: y)
            place(.continuation(cell.style), x: x + 1, y: y)
        } else {
            place(cell, x: x, y: y)
        }
    }

    // MARK: - Lines and boxes

    /// A horizontal line of `glyphs.horizontal` across `rect`'s first row.
    public mutating func drawHorizontalLine(in rect: Rect, style: Style) {
        let area = rect.intersection(bounds)
        guard area.height > 0 else { return }
        for x in area.x..<area.maxX { place(Cell(text: glyphs.horizontal, style: style), x: x, y: area.y) }
    }

    /// A vertical line of `glyphs.vertical` down `rect`'s first column.
    public mutating func drawVerticalLine(in rect: Rect, style: Style) {
        let area = rect.intersection(bounds)
        guard area.width > 0 else { return }
        for y in area.y..<area.maxY { place(Cell(text: glyphs.vertical, style: style), x: area.x, y: y) }
    }

    /// A border around `rect` with an optional title in the top edge; the
    /// inside is left alone. Returns the inside rect.
    @discardableResult
    public mutating func drawBox(_ rect: Rect, style: Style, title: String? = nil, titleStyle: Style? = nil) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return .zero }
        drawHorizontalLine(in: rect.top(1), style: style)
        drawHorizontalLine(in: rect.bottom(1), style: style)
        drawVerticalLine(in: rect.droppingTop(1).droppingBottom(1), style: style)
        drawVerticalLine(in: rect.droppingTop(1).droppingBottom(1).droppingLeft(rect.width - 1), style: style)
        put(Cell(text: glyphs.topLeft, style: style), x: rect.x, y: rect.y)
        put(Cell(text: glyphs.topRight, style: style), x: rect.maxX - 1, y: rect.y)
        put(Cell(text: glyphs.bottomLeft, style: style), x: rect.x, y: rect.maxY - 1)
        put(Cell(text: glyphs.bottomRight, style: style), x: rect.maxX - 1, y: rect.maxY - 1)
        if let title, rect.width > 4 {
            let titleRect = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 4, height: 1)
            let fitted = TextLayout.truncated(" \(SafeText.sanitize(title)) ", toWidth: titleRect.width, ellipsis: glyphs.ellipsis)
            draw(fitted, x: titleRect.x, y: titleRect.y, style: titleStyle ?? style, clip: titleRect)
        }
        return rect.inset(dx: 1, dy: 1)
    }

    // MARK: - Reading back (tests, snapshots, the ASCII fallback)

    /// The text of one row; a wide character appears once (its continuation
    /// cell adds nothing), so the string looks like the terminal line.
    public func text(row y: Int) -> String {
        guard y >= 0, y < size.height else { return "" }
        var line = ""
        for x in 0..<size.width { line += cells[y * size.width + x].text }
        return line
    }

    /// Every row's text, top to bottom.
    public var lines: [String] { (0..<size.height).map { text(row: $0) } }

    /// This canvas in plain ASCII for a non-UTF-8 terminal: box drawing and a
    /// few symbols become ASCII look-alikes, anything else non-ASCII becomes
    /// `?` in each of its cells, so columns stay where they were.
    public func asciiFallback() -> Canvas {
        var copy = self
        copy.glyphs = .ascii
        for i in copy.cells.indices {
            let cell = copy.cells[i]
            if cell.isContinuation {
                copy.cells[i] = Cell(text: "?", width: 1, style: cell.style)
                continue
            }
            guard !cell.text.unicodeScalars.allSatisfy(\.isASCII) else { continue }
            // A base letter keeps itself without its accents: "é" → "e".
            let glyph = cell.text.unicodeScalars.first.flatMap { first in
                first.isASCII ? first : (cell.width == 1 ? SafeText.asciiGlyph(first) : nil)
            }
            copy.cells[i] = Cell(text: String(glyph ?? "?"), width: 1, style: cell.style)
        }
        return copy
    }

    // MARK: - Private

    /// Writes a cell; a wide character whose half is overwritten loses its
    /// other half too (it becomes a space), so the grid never holds half a glyph.
    private mutating func place(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
        let i = y * size.width + x
        let old = cells[i]
        if old.isContinuation && !cell.isContinuation && x > 0 && cells[i - 1].width == 2 {
            cells[i - 1] = .blank(cells[i - 1].style)
        }
        if old.width == 2 && cell.width != 2 && x + 1 < size.width && cells[i + 1].isContinuation {
            cells[i + 1] = .blank(cells[i + 1].style)
        }
        cells[i] = cell
    }
}
