/// A rectangle of cells; `x`, `y` is the top-left corner. Width and height
/// are never negative, so layout arithmetic can shrink a rect to nothing
/// without special cases.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rect of a whole canvas or screen.
    public init(size: Size) { self.init(x: 0, y: 0, width: size.width, height: size.height) }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var size: Size { Size(width: width, height: height) }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The overlap of two rects (empty if they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Shrunk by `dx` columns on each side and `dy` rows top and bottom.
    public func inset(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }

    /// The first `rows` rows.
    public func top(_ rows: Int) -> Rect { Rect(x: x, y: y, width: width, height: min(rows, height)) }

    /// The last `rows` rows.
    public func bottom(_ rows: Int) -> Rect {
        let h = min(max(0, rows), height)
        return Rect(x: x, y: maxY - h, width: width, height: h)
    }

    /// Without the first `rows` rows.
    public func droppingTop(_ rows: Int) -> Rect {
        let r = min(max(0, rows), height)
        return Rect(x: x, y: y + r, width: width, height: height - r)
    }

    /// Without the last `rows` rows.
    public func droppingBottom(_ rows: Int) -> Rect {
        Rect(x: x, y: y, width: width, height: height - min(max(0, rows), height))
    }

    /// The first `columns` columns.
    public func left(_ columns: Int) -> Rect { Rect(x: x, y: y, width: min(columns, width), height: height) }

    /// Without the first `columns` columns.
    public func droppingLeft(_ columns: Int) -> Rect {
        let c = min(max(0, columns), width)
        return Rect(x: x + c, y: y, width: width - c, height: height)
    }

    /// One row of this rect (empty if `index` is outside).
    public func row(_ index: Int) -> Rect {
        guard index >= 0 && index < height else { return Rect(x: x, y: y + index, width: 0, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// A rect of at most `width`×`height`, centred in this one.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width)
        let ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    public var description: String { "(\(x),\(y) \(width)x\(height))" }
}
