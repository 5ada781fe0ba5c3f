import AviAPI
import Console
import Foundation
import Simulator
import Testing
@testable import TerminalUI

/// Issue 10 item 8: before the first login has finished the console shows where it connects,
/// the attempt, the next try and the timeouts, and `q` quits.
@Suite("The connecting screen")
struct ConnectingScreenTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func connectingApp(_ progress: ConnectProgressBox, clock: WallClock, size: Size = Size(width: 100, height: 30),
                              isReady: @escaping () -> Bool = { false }) -> (ConnectingApp, BufferBackend) {
        let backend = BufferBackend(size: size)
        let session = TerminalSession(backend: backend, theme: BuiltinThemes.defaultTheme)
        let app = ConnectingApp(session: session, progress: progress, clock: clock, isReady: isReady)
        app.draw()
        return (app, backend)
    }

    /// A controller that accepts TCP and never completes TLS: the screen names the address,
    /// the failed attempt with the timeout that fired, the next try, and q quits. The login
    /// fails as the transport reports it (`connectTimeout`, tlsStarted; HeadlessTimeoutTests
    /// proves that classification against a silent listener): here without the network, as a
    /// suite full of blocking libcurl calls can keep a real one queued for minutes.
    @Test func aSilentControllerShowsAttemptsAndTheNextTryAndQQuits() async throws {
        let url = "https://127.0.0.1:9"
        let clock = FixedWallClock(Self.start)
        let progress = ConnectProgressBox(ConnectProgress(controller: url, username: "admin", connectTimeout: 1, requestTimeout: 7))
        let (app, backend) = Self.connectingApp(progress, clock: clock)
        #expect(backend.shows("Connecting to \(url) as admin"), "\(backend.screenText)")
        #expect(backend.shows("Timeouts: connect 1 s (TCP and TLS), answer 7 s"), "\(backend.screenText)")
        #expect(backend.shows("q:quit"), "\(backend.screenText)")

        let attempts = Counter()
        let login = Task {
            try await ConnectRetry.run(progress: progress, clock: clock) { () async throws -> Void in
                attempts.increment()
                throw AviError.connectTimeout(host: "127.0.0.1:9", seconds: 1, tlsStarted: true)
            }
        }
        defer { login.cancel() }
        try await Waiting.until("the first attempt to fail") { progress.current.attempt == 2 && clock.waiting == 1 }
        _ = app.step(nil)
        #expect(backend.shows("Attempt 2 in 2 s"), "\(backend.screenText)")
        #expect(backend.shows("Attempt 1 failed"), "\(backend.screenText)")
        #expect(backend.shows("accepted the connection but did not"), "\(backend.screenText)")
        #expect(backend.shows("handshake within 1 s (connect timeout"), "\(backend.screenText)")
        #expect(progress.current.nextAttempt == Self.start.addingTimeInterval(2))
        #expect(attempts.value == 1, "nothing is tried again before the wait is over")

        // The second try waits 2 s, the third 4 s.
        clock.advance(by: 2)
        try await Waiting.until("the second attempt to fail") { progress.current.attempt == 3 && clock.waiting == 1 }
        #expect(progress.current.nextAttempt == Self.start.addingTimeInterval(6))
        _ = app.step(nil)
        #expect(backend.shows("Attempt 3 in 4 s"), "\(backend.screenText)")
        #expect(attempts.value == 2)

        #expect(app.step(.character("x")) == nil)
        #expect(app.step(.character("q")) == .quit)
        #expect(Self.connectingApp(progress, clock: clock).0.step(.escape) == .quit)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func increment() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    /// A refused password is not a reason to wait: one login, then the error (the console
    /// prints it after restoring the terminal).
    @Test func aRefusedPasswordEndsTheRetryAtOnce() async throws {
        let simulator = ControllerSimulator(options: SimulatorOptions())
        let endpoint = try await simulator.start()
        defer { Task { try? await simulator.stop() } }
        let settings = ConnectionSettings(controllers: [endpoint.url], username: endpoint.username, password: "wrong",
                                          trust: TLSTrust(caFile: endpoint.caFile.path),
                                          limits: TransportLimits(connectTimeout: 30, requestTimeout: 60))
        let client = AviClient(settings: settings)
        let clock = FixedWallClock(Self.start)
        let progress = ConnectProgressBox(ConnectProgress(controller: endpoint.url.absoluteString, username: endpoint.username,
                                                          connectTimeout: 5, requestTimeout: 30))
        await #expect { try await ConnectRetry.run(progress: progress, clock: clock) { try await client.session.connect() } } throws: { error in
            (error as? AviError)?.isCredentialRefusal == true
        }
        #expect(simulator.refusedLoginCount() == 1)
        #expect(progress.current.attempt == 1)
    }

    /// The screen gives way as soon as the login is over, and draws the running attempt's age.
    @Test func theScreenEndsWhenTheLoginIsOver() {
        let clock = FixedWallClock(Self.start)
        let progress = ConnectProgressBox(ConnectProgress(controller: "https://ctrl.example:8443", username: "ops",
                                                          connectTimeout: 5, requestTimeout: 30))
        progress.update { $0.attemptStarted = Self.start }
        nonisolated(unsafe) var ready = false
        let (app, backend) = Self.connectingApp(progress, clock: clock, size: Size(width: 80, height: 24)) { ready }
        clock.advance(by: 3)
        #expect(app.step(nil) == nil)
        #expect(backend.shows("Attempt 1: logging in… (3 s)"), "\(backend.screenText)")
        #expect(backend.shows("ctrl.example:8443"))
        ready = true
        #expect(app.step(nil) == .ready)
    }

    @Test func waitsDoubleToACap() {
        #expect((1...7).map { ConnectRetry.delay(afterFailures: $0) } == [2, 4, 8, 16, 30, 30, 30])
        #expect(ConnectRetry.isWorthWaiting(.connectTimeout(host: "h", seconds: 5, tlsStarted: true)))
        #expect(ConnectRetry.isWorthWaiting(.unreachable(host: "h", detail: "refused")))
        #expect(!ConnectRetry.isWorthWaiting(.loginFailed(host: "h", status: 401)))
        #expect(!ConnectRetry.isWorthWaiting(.untrustedCertificate(host: "h", detail: "x")))
    }
}
