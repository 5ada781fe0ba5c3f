/// Which cells differ between two frames, as runs along rows, so a backend
/// writes only what changed: an idle refresh writes nothing.
public struct CanvasDiff: Hashable, Sendable {
    /// Consecutive changed cells in one row: columns `start..<end`.
    public struct Run: Hashable, Sendable {
        public var y: Int
        public var start: Int
        public var end: Int
    }

    public var runs: [Run]

    /// The number of cells in all runs.
    public var cellCount: Int { runs.reduce(0) { $0 + $1.end - $1.start } }

    /// Everything in `new` that differs from `old`; every cell when there is
    /// no previous frame or the size changed.
    ///
    /// A run that touches half of a wide character is widened to the whole
    /// character, so the terminal never gets a continuation on its own.
    public init(from old: Canvas?, to new: Canvas) {
        var runs: [Run] = []
        let width = new.width
        guard let old, old.size == new.size else {
            for y in 0..<new.height where width > 0 { runs.append(Run(y: y, start: 0, end: width)) }
            self.runs = runs
            return
        }
        let oldCells = old.cells
        let newCells = new.cells
        for y in 0..<new.height {
            let base = y * width
            var x = 0
            while x < width {
                guard oldCells[base + x] != newCells[base + x] else {
                    x += 1
                    continue
                }
                var start = x
                if newCells[base + start].isContinuation && start > 0 { start -= 1 }
                var end = x + 1
                while end < width && oldCells[base + end] != newCells[base + end] { end += 1 }
                if end < width && newCells[base + end].isContinuation { end += 1 }
                if let last = runs.last, last.y == y, last.end >= start {
                    runs[runs.count - 1].end = max(last.end, end)
                } else {
                    runs.append(Run(y: y, start: start, end: end))
                }
                x = end
            }
        }
        self.runs = runs
    }
}
