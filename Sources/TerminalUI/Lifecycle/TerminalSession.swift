import Console
import Foundation

/// A terminal in use: the backend, the resolved styles, and the handling
/// of signals that arrive while the UI loop waits for keys.
///
/// The UI loop is the only thread that touches the terminal: signal
/// handlers just wake `nextKey`, which then suspends, resumes or ends the
/// program from the UI thread, where calling ncurses is safe.
public final class TerminalSession {
    /// Side effects that tests replace: stopping and ending the process.
    public struct ProcessControl: Sendable {
        /// Stops the process until SIGCONT (Ctrl-Z).
        public var stop: @Sendable () -> Void
        /// Ends the process after the terminal was restored.
        public var terminate: @Sendable (Int32) -> Void

        public init(stop: @escaping @Sendable () -> Void, terminate: @escaping @Sendable (Int32) -> Void) {
            self.stop = stop
            self.terminate = terminate
        }

        /// The real thing.
        public static let live = ProcessControl(
            stop: { NcursesSignals.stopSelf() },
            terminate: { TerminalLifecycle.terminate(signal: $0) }
        )
    }

    public let backend: TerminalBackend
    /// The theme resolved for this terminal's colours.
    public private(set) var styles: StyleSheet
    /// Below this size `render` shows the too-small message instead of the UI.
    public var minimumSize: Size = .minimum

    private let control: ProcessControl
    /// Signals the session reads; `NcursesSignals.drain` for a real terminal.
    private let pendingSignals: () -> [Int32]

    /// A session over any backend; `TerminalLifecycle.start` makes the real one.
    public init(
        backend: TerminalBackend,
        theme: Theme,
        control: ProcessControl = .live,
        pendingSignals: @escaping () -> [Int32] = { [] }
    ) {
        self.backend = backend
        self.styles = StyleSheet(theme: theme, depth: backend.capabilities.colorDepth)
        self.control = control
        self.pendingSignals = pendingSignals
    }

    /// The terminal size now.
    public var size: Size { backend.size }

    /// Switches theme; the next frame uses it.
    public func setTheme(_ theme: Theme) {
        styles = StyleSheet(theme: theme, depth: backend.capabilities.colorDepth)
    }

    /// Draws one frame: a fresh canvas of the terminal's size (and glyph
    /// set) for `body` to fill, or the too-small message if the terminal is
    /// below `minimumSize`.
    public func render(_ body: (inout Canvas) -> Void) {
        var canvas = Canvas(size: backend.size, style: styles[.normal], glyphs: backend.capabilities.glyphs)
        if backend.size.fits(minimumSize) {
            body(&canvas)
        } else {
            TooSmallView.render(into: &canvas, need: minimumSize, style: styles[.normal])
        }
        backend.draw(canvas)
    }

    /// The next key, or nil after `timeoutMilliseconds` so the caller can
    /// redraw periodically. Ctrl-Z suspends here and returns `.resize` after
    /// the process is continued; SIGINT, SIGTERM, SIGHUP and SIGQUIT (or
    /// the input closing) restore the terminal and end the process.
    public func nextKey(timeoutMilliseconds: Int) -> Key? {
        if let key = handleSignals() { return key }
        if backend.inputClosed { control.terminate(SIGHUP) }
        // The backend returns early when a signal wakes it; nil then just
        // means "redraw and ask again", so there is no need to loop here.
        if let key = backend.readKey(timeoutMilliseconds: timeoutMilliseconds) { return key }
        if backend.inputClosed { control.terminate(SIGHUP) }
        return handleSignals()
    }

    /// Acts on pending signals; `.resize` means "redraw everything".
    func handleSignals() -> Key? {
        var redraw = false
        for signal in pendingSignals() {
            switch signal {
            case SIGTSTP:
                backend.suspend()
                control.stop()
                _ = pendingSignals() // the SIGCONT that woke us is handled by this resume
                backend.resume()
                redraw = true
            case SIGCONT:
                backend.resume()
                redraw = true
            default:
                // Every other signal the shim catches ends the process (INT, TERM, HUP, QUIT,
                // USR1/2, …): restore the terminal first, then end by that signal.
                control.terminate(signal)
            }
        }
        return redraw ? .resize : nil
    }
}
