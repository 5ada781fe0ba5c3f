/// Where frames go and keys come from: ncurses for real, a buffer in tests.
///
/// A backend is used from one thread, the UI loop's. `draw` compares the
/// canvas with the previous frame and writes only the cells that changed.
public protocol TerminalBackend: AnyObject {
    /// The current size in cells; it changes when `readKey` returns `.resize`.
    var size: Size { get }
    var capabilities: TerminalCapabilities { get }
    /// Set when the input reached end of file (the terminal went away).
    var inputClosed: Bool { get }

    /// Shows `canvas`, writing only what differs from the previous frame.
    func draw(_ canvas: Canvas)
    /// The next key, or nil after `timeoutMilliseconds` (or sooner when the
    /// wake descriptor becomes readable, e.g. a signal arrived).
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Forgets the previous frame, so the next `draw` repaints everything
    /// (after Ctrl-Z, or Ctrl-L when something scribbled on the screen).
    func invalidate()
    /// Gives the terminal back to the shell for a while (Ctrl-Z).
    func suspend()
    /// Takes the terminal again after `suspend`; the next draw repaints.
    func resume()
    /// Restores the terminal for good. Safe to call more than once.
    func shutdown()
}
