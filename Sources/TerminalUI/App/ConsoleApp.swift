import AviAPI
import Console
import Foundation

/// The UI loop: one thread reads the newest snapshot and the keys, runs
/// `update`, draws a frame and lets the backend write the difference. It
/// wakes on a key, on a new snapshot (polled every 100 ms, a lock and an
/// integer compare), and once a second so ages move. It never waits on the
/// network: refresher calls are handed to tasks.
public final class ConsoleApp {
    /// What the loop needs from the rest of the program.
    public struct Dependencies {
        public var store: SnapshotStore
        public var log: RequestLog
        public var clock: WallClock
        /// `r`: ask the refreshers to read everything now (must not block).
        public var refreshNow: () -> Void
        /// `r` while paused: one full read, the refreshers stay paused (must not block).
        public var refreshOnce: () -> Void
        /// `p`: stop or resume refreshing (must not block).
        public var setPaused: (Bool) -> Void
        public var wizard: WizardHost?
        /// The session's password refusal and how a new password reaches it (nil: no prompt).
        public var password: PasswordHost?

        public init(store: SnapshotStore, log: RequestLog, clock: WallClock = SystemWallClock(), refreshNow: @escaping () -> Void = {},
                    refreshOnce: @escaping () -> Void = {}, setPaused: @escaping (Bool) -> Void = { _ in }, wizard: WizardHost? = nil,
                    password: PasswordHost? = nil) {
            self.store = store
            self.log = log
            self.clock = clock
            self.refreshNow = refreshNow
            self.refreshOnce = refreshOnce
            self.setPaused = setPaused
            self.wizard = wizard
            self.password = password
        }
    }

    public private(set) var state: UIState
    /// How `run` ended: quit, back to the fleet, or to another cluster of it.
    public private(set) var exit: ConsoleExit = .quit
    private let session: TerminalSession
    private let dependencies: Dependencies
    private let cache = ViewCache()
    private var drawn: (generation: Int, requests: Int, second: Int, size: Size)?
    /// Answers from tasks (a password's login), handed to the UI thread.
    private let mailbox = EventMailbox()
    /// How often the loop polls for a new snapshot while no key comes. A key is answered at
    /// once whatever this is; new data shows within it (4 wake-ups a second, not 10, idle).
    public var pollMilliseconds = 250

    public init(session: TerminalSession, dependencies: Dependencies, state: UIState = UIState()) {
        self.session = session
        self.dependencies = dependencies
        self.state = state
        // Read-only shows the rotation entry disabled, with the reason.
        let connection = dependencies.store.latest().connection
        if self.state.readOnlyReason == nil, connection.readOnly {
            self.state.readOnlyReason = connection.readOnlyReason ?? "read-only"
        }
    }

    /// Runs until `q` or `:quit`.
    public func run() {
        draw()
        while !state.quitRequested {
            let key = session.nextKey(timeoutMilliseconds: pollMilliseconds)
            step(key)
        }
    }

    /// One turn of the loop: handle a key (if any), then draw if anything
    /// the frame shows may have changed. Tests drive the loop with this.
    public func step(_ key: Key?) {
        if noticeSessionEvents(), key == nil {
            draw()
            return
        }
        if let key {
            if key == .resize { drawn = nil }
            // On the too-small screen the operator sees none of the UI: keys would act blind.
            // Only q (quit) and Ctrl-L (repaint) still work.
            if !session.size.fits(session.minimumSize), key != .resize {
                if key == .character("q") { perform(.quit) } else if key == .control("l") { perform(.redrawAll) }
                if state.quitRequested { return }
                draw()
                return
            }
            dispatch(.key(key))
            if state.quitRequested { return }
            draw()
            return
        }
        if needsDraw() { draw() }
    }

    /// Answers that arrived from tasks, and a password refusal the session reported since the
    /// last turn, go through `update`. Returns whether anything did.
    private func noticeSessionEvents() -> Bool {
        var events = mailbox.takeAll()
        if state.password == nil, dependencies.password?.refusal() != nil { events.append(.loginRefused) }
        for event in events { dispatch(event) }
        return !events.isEmpty
    }

    /// Sends an event through `update` and carries out the effects.
    public func dispatch(_ event: UIEvent) {
        let (next, effects) = ConsoleUpdate.update(state, event)
        state = next
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .quit: state.quitRequested = true
        case .leaveCluster:
            exit = .back
            state.quitRequested = true
        case let .switchCluster(name):
            exit = .switchTo(name)
            state.quitRequested = true
        case .refreshNow: dependencies.refreshNow()
        case .refreshOnce: dependencies.refreshOnce()
        case let .setPaused(paused): dependencies.setPaused(paused)
        case .redrawAll:
            session.backend.invalidate()
            drawn = nil
        case .openWizard:
            if let wizard = dependencies.wizard {
                wizard.open(context: context())
            } else {
                state.overlay = .none
                state.message = StatusMessage("the rotation wizard is not available in this build — use avitui rotate", kind: .warning)
            }
        case let .submitPassword(password):
            guard let host = dependencies.password else { return }
            let mailbox = self.mailbox
            host.submit(password) { outcome in mailbox.put(.passwordOutcome(outcome)) }
        case let .wizardKey(key):
            if let wizard = dependencies.wizard, !wizard.handle(key, context: context()) {
                dispatch(.wizardClosed)
            } else if dependencies.wizard == nil {
                dispatch(.wizardClosed)
            }
        }
    }

    private func needsDraw() -> Bool {
        let snapshot = dependencies.store.latest()
        let counts = dependencies.log.counts
        let second = Int(dependencies.clock.now().timeIntervalSince1970)
        guard let drawn else { return true }
        return drawn.generation != snapshot.generation || drawn.second != second || drawn.size != session.size
            || (state.screen == .requests && drawn.requests != counts.sent + counts.refused)
    }

    private func context() -> ViewContext {
        let snapshot = dependencies.store.latest()
        let counts = dependencies.log.counts
        // The request log is copied only when the Requests screen shows it.
        let requests = state.screen == .requests ? dependencies.log.snapshot() : []
        var context = ViewContext(snapshot: snapshot, requests: requests, requestTotals: counts, now: dependencies.clock.now(),
                                  styles: session.styles, cache: cache)
        context.requestCapacity = dependencies.log.capacity
        return context
    }

    /// Draws one frame and feeds what the tables showed back into `update`.
    public func draw() {
        if state.password == nil, dependencies.password?.refusal() != nil { dispatch(.loginRefused) }
        let context = context()
        var events: [UIEvent] = []
        session.render { canvas in
            events = ConsoleView.render(state: state, context: context, wizard: dependencies.wizard, into: &canvas)
        }
        for event in events { dispatch(event) }
        let counts = context.requestTotals
        drawn = (context.snapshot.generation, counts.sent + counts.refused, Int(context.now.timeIntervalSince1970), session.size)
    }
}

/// Events posted from other threads for the UI loop to take on its next turn.
final class EventMailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [UIEvent] = []

    func put(_ event: UIEvent) { lock.withLock { events.append(event) } }

    func takeAll() -> [UIEvent] {
        lock.withLock {
            let taken = events
            events = []
            return taken
        }
    }
}

/// Why a console's loop ended.
public enum ConsoleExit: Equatable, Sendable {
    /// `q` / `:quit`: the program ends.
    case quit
    /// Esc in a cluster opened from the fleet.
    case back
    /// `:ctx NAME`.
    case switchTo(String)
}
