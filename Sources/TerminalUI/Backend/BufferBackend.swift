import Console

/// A backend that keeps frames in memory, for tests: what would be on the
/// screen, how many cells each draw wrote, and a queue of keys to return.
public final class BufferBackend: TerminalBackend {
    public private(set) var size: Size
    public var capabilities: TerminalCapabilities
    public var inputClosed = false

    /// The frame as the terminal would show it now.
    public private(set) var frame: Canvas
    /// Cells written by the last `draw` (0 when nothing changed).
    public private(set) var lastWriteCount = 0
    /// Cells written by every `draw` so far.
    public private(set) var totalWriteCount = 0
    /// How many times `draw` was called.
    public private(set) var drawCount = 0
    /// Keys `readKey` returns, first first.
    public var pendingKeys: [Key] = []
    public private(set) var suspended = false
    public private(set) var isShutDown = false

    private var previous: Canvas?

    public init(size: Size, capabilities: TerminalCapabilities = TerminalCapabilities(colorDepth: .indexed256, unicode: true)) {
        self.size = size
        self.capabilities = capabilities
        self.frame = Canvas(size: size, glyphs: capabilities.glyphs)
    }

    public func draw(_ canvas: Canvas) {
        let shown = capabilities.unicode ? canvas : canvas.asciiFallback()
        let diff = CanvasDiff(from: previous, to: shown)
        lastWriteCount = diff.cellCount
        totalWriteCount += diff.cellCount
        drawCount += 1
        previous = shown
        frame = shown
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func invalidate() { previous = nil }
    public func suspend() { suspended = true }
    public func resume() {
        suspended = false
        previous = nil
    }
    public func shutdown() { isShutDown = true }

    /// Simulates a terminal resize: the size changes and `.resize` is queued.
    public func resize(to newSize: Size) {
        size = newSize
        pendingKeys.append(.resize)
    }

    /// Queues keys for `readKey`.
    public func enqueue(_ keys: Key...) { pendingKeys.append(contentsOf: keys) }

    // MARK: - Reading the screen

    /// The text of one row of the current frame.
    public func text(row: Int) -> String { frame.text(row: row) }
    /// Every row of the current frame.
    public var lines: [String] { frame.lines }
    /// The style of one cell of the current frame.
    public func style(at x: Int, _ y: Int) -> Style { frame[x, y].style }
}
