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
            // During a leader change the API is gone for minutes: keep trying (Ctrl-C stops);
            // a wrong password or an untrusted certificate is still one line and an exit.
            let opened = try await ConsoleLauncher.retryingWhileUnreachable {
                try await ControllerConnection.open(connection, log: log, detectWriteAccess: true)
            }
            try await ConsoleLauncher.run(client: opened.client, connection: opened.connection, log: log, theme: theme)
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

    /// `heartbeat`: the controller's heartbeat in seconds (10; a scaled simulator in `demo`), which
    /// sets how long the wizard's step 7 watches (six of them).
    static func run(client: AviClient, connection: ConnectionInfo, log: RequestLog, theme: Theme,
                    clock: WallClock = SystemWallClock(), heartbeat: TimeInterval = 10) async throws {
        let store = SnapshotStore(Snapshot(connection: connection))
        let refresher = Refresher(client: client, store: store, clock: clock)
        await refresher.start()
        let readOnlyReason = connection.readOnly ? (connection.readOnlyReason ?? "read-only") : nil
        let outcome: Result<Void, TerminalStartError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: runLoop(client: client, store: store, log: log, refresher: refresher, theme: theme,
                                                       clock: clock, heartbeat: heartbeat, readOnlyReason: readOnlyReason))
            }
            thread.name = "avitui-ui"
            thread.stackSize = 8 << 20
            thread.start()
        }
        await refresher.stop()
        await logout(client, within: 2)
        if case let .failure(error) = outcome { throw AviError.invalidConfiguration(error.description) }
    }

    /// Whether the controller did not answer at all (worth waiting for), as
    /// opposed to answering no (credentials, trust, configuration: not).
    static func isAddressLevel(_ error: AviError) -> Bool {
        switch error {
        case .unreachable, .timeout, .connectionLost, .serverUnavailable: return true
        case let .allControllersFailed(errors): return !errors.isEmpty && errors.allSatisfy(isAddressLevel)
        default: return false
        }
    }

    /// Runs `open` until it succeeds or fails for a reason other than an
    /// unreachable controller, saying on stderr what failed and when the
    /// next try is (2 s, doubling to 30 s). Ctrl-C ends the wait: no terminal is set up yet.
    static func retryingWhileUnreachable<T>(_ open: () async throws -> T) async throws -> T {
        var failures = 0
        while true {
            do { return try await open() } catch let error as AviError where isAddressLevel(error) {
                failures += 1
                let delay = min(30, 2 * (1 << min(failures - 1, 4)))
                let line = "avitui: \(error.description) — retrying in \(delay) s (attempt \(failures); Ctrl-C stops)\n"
                FileHandle.standardError.write(Data(line.utf8))
                try await Task.sleep(nanoseconds: UInt64(delay) * 1_000_000_000)
            }
        }
    }

    /// Logs out, but never keeps the operator waiting on a dead controller:
    /// after `seconds` the process goes on (and ends) without the answer.
    private static func logout(_ client: AviClient, within seconds: Double) async {
        await FirstResult.race({ await client.session.logout() }, orAfter: seconds) { () }
    }

    /// What a cluster's console loop needs: its store, log, refresher controls and wizard.
    static func dependencies(client: AviClient, store: SnapshotStore, log: RequestLog, refresher: Refresher, clock: WallClock,
                             heartbeat: TimeInterval = 10, readOnlyReason: String?) -> ConsoleApp.Dependencies {
        ConsoleApp.Dependencies(
            store: store, log: log, clock: clock,
            refreshNow: { Task { await refresher.refreshNow() } },
            refreshOnce: { Task { await refresher.refreshAllOnce() } },
            setPaused: { paused in Task { await refresher.setPaused(paused) } },
            wizard: RotationWizard(executor: RotationExecutor(client: client, clock: clock, pollInterval: min(2, heartbeat), heartbeat: heartbeat),
                                   auditLog: AuditLog(paths: XDGPaths()),
                                   // Watches up to twelve heartbeats (120 s on a real controller), scaled with the demo's.
                                   readOnlyReason: readOnlyReason, settleTimeout: 12 * heartbeat, clock: clock),
            password: PasswordHost.session(of: client, refresher: refresher))
    }

    /// The UI thread: starts the terminal (falling back to `xterm` when TERM
    /// has no terminfo entry), runs the loop, restores the terminal.
    private static func runLoop(client: AviClient, store: SnapshotStore, log: RequestLog, refresher: Refresher, theme: Theme,
                                clock: WallClock, heartbeat: TimeInterval, readOnlyReason: String?) -> Result<Void, TerminalStartError> {
        var state = UIState(readOnlyReason: readOnlyReason)
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
            state.message = StatusMessage(term.isEmpty ? "TERM is not set — using xterm; set TERM=xterm-256color for colours"
                                                       : "TERM=\(term) is unknown here — using xterm", kind: .warning)
        }
        defer { TerminalLifecycle.restore() }
        let dependencies = Self.dependencies(client: client, store: store, log: log, refresher: refresher, clock: clock,
                                             heartbeat: heartbeat, readOnlyReason: readOnlyReason)
        ConsoleApp(session: session, dependencies: dependencies, state: state).run()
        return .success(())
    }
}
