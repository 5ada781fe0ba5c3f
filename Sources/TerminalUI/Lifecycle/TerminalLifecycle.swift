import Console
import Foundation

/// The one place that starts the terminal and the one place that restores
/// it, as htop does. Every exit path goes through `restore()`:
///
/// - normal return and thrown errors: `run`'s `defer`;
/// - `exit()` from anywhere: an `atexit` hook;
/// - SIGINT, SIGTERM, SIGHUP (SSH dropped), SIGQUIT, SIGUSR1/2 and every other
///   signal whose default is to end the process: the shim's handler wakes the
///   UI loop, which restores and re-raises the signal; if the loop does not
///   react within 2 s, the shim restores with raw writes and exits;
/// - SIGPIPE: ignored by the executable from its start, so a closed pipe is an
///   EPIPE on that write and never ends the console with a broken terminal;
/// - SIGTSTP / SIGCONT (Ctrl-Z, `fg`): restore, stop, and take the terminal back;
/// - crashes (SIGSEGV, SIGILL from a Swift trap, SIGABRT, …): the shim
///   writes the terminal's reset sequence and restores its modes before the
///   crash report prints;
/// - `fatal(_:)`: restore, print the message, exit 1.
public enum TerminalLifecycle {
    /// Starts the terminal, runs `body`, and restores the terminal however
    /// `body` ends.
    public static func run<T>(
        theme: Theme,
        options: NcursesBackend.Options = NcursesBackend.Options(),
        _ body: (TerminalSession) throws -> T
    ) throws -> T {
        let session = try start(theme: theme, options: options)
        defer { restore() }
        return try body(session)
    }

    /// Starts the terminal: signal handlers first (so ncurses does not
    /// install its own), then ncurses. Pair with `restore()`.
    public static func start(
        theme: Theme,
        options: NcursesBackend.Options = NcursesBackend.Options()
    ) throws -> TerminalSession {
        state.registerAtExit()
        let wake = NcursesSignals.install()
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(options: options)
        } catch {
            NcursesSignals.uninstall()
            throw error
        }
        backend.wakeDescriptor = wake
        state.set(backend)
        return TerminalSession(backend: backend, theme: theme, pendingSignals: { NcursesSignals.drain() })
    }

    /// Gives the terminal back to the shell: `endwin`, default signal
    /// handling. Does nothing if the terminal is not started; safe to call
    /// more than once and from `atexit`.
    public static func restore() {
        guard let backend = state.take() else { return }
        backend.shutdown()
        NcursesSignals.uninstall()
    }

    /// Restores the terminal, prints `avitui: message` on stderr, exits 1.
    public static func fatal(_ message: String) -> Never {
        restore()
        FileHandle.standardError.write(Data("avitui: \(SafeText.sanitize(message))\n".utf8))
        exitNow(1)
    }

    /// How every command ends: the terminal restored, stdio flushed, then `_exit(status)`.
    ///
    /// `exit()` runs the C libraries' destructors (libcurl's TLS back end, libtasn1) while a
    /// worker thread may still be inside libcurl — a logout given up after its deadline, or a
    /// request of a refresher that was stopping. That raced to a SIGSEGV at exit (CI, stop 15:
    /// `rotate --complete`). Nothing of ours needs those destructors: the only `atexit` hook is
    /// the terminal restore, called here first.
    public static func exitNow(_ status: Int32) -> Never {
        restore()
        fflush(nil)
        _exit(status)
    }

    /// Runs `handler` after the terminal is restored on a signal exit (e.g.
    /// to flush a log); keep it short.
    public static func addExitHandler(_ handler: @escaping @Sendable () -> Void) {
        state.addExitHandler(handler)
    }

    /// Restores the terminal and ends the process by `signal`, so the parent
    /// shell sees how it ended.
    static func terminate(signal: Int32) -> Never {
        restore()
        for handler in state.exitHandlers() { handler() }
        if signal == SIGTERM || signal == SIGQUIT {
            FileHandle.standardError.write(Data("avitui: stopped by signal \(signal)\n".utf8))
        }
        Foundation.signal(signal, SIG_DFL)
        raise(signal)
        exitNow(128 + signal)
    }

    private static let state = LifecycleState()

    /// The running backend and exit hooks, behind a lock because `atexit`
    /// and signal exits may come from any thread.
    private final class LifecycleState: @unchecked Sendable {
        private let lock = NSLock()
        private var backend: TerminalBackend?
        private var handlers: [@Sendable () -> Void] = []
        private var atExitRegistered = false

        func set(_ backend: TerminalBackend) {
            lock.lock()
            defer { lock.unlock() }
            self.backend = backend
        }

        func take() -> TerminalBackend? {
            lock.lock()
            defer { lock.unlock() }
            let taken = backend
            backend = nil
            return taken
        }

        func addExitHandler(_ handler: @escaping @Sendable () -> Void) {
            lock.lock()
            defer { lock.unlock() }
            handlers.append(handler)
        }

        func exitHandlers() -> [@Sendable () -> Void] {
            lock.lock()
            defer { lock.unlock() }
            return handlers
        }

        func registerAtExit() {
            lock.lock()
            defer { lock.unlock() }
            guard !atExitRegistered else { return }
            atExitRegistered = true
            atexit { TerminalLifecycle.restore() }
        }
    }
}
