import AviAPI
import ArgumentParser
import Console
import Foundation
import TerminalUI

/// `avitui [connection options] [--theme NAME|PATH]`: the interactive console (the default command).
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the interactive console (the default when no command is given).",
        discussion: """
            Keys: 1–7 or Tab pick a screen, / filters, s sorts, Enter shows every field, r refreshes, \
            p pauses, ? lists every key, q quits. Read-only is entered by itself when the user cannot \
            write the system configuration.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var display: DisplayOptions

    func run() async throws {
        try await runReportingErrors {
            let environment = ProcessInfo.processInfo.environment
            try ConsoleLauncher.checkTerminal(environment)
            let config = try ControllerConnection.loadConfig(environment: environment)
            let profileTheme = try? config.profile(named: connection.profile)?.theme
            let theme = try display.loadTheme(configured: profileTheme ?? config.theme)
            let log = RequestLog()
            // The password is read (or asked for on the terminal) before the screen starts.
            let prepared = try ControllerConnection.prepare(connection)
            let progress = ConnectProgressBox(ConnectProgress(
                controller: prepared.firstController, username: prepared.username,
                connectTimeout: prepared.limits.connectTimeout, requestTimeout: prepared.limits.requestTimeout))
            let clock = SystemWallClock()
            // The login runs while the connecting screen is drawn (q quits). During a leader change
            // the API is gone for minutes: keep trying; a wrong password or an untrusted certificate
            // ends with one line on stderr once the terminal is restored.
            try await ConsoleLauncher.run(log: log, theme: theme, progress: progress, clock: clock) {
                let opened = try await ConnectRetry.run(progress: progress, clock: clock) {
                    try await ControllerConnection.login(prepared, log: log, detectWriteAccess: true)
                }
                return (opened.client, opened.connection)
            }
        }
    }
}

/// Options for how the console looks.
struct DisplayOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Colour theme: a built-in name (default, light, solarized-dark, high-contrast, mono), a name in $XDG_CONFIG_HOME/avitui/themes, or a file path.", valueName: "NAME|PATH"))
    var theme: String?

    /// `--theme`, else the config file's `theme`, else the default; a bad theme is a one-line error.
    func loadTheme(configured: String?) throws -> Theme {
        do {
            return try ThemeLoader().load(theme ?? configured)
        } catch {
            throw AviError.invalidConfiguration(error.description)
        }
    }
}

/// Starts the refreshers and runs the console's UI loop on a thread of its
/// own (it waits on the keyboard, never on the network), then cleans up.
enum ConsoleLauncher {
    /// Refuses a terminal that cannot draw the console, before connecting.
    static func checkTerminal(_ environment: [String: String]) throws {
        if let problem = TerminalRequirement.problem(term: environment["TERM"]) { throw AviError.invalidConfiguration(problem) }
    }

    /// An already logged-in client (the demo): the console at once. `heartbeat`: the
    /// controller's heartbeat in seconds (10; a scaled simulator in `demo`), which sets how long
    /// the wizard's step 7 watches (six of them).
    /// `auditLog`: where the wizard records its writes (the demo keeps its own).
    static func run(client: AviClient, connection: ConnectionInfo, log: RequestLog, theme: Theme,
                    clock: WallClock = SystemWallClock(), heartbeat: TimeInterval = 10,
                    auditLog: AuditLog = AuditLog(paths: XDGPaths())) async throws {
        let progress = ConnectProgressBox(ConnectProgress(controller: connection.controller, username: connection.username,
                                                          connectTimeout: 0, requestTimeout: 0))
        try await run(log: log, theme: theme, progress: progress, clock: clock, heartbeat: heartbeat, auditLog: auditLog) { (client, connection) }
    }

    /// Starts the terminal first and shows the connecting screen while `connect` logs in;
    /// then starts the refreshers and runs the console on the same UI thread (it waits on the
    /// keyboard, never on the network). `q` on the connecting screen ends it (no error);
    /// a failed login restores the terminal and is thrown (one line on stderr).
    static func run(log: RequestLog, theme: Theme, progress: ConnectProgressBox, clock: WallClock, heartbeat: TimeInterval = 10,
                    auditLog: AuditLog = AuditLog(paths: XDGPaths()),
                    connect: @escaping @Sendable () async throws -> (AviClient, ConnectionInfo)) async throws {
        let handoff = ConsoleHandoff()
        let connecting = Task {
            do {
                let (client, connection) = try await connect()
                let store = SnapshotStore(Snapshot(connection: connection))
                let refresher = Refresher(client: client, store: store, clock: clock)
                await refresher.start()
                let readOnlyReason = connection.readOnly ? (connection.readOnlyReason ?? "read-only") : nil
                let console = ReadyConsole(client: client, refresher: refresher, readOnlyReason: readOnlyReason,
                                           dependencies: dependencies(client: client, store: store, log: log, refresher: refresher,
                                                                      clock: clock, heartbeat: heartbeat, readOnlyReason: readOnlyReason,
                                                                      auditLog: auditLog))
                if !handoff.offer(console) {
                    // The operator quit while the login finished: nobody will run this console.
                    await refresher.stop()
                    await logout(client, within: 2)
                }
            } catch {
                handoff.fail(error)
            }
        }
        let outcome: Result<UIEnd, TerminalStartError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: runLoop(handoff: handoff, progress: progress, theme: theme, clock: clock))
            }
            thread.name = "avitui-ui"
            thread.stackSize = 8 << 20
            thread.start()
        }
        // A login still running (libcurl cannot be interrupted) is left behind: the process ends next.
        connecting.cancel()
        switch handoff.close() {
        case let .ready(console)?:
            await console.refresher.stop()
            await logout(console.client, within: 2)
        case let .failed(error)?:
            // A login given up by the operator (q) is no error; one that failed by itself is.
            if case .success(.loginOver) = outcome { throw error }
        case nil: break
        }
        if case let .failure(error) = outcome { throw AviError.invalidConfiguration(error.description) }
    }

    /// Logs out, but never keeps the operator waiting on a dead controller:
    /// after `seconds` the process goes on (and ends) without the answer.
    private static func logout(_ client: AviClient, within seconds: Double) async {
        await FirstResult.race({ await client.session.logout() }, orAfter: seconds) { () }
    }

    /// What a cluster's console loop needs: its store, log, refresher controls and wizard.
    static func dependencies(client: AviClient, store: SnapshotStore, log: RequestLog, refresher: Refresher, clock: WallClock,
                             heartbeat: TimeInterval = 10, readOnlyReason: String?,
                             auditLog: AuditLog = AuditLog(paths: XDGPaths())) -> ConsoleApp.Dependencies {
        ConsoleApp.Dependencies(
            store: store, log: log, clock: clock,
            refreshNow: { Task { await refresher.refreshNow() } },
            refreshOnce: { Task { await refresher.refreshAllOnce() } },
            setPaused: { paused in Task { await refresher.setPaused(paused) } },
            wizard: RotationWizard(executor: RotationExecutor(client: client, clock: clock, pollInterval: min(2, heartbeat), heartbeat: heartbeat),
                                   auditLog: auditLog,
                                   // Watches up to twelve heartbeats (120 s on a real controller), scaled with the demo's.
                                   readOnlyReason: readOnlyReason, settleTimeout: 12 * heartbeat, clock: clock,
                                   afterWrite: RereadAfterWrite.using(refresher)),
            password: PasswordHost.session(of: client, refresher: refresher))
    }

    /// The UI thread: starts the terminal (falling back to `xterm` when TERM has no terminfo
    /// entry), shows the connecting screen until the login is over, runs the console when it
    /// succeeded, restores the terminal.
    private static func runLoop(handoff: ConsoleHandoff, progress: ConnectProgressBox, theme: Theme,
                                clock: WallClock) -> Result<UIEnd, TerminalStartError> {
        var message: StatusMessage?
        let session: TerminalSession
        do {
            session = try TerminalLifecycle.start(theme: theme)
        } catch {
            let error = error as? TerminalStartError ?? TerminalStartError("\(error)")
            let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
            guard error.description.contains("terminfo") || term.isEmpty,
                  let fallback = try? TerminalLifecycle.start(theme: theme, options: NcursesBackend.Options(terminalType: "xterm"))
            else { return .failure(error) }
            session = fallback
            message = StatusMessage(term.isEmpty ? "TERM is not set — using xterm; set TERM=xterm-256color for colours"
                                                 : "TERM=\(term) is unknown here — using xterm", kind: .warning)
        }
        defer { TerminalLifecycle.restore() }
        if handoff.isWaiting {
            let connecting = ConnectingApp(session: session, progress: progress, clock: clock) { !handoff.isWaiting }
            if connecting.run() == .quit { return .success(.quitWhileConnecting) }
        }
        guard let console = handoff.take() else { return .success(.loginOver) }
        var state = UIState(readOnlyReason: console.readOnlyReason)
        state.message = message
        ConsoleApp(session: session, dependencies: console.dependencies, state: state).run()
        return .success(.loginOver)
    }
}

/// How the UI thread ended: `q` on the connecting screen, or after the login was over (the
/// console ran, or the login failed and the launcher reports why).
enum UIEnd {
    case quitWhileConnecting
    case loginOver
}

/// A logged-in console ready to run: its client and refresher (to stop them afterwards)
/// and the UI loop's dependencies.
struct ReadyConsole: @unchecked Sendable {
    let client: AviClient
    let refresher: Refresher
    let readOnlyReason: String?
    let dependencies: ConsoleApp.Dependencies
}

/// The first login's result, handed from its task to the UI thread. Once closed (the UI
/// loop ended), an offered console is refused, so its maker stops it.
final class ConsoleHandoff: @unchecked Sendable {
    enum Settled {
        case ready(ReadyConsole)
        case failed(Error)
    }

    private let lock = NSLock()
    private var settled: Settled?
    private var closed = false

    /// No result yet.
    var isWaiting: Bool { lock.withLock { settled == nil } }

    /// Offers the console; false when the UI loop has already ended.
    func offer(_ console: ReadyConsole) -> Bool {
        lock.withLock {
            guard !closed else { return false }
            settled = .ready(console)
            return true
        }
    }

    func fail(_ error: Error) { lock.withLock { if !closed { settled = .failed(error) } } }

    /// The console to run, if the login succeeded (the UI thread).
    func take() -> ReadyConsole? {
        lock.withLock {
            guard case let .ready(console)? = settled else { return nil }
            return console
        }
    }

    /// Ends the hand-off: returns what was settled, for the launcher to clean up or report.
    func close() -> Settled? { lock.withLock { closed = true; return settled } }
}
