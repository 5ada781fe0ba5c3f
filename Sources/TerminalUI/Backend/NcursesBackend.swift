import CNcurses
import Console
import Foundation

/// Why the terminal could not be started, in words an operator can act on.
public struct TerminalStartError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The real terminal, through ncursesw.
///
/// Start-up follows htop: locale, `newterm` (never `initscr`, which calls
/// `exit(1)` on an unknown TERM), cbreak/noecho, keypad, cursor off, a 25 ms
/// Esc delay, colours with the terminal's default background when it has
/// any, and no mouse. Each `draw` writes only the cells that differ from the
/// previous frame and then calls `doupdate`, so an idle refresh sends
/// (almost) nothing down the SSH connection.
public final class NcursesBackend: TerminalBackend {
    /// How to start.
    public struct Options: Sendable {
        /// The terminal type; `$TERM` when nil.
        public var terminalType: String?
        /// Where `TERM` and `NO_COLOR` are read from.
        public var environment: [String: String]
        /// How long a lone Esc waits for the rest of an escape sequence.
        public var escapeDelayMilliseconds: Int32

        public init(
            terminalType: String? = nil,
            environment: [String: String] = ProcessInfo.processInfo.environment,
            escapeDelayMilliseconds: Int32 = 25
        ) {
            self.terminalType = terminalType
            self.environment = environment
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
        }
    }

    public private(set) var size: Size
    public private(set) var capabilities: TerminalCapabilities
    public private(set) var inputClosed = false
    /// A descriptor polled next to the keyboard; readable means "stop waiting"
    /// (the signal self-pipe). Set by `TerminalSession`.
    var wakeDescriptor: Int32?

    /// Bytes ncurses has written, when the output is a file (tests measure with it).
    var outputPath: String?

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    private let inputDescriptor: Int32
    private let ownsFiles: Bool
    private let guardsCrashes: Bool
    private var previous: Canvas?
    private var pairs: [PairKey: Int16] = [:]
    private var nextPair: Int16 = 1
    private let maxPairs: Int16
    private var defaultColors = false
    private var active = true
    /// Consecutive "readable but no key" results; a closed input looks like this.
    private var emptyReads = 0

    private struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// Opens the controlling terminal (`/dev/tty`, else stdin/stdout if they
    /// are a terminal) and starts ncurses on it.
    public convenience init(options: Options = Options()) throws(TerminalStartError) {
        guard let term = options.terminalType ?? options.environment["TERM"], !term.isEmpty else {
            throw TerminalStartError("TERM is not set; try TERM=xterm-256color")
        }
        let files: (out: UnsafeMutablePointer<FILE>, in: UnsafeMutablePointer<FILE>, owned: Bool)
        if let out = fopen("/dev/tty", "w"), let inp = fopen("/dev/tty", "r") {
            files = (out, inp, true)
        } else if isatty(0) == 1, isatty(1) == 1, let out = fdopen(1, "w"), let inp = fdopen(0, "r") {
            files = (out, inp, false)
        } else {
            throw TerminalStartError("no terminal: the console needs an interactive terminal (for scripts use `avitui status`)")
        }
        try self.init(terminalType: term, output: files.out, input: files.in, ownsFiles: files.owned,
                      environment: options.environment, escapeDelay: options.escapeDelayMilliseconds, guardCrashes: true)
    }

