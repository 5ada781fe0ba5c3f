import AviAPI
import Console
import Foundation
import Simulator
@testable import TerminalUI

/// A snapshot read from an in-process simulator over real TLS, with a fixed
/// "now" and seed, so screens render the same text every run; plus helpers
/// to render it at any size and drive the console loop headlessly.
struct AppFixture {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    let simulator: ControllerSimulator
    let client: AviClient
    let store: SnapshotStore
    let log: RequestLog
    let clock: FixedWallClock
    let refresher: Refresher
    let endpoint: SimulatorEndpoint

    /// Starts a simulator (the callbacks may change its options or its data
    /// before the first read) and reads everything once.
    static func start(readOnly: Bool = false, insecure: Bool = false, configure: (inout SimulatorOptions) -> Void = { _ in },
                      prepare: (ControllerSimulator) -> Void = { _ in }) async throws -> AppFixture {
        var options = SimulatorOptions()
        options.now = now
        options.alertInterval = nil
        options.seed = 7
        configure(&options)
        let simulator = ControllerSimulator(options: options)
        let endpoint = try await simulator.start()
        prepare(simulator)
        let log = RequestLog()
        let settings = ConnectionSettings(controllers: [endpoint.url], username: endpoint.username, password: endpoint.password,
                                          trust: TLSTrust(caFile: endpoint.caFile.path),
                                          // Generous: a TLS handshake on 2 loaded cores can take longer than the default 5 s.
                                          limits: TransportLimits(connectTimeout: 30, requestTimeout: 60), readOnly: readOnly)
        let client = AviClient(settings: settings, log: log)
        let login = try await client.session.connect()
        let connection = ConnectionInfo(controller: endpoint.url.absoluteString, username: endpoint.username, tenant: "admin",
                                        controllerVersion: login.version?.version, readOnly: readOnly,
                                        readOnlyReason: readOnly ? "--read-only" : nil, insecure: insecure)
        let store = SnapshotStore(Snapshot(connection: connection))
        let clock = FixedWallClock(now)
        let refresher = Refresher(client: client, store: store, clock: clock)
        await refresher.refreshAllOnce()
        return AppFixture(simulator: simulator, client: client, store: store, log: log, clock: clock, refresher: refresher, endpoint: endpoint)
    }

    func stop() async { try? await simulator.stop() }

    /// Reads everything again (after a change in the simulator).
    func refresh() async { await refresher.refreshAllOnce() }

    /// A console loop over a buffer "terminal" of `size`.
    func app(size: Size, colorDepth: ColorDepth = .indexed256, unicode: Bool = true, theme: Theme = BuiltinThemes.defaultTheme,
             readOnlyReason: String? = nil, password: PasswordHost? = nil) -> (ConsoleApp, BufferBackend) {
        let backend = BufferBackend(size: size, capabilities: TerminalCapabilities(colorDepth: colorDepth, unicode: unicode))
        let session = TerminalSession(backend: backend, theme: theme)
        let dependencies = ConsoleApp.Dependencies(store: store, log: log, clock: clock, password: password)
        let app = ConsoleApp(session: session, dependencies: dependencies, state: UIState(readOnlyReason: readOnlyReason))
        app.draw()
        return (app, backend)
    }
}

extension BufferBackend {
    /// The whole screen as one string, rows joined by newlines (for failure messages).
    var screenText: String { lines.joined(separator: "\n") }

    /// Whether any row contains `text`.
    func shows(_ text: String) -> Bool { lines.contains { $0.contains(text) } }

    /// The first row containing `text`.
    func row(containing text: String) -> Int? { lines.firstIndex { $0.contains(text) } }
}

extension ConsoleApp {
    /// Presses keys one after another, drawing after each like the real loop.
    func press(_ keys: Key...) {
        for key in keys { step(key) }
    }

    /// Types a string as character keys.
    func type(_ text: String) {
        for character in text { step(.character(character)) }
    }
}
