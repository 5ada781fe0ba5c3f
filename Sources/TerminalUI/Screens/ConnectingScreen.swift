import Console
import Foundation

/// The screen before the first login has finished: the controller address and user, the
/// attempt, why the last one failed, the next try, and the timeouts in force. `q` quits.
public enum ConnectingScreen {
    public static func render(_ progress: ConnectProgress, now: Date, into canvas: inout Canvas, styles: StyleSheet) {
        canvas.fill(canvas.bounds, style: styles[.normal])
        let host = ConsoleView.hostName(progress.controller)
        HeaderBar(left: "avitui · \(host) · \(progress.username)", right: "not connected")
            .render(into: &canvas, area: canvas.bounds.top(1), styles: styles)
        var lines = [NoticePanel.Line("Connecting to \(progress.controller) as \(progress.username)")]
        if let started = progress.attemptStarted {
            let running = Durations.short(max(0, now.timeIntervalSince(started)))
            lines.append(NoticePanel.Line("Attempt \(progress.attempt): logging in… (\(running))", .accent))
        } else if let next = progress.nextAttempt {
            let wait = Durations.short(max(0, next.timeIntervalSince(now)).rounded(.up))
            lines.append(NoticePanel.Line("Attempt \(progress.attempt) in \(wait)", .accent))
        }
        if let failure = progress.lastFailure {
            lines.append(NoticePanel.Line("Attempt \(progress.attempt - 1) failed: \(failure)", .warning))
        }
        lines.append(NoticePanel.Line(""))
        lines.append(NoticePanel.Line("Timeouts: connect \(Int(progress.connectTimeout)) s (TCP and TLS), answer \(Int(progress.requestTimeout)) s "
                                      + "(--connect-timeout, --request-timeout)", .muted))
        lines.append(NoticePanel.Line("Tries again while the controller does not answer (2 s, doubling to 30 s); "
                                      + "a refused password or certificate ends with the reason.", .muted))
        let body = canvas.bounds.droppingTop(1).droppingBottom(1)
        NoticePanel(title: "Connecting", lines: lines).render(into: &canvas, area: body, styles: styles)
        StatusLine(message: "", messageRole: .statusBar, hints: [StatusLine.Hint("q", "quit")])
            .render(into: &canvas, area: canvas.bounds.bottom(1), styles: styles)
    }
}

/// The loop of the connecting screen, on the UI thread: redraws every second (ages move)
/// and whenever the progress changes, answers `q` and Esc, and returns once `isReady` says
/// the login is over (succeeded or failed: the caller decides what follows).
public final class ConnectingApp {
    public enum Outcome: Equatable, Sendable {
        /// The login is over.
        case ready
        /// `q` or Esc: the operator gave up waiting.
        case quit
    }

    private let session: TerminalSession
    private let progress: ConnectProgressBox
    private let clock: WallClock
    private let isReady: () -> Bool
    private var drawn: (progress: ConnectProgress, second: Int, size: Size)?

    public init(session: TerminalSession, progress: ConnectProgressBox, clock: WallClock = SystemWallClock(), isReady: @escaping () -> Bool) {
        self.session = session
        self.progress = progress
        self.clock = clock
        self.isReady = isReady
    }

    /// Runs until the login is over or the operator quits.
    public func run() -> Outcome {
        draw()
        while true {
            if let outcome = step(session.nextKey(timeoutMilliseconds: 100)) { return outcome }
        }
    }

    /// One turn: a key (if any), then a redraw when something shown changed. Tests drive this.
    public func step(_ key: Key?) -> Outcome? {
        switch key {
        case .character("q")?, .escape?: return .quit
        case .control("l")?:
            session.backend.invalidate()
            drawn = nil
        case .resize?: drawn = nil
        default: break
        }
        if isReady() { return .ready }
        let current = progress.current
        let second = Int(clock.now().timeIntervalSince1970)
        if drawn?.progress != current || drawn?.second != second || drawn?.size != session.size { draw() }
        return nil
    }

    public func draw() {
        let current = progress.current
        let now = clock.now()
        session.render { canvas in ConnectingScreen.render(current, now: now, into: &canvas, styles: session.styles) }
        drawn = (current, Int(now.timeIntervalSince1970), session.size)
    }
}