    /// Starts ncurses on the given streams (tests pass /dev/null or a file).
    init(
        terminalType: String,
        output: UnsafeMutablePointer<FILE>,
        input: UnsafeMutablePointer<FILE>,
        ownsFiles: Bool,
        environment: [String: String],
        escapeDelay: Int32 = 25,
        guardCrashes: Bool
    ) throws(TerminalStartError) {
        setlocale(LC_ALL, "")
        let unicode = String(cString: cn_codeset()).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        if guardCrashes { NcursesSignals.saveModes(fd: fileno(output)) }

        // newterm returns NULL for a TERM without a terminfo entry (initscr would exit).
        guard let screen = newterm(terminalType, output, input) else {
            if ownsFiles {
                fclose(output)
                fclose(input)
            }
            throw TerminalStartError("TERM=\(SafeText.asciiFallback(terminalType)) has no terminfo entry; try TERM=xterm-256color")
        }
        set_term(screen)
        self.screen = screen
        self.output = output
        self.input = input
        self.ownsFiles = ownsFiles
        self.guardsCrashes = guardCrashes
        self.inputDescriptor = fileno(input)
        guard let window = cn_stdscr() else {
            endwin()
            throw TerminalStartError("ncurses started without a screen")
        }
        self.window = window

        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        nodelay(window, true)
        // The cursor is hidden, so ncurses need not move it after each update.
        leaveok(window, true)
        curs_set(0)
        set_escdelay(escapeDelay)

        var depth = ColorDepth.mono
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if has_colors() && !noColor {
            start_color()
            defaultColors = use_default_colors() == OK
            depth = ColorDepth(colors: Int(cn_colors()))
        }
        self.maxPairs = Int16(clamping: min(Int(cn_color_pairs()), Int(Int16.max)))
        self.capabilities = TerminalCapabilities(colorDepth: depth, unicode: unicode)
        self.size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))

        if guardCrashes { NcursesSignals.armCrashGuard(resetSequence: NcursesBackend.resetSequence()) }
    }

    deinit { shutdown() }

    // MARK: - Output

    public func draw(_ canvas: Canvas) {
        guard active else { return }
        let frame = capabilities.unicode ? canvas : canvas.asciiFallback()
        let diff = CanvasDiff(from: previous, to: frame)
        var scalars: [wchar_t] = []
        scalars.reserveCapacity(Cell.maxCombining + 2)
        for run in diff.runs {
            for x in run.start..<run.end {
                let cell = frame[x, run.y]
                // The terminal fills the right half of a wide character itself.
                if cell.isContinuation { continue }
                scalars.removeAll(keepingCapacity: true)
                for scalar in cell.text.unicodeScalars { scalars.append(wchar_t(bitPattern: scalar.value)) }
                if scalars.isEmpty { scalars.append(0x20) }
                scalars.append(0)
                let style = cell.style
                _ = cn_put_cell(window, Int32(run.y), Int32(x), scalars, attributes(style), pair(for: style))
            }
        }
        previous = frame
        wnoutrefresh(window)
        doupdate()
    }

    public func invalidate() {
        previous = nil
        clearok(cn_curscr(), true)
    }

    // MARK: - Input

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard active else { return nil }
        let deadline = ContinuousClock.now + .milliseconds(max(0, timeoutMilliseconds))
        while true {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status != ERR {
                emptyReads = 0
                guard let key = NcursesKeys.decode(status: status, code: code) else { continue }
                if key == .escape && status == OK && swallowedSequence() { continue }
                if key == .resize { updateSize() }
                return key
            }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return nil }
            switch waitForInput(milliseconds: remaining) {
            case .timeout, .woken: return nil
            case .closed:
                inputClosed = true
                return nil
            case .interrupted:
                continue // SIGWINCH: the next wget_wch returns KEY_RESIZE
            case .readable:
                // Readable yet no key, over and over, means end of file.
                emptyReads += 1
                if emptyReads > 100 {
                    inputClosed = true
                    return nil
                }
            }
        }
    }

    /// After an Esc: true when a CSI or SS3 sequence ncurses could not map
    /// followed, now read and dropped; false for the Esc key (what followed,
    /// if anything, is put back for the next read). See `EscapeSequence`.
    private func swallowedSequence() -> Bool {
        guard let (status, code) = pendingRaw() else { return false }
        let first = input(status: status, code: code)
        guard EscapeSequence.opensSequence(first) else {
            // Not a sequence: the key after the Esc is read next.
            if status == OK { _ = unget_wch(wchar_t(bitPattern: code)) } else { _ = ungetch(Int32(bitPattern: code)) }
            return false
        }
        EscapeSequence.consumeRest(after: first) {
            guard let (status, code) = pendingRaw() else { return nil }
            if status == KEY_CODE_YES && code == UInt32(KEY_RESIZE) {
                _ = ungetch(KEY_RESIZE) // a resize is never part of a sequence: keep it for the next read
                return nil
            }
            return input(status: status, code: code)
        }
        return true
    }

    /// What ncurses already holds, without waiting (the window is in no-delay mode).
    private func pendingRaw() -> (Int32, UInt32)? {
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        return status == ERR ? nil : (status, code)
    }

    private func input(status: Int32, code: UInt32) -> EscapeSequence.Input {
        status == OK ? .character(code) : .functionKey
    }

    private enum WaitResult { case readable, timeout, woken, closed, interrupted }

    private func waitForInput(milliseconds remaining: Duration) -> WaitResult {
        let (seconds, attoseconds) = remaining.components
        let ms = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
        var fds = [pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)]
        if let wake = wakeDescriptor { fds.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
        let result = poll(&fds, nfds_t(fds.count), ms)
        if result < 0 { return errno == EINTR ? .interrupted : .closed }
        if result == 0 { return .timeout }
        if fds.count > 1 && fds[1].revents != 0 { return .woken }
        if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 && fds[0].revents & Int16(POLLIN) == 0 {
            return .closed
        }
        return .readable
    }

    private func updateSize() {
        size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
        invalidate()
    }

    // MARK: - Lifecycle

    public func suspend() {
        guard active else { return }
        endwin()
        fflush(output)
    }

    public func resume() {
        guard active else { return }
        invalidate()
        updateSize()
    }

    public func shutdown() {
        guard active else { return }
        active = false
        endwin()
        fflush(output)
        if guardsCrashes { NcursesSignals.disarmCrashGuard() }
        delscreen(screen)
        if ownsFiles {
            fclose(output)
            fclose(input)
        }
    }

    // MARK: - Styles

    private func attributes(_ style: Style) -> attr_t {
        var attrs = CN_A_NORMAL
        if style.attributes.contains(.bold) { attrs |= CN_A_BOLD }
        if style.attributes.contains(.dim) { attrs |= CN_A_DIM }
        if style.attributes.contains(.reverse) { attrs |= CN_A_REVERSE }
        if style.attributes.contains(.underline) { attrs |= CN_A_UNDERLINE }
        return attrs
    }

    /// A colour pair for the style's colours, allocated on first use; pair 0
    /// (the terminal's defaults) when colours are off or pairs run out.
    private func pair(for style: Style) -> Int16 {
        guard capabilities.colorDepth != .mono else { return 0 }
        let degraded = style.degraded(to: capabilities.colorDepth)
        let key = PairKey(foreground: colorIndex(degraded.foreground, isForeground: true),
                          background: colorIndex(degraded.background, isForeground: false))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        guard nextPair < maxPairs else { return 0 }
        let pair = nextPair
        guard init_pair(pair, key.foreground, key.background) == OK else { return 0 }
        nextPair += 1
        pairs[key] = pair
        return pair
    }

    private func colorIndex(_ color: Color, isForeground: Bool) -> Int16 {
        if let index = color.paletteIndex { return Int16(index) }
        if defaultColors { return -1 }
        // Without use_default_colors, "default" has to be spelled out.
        return isForeground ? Int16(COLOR_WHITE) : Int16(COLOR_BLACK)
    }

    /// Bytes that put the terminal back as the shell expects it, for the
    /// crash handler that cannot call ncurses.
    private static func resetSequence() -> String {
        let names: [String] = ["sgr0", "cnorm", "rmkx", "rmcup"]
        return names.compactMap { name -> String? in
            name.withCString { cName in cn_tigetstr(cName).map { String(cString: $0) } }
        }.joined()
    }
}
