import Console
import Foundation

/// The fleet console's loop: the fleet screen, and — on Enter or `:ctx NAME` — one cluster's
/// full console (`ConsoleApp`, all seven screens, its own read-only setting and wizard) run
/// on the same thread until Esc brings the operator back. Opening a cluster (its login) runs
/// in a task: the fleet screen keeps drawing, Esc gives up waiting.
public final class FleetApp {
    /// A cluster's console, ready to run: its dependencies and how to close it afterwards.
    public struct ClusterConsole: @unchecked Sendable {
        public var dependencies: ConsoleApp.Dependencies
        public var readOnlyReason: String?
        /// Stops its refreshers and logs out (must not block).
        public var close: () -> Void

        public init(dependencies: ConsoleApp.Dependencies, readOnlyReason: String?, close: @escaping () -> Void) {
            self.dependencies = dependencies
            self.readOnlyReason = readOnlyReason
            self.close = close
        }
    }

    public struct Dependencies {
        public var store: FleetStore<ClusterSummary>
        public var clock: WallClock
        /// `r`: read every cluster now (must not block).
        public var refreshNow: () -> Void
        /// Starts opening a cluster's console; calls `done` once, from any thread, with the
        /// console or one line saying why it cannot be opened.
        public var openCluster: (String, @escaping @Sendable (Result<ClusterConsole, FleetOpenError>) -> Void) -> Void

        public init(store: FleetStore<ClusterSummary>, clock: WallClock = SystemWallClock(), refreshNow: @escaping () -> Void = {},
                    openCluster: @escaping (String, @escaping @Sendable (Result<ClusterConsole, FleetOpenError>) -> Void) -> Void) {
            self.store = store
            self.clock = clock
            self.refreshNow = refreshNow
            self.openCluster = openCluster
        }
    }

    public private(set) var state = FleetUIState()
    private let session: TerminalSession
    private let dependencies: Dependencies
    private let pending = PendingOpen()
    private var opening: (name: String, token: Int)?
    private var names: [String] = []
    private var drawn: (generation: Int, second: Int, size: Size)?
    private var order = FleetOrder()

    public init(session: TerminalSession, dependencies: Dependencies) {
        self.session = session
        self.dependencies = dependencies
    }

    /// Runs until `q` (here or inside a cluster).
    public func run() {
        draw()
        while !state.quitRequested {
            step(session.nextKey(timeoutMilliseconds: 100))
        }
    }

    /// One turn: a finished open runs that cluster's console; a key goes to `update`.
    public func step(_ key: Key?) {
        if let (token, result) = pending.take(), token == opening?.token, let name = opening?.name {
            opening = nil
            switch result {
            case let .success(console): runCluster(name, console)
            case let .failure(error): state.message = StatusMessage("\(name): \(error.message)", kind: .error)
            }
            drawn = nil
        }
        if state.quitRequested { return }
        if let key {
            if key == .resize { drawn = nil }
            if opening != nil, key == .escape {
                opening = nil
                state.message = StatusMessage("stopped waiting for the cluster")
            } else {
                let (next, effects) = FleetUpdate.update(state, key, names: names)
                state = next
                for effect in effects { perform(effect) }
            }
            if !state.quitRequested { draw() }
            return
        }
        if needsDraw() { draw() }
    }

    private func perform(_ effect: FleetEffect) {
        switch effect {
        case .quit: state.quitRequested = true
        case .refreshNow: dependencies.refreshNow()
        case .redrawAll:
            session.backend.invalidate()
            drawn = nil
        case let .open(name): open(name)
        }
    }

    /// Asks for a cluster's console; the answer arrives through `pending`.
    public func open(_ name: String) {
        let known = dependencies.store.latest().entries.map(\.name)
        guard let match = known.first(where: { $0 == name }) ?? known.first(where: { $0.lowercased() == name.lowercased() }) else {
            state.message = StatusMessage("no cluster '\(name)' in this fleet; known: \(known.joined(separator: ", "))", kind: .warning)
            return
        }
        let token = (opening?.token ?? 0) + 1
        opening = (match, token)
        state.selectedName = match
        state.message = StatusMessage("opening \(match)… (Esc stops waiting)")
        let pending = self.pending
        dependencies.openCluster(match) { result in pending.put(token, result) }
    }

    private func runCluster(_ name: String, _ console: ClusterConsole) {
        var uiState = UIState(readOnlyReason: console.readOnlyReason)
        uiState.inFleet = true
        let app = ConsoleApp(session: session, dependencies: console.dependencies, state: uiState)
        app.run()
        console.close()
        session.backend.invalidate()
        switch app.exit {
        case .quit: state.quitRequested = true
        case .back: state.message = StatusMessage("back from \(name)")
        case let .switchTo(other): open(other)
        }
    }

    private func rows(now: Date) -> [FleetRow] {
        let fleet = dependencies.store.latest()
        return order.sorted(fleet.entries, now: now) { $0 }.map { FleetRow($0, now: now, order: order) }
    }

    private func needsDraw() -> Bool {
        let generation = dependencies.store.latest().generation
        let second = Int(dependencies.clock.now().timeIntervalSince1970)
        guard let drawn else { return true }
        return drawn.generation != generation || drawn.second != second || drawn.size != session.size
    }

    /// Draws one frame of the fleet screen.
    public func draw() {
        let now = dependencies.clock.now()
        let generation = dependencies.store.latest().generation
        let rows = rows(now: now)
        var result: (names: [String], visibleRows: Int) = ([], 1)
        session.render { canvas in
            result = FleetView.render(state: state, rows: rows, now: now, styles: session.styles, into: &canvas)
        }
        names = result.names
        state.visibleRows = result.visibleRows
        state.rowCount = names.count
        if let name = state.selectedName, let index = names.firstIndex(of: name) {
            state.table.selection = index
        } else if names.indices.contains(state.table.selection) {
            state.selectedName = names[state.table.selection]
        }
        drawn = (generation, Int(now.timeIntervalSince1970), session.size)
    }
}

/// Why a cluster's console could not be opened, in one line.
public struct FleetOpenError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The result of an open, handed from the opening task to the UI thread.
private final class PendingOpen: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Int, Result<FleetApp.ClusterConsole, FleetOpenError>)?

    func put(_ token: Int, _ result: Result<FleetApp.ClusterConsole, FleetOpenError>) {
        lock.lock()
        value = (token, result)
        lock.unlock()
    }

    func take() -> (Int, Result<FleetApp.ClusterConsole, FleetOpenError>)? {
        lock.lock()
        defer { lock.unlock() }
        let taken = value
        value = nil
        return taken
    }
}
