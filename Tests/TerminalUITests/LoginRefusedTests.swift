import AviAPI
import Console
import Foundation
import Simulator
import Testing
@testable import TerminalUI

/// Issue 9 item 5: the password is changed on the controller while the console runs. The old
/// password is sent once (refused) and never again; the console says so and asks for the new one.
@Suite("Login refused: the console asks for the new password and never retries the old one")
struct LoginRefusedTests {
    static let newPassword = "rotated-elsewhere"

    /// Moves the refreshers' clock one second at a time, letting the three loops park between steps.
    static func runCycles(_ fixture: AppFixture, app: ConsoleApp, seconds: Int) async throws {
        for _ in 0..<seconds {
            try await Waiting.until("the refreshers to park", stepping: app) { fixture.clock.waiting == 3 }
            fixture.clock.advance(by: 1)
            for _ in 0..<20 { await Task.yield() }
        }
        try await Waiting.until("the refreshers to park", stepping: app) { fixture.clock.waiting == 3 }
    }

    static func successfulLogins(_ simulator: ControllerSimulator) -> Int {
        simulator.mutatingRequests().filter { $0.path == "/login" && (200..<300).contains($0.status) }.count
    }

    @Test func aChangedPasswordShowsTheScreenOnceAndTheNewPasswordResumes() async throws {
        let fixture = try await AppFixture.start()
        let host = PasswordHost.session(of: fixture.client, refresher: fixture.refresher)
        let (app, backend) = fixture.app(size: Size(width: 100, height: 30), password: host)
        await fixture.refresher.start()
        defer { Task { await fixture.refresher.stop(); await fixture.stop() } }
        #expect(!backend.shows("Login refused"))

        fixture.simulator.changePassword(username: fixture.endpoint.username, to: Self.newPassword)
        fixture.simulator.expireAllSessions()
        fixture.simulator.resetCounters()
        try await Self.runCycles(fixture, app: app, seconds: 20)

        // One refused login in 20 s of refresh cycles, and the screen says so.
        #expect(fixture.simulator.refusedLoginCount() == 1)
        #expect(fixture.simulator.mutatingRequests().filter { $0.path == "/login" }.count == 1)
        #expect(backend.shows("Login refused"), "\(backend.screenText)")
        #expect(backend.shows("refused the password of admin"), "\(backend.screenText)")
        #expect(backend.shows("Nothing more is sent"), "\(backend.screenText)")
        #expect(app.state.password != nil)

        // The old password again: refused locally, nothing sent.
        app.type("not-the-old-one-yet")
        #expect(backend.shows("New password: *******************_"), "the field is masked: \(backend.screenText)")
        #expect(!backend.shows("not-the-old-one-yet"))
        app.press(.control("u"))
        app.type(fixture.endpoint.password)
        app.press(.enter)
        try await Waiting.until("the old password's answer", stepping: app) { app.state.password?.problem != nil }
        #expect(backend.shows("refused before — not sent"), "\(backend.screenText)")
        #expect(fixture.simulator.refusedLoginCount() == 1)

        // The new password: one login, then every resource is read again.
        let loginsBefore = Self.successfulLogins(fixture.simulator)
        app.type(Self.newPassword)
        app.press(.enter)
        try await Waiting.until("the login with the new password", stepping: app) { app.state.password == nil }
        try await Waiting.until("fresh data", stepping: app) {
            fixture.store.latest().resourceStates.allSatisfy { $0.failure == nil }
        }
        #expect(!backend.shows("Login refused"), "\(backend.screenText)")
        #expect(Self.successfulLogins(fixture.simulator) == loginsBefore + 1)
        #expect(fixture.simulator.refusedLoginCount() == 1)
        #expect(DataHealth.level(fixture.store.latest(), now: fixture.clock.now()) == .fresh)
    }

    @Test func aSecondRefusalShowsTheScreenAgainAndIsNotRetried() async throws {
        let fixture = try await AppFixture.start()
        let host = PasswordHost.session(of: fixture.client, refresher: fixture.refresher)
        let (app, backend) = fixture.app(size: Size(width: 80, height: 24), password: host)
        await fixture.refresher.start()
        defer { Task { await fixture.refresher.stop(); await fixture.stop() } }

        fixture.simulator.changePassword(username: fixture.endpoint.username, to: Self.newPassword)
        fixture.simulator.expireAllSessions()
        fixture.simulator.resetCounters()
        try await Self.runCycles(fixture, app: app, seconds: 6)
        #expect(backend.shows("Login refused"), "\(backend.screenText)")

        app.type("still-wrong")
        app.press(.enter)
        try await Waiting.until("the refusal of the second password", stepping: app) { app.state.password?.problem != nil }
        #expect(backend.shows("refused that password too"), "\(backend.screenText)")
        #expect(fixture.simulator.refusedLoginCount() == 2)
        try await Self.runCycles(fixture, app: app, seconds: 20)
        #expect(fixture.simulator.refusedLoginCount() == 2)
        #expect(backend.shows("Login refused"))

        // q types a q while the field has text; Esc quits.
        app.type("xq")
        #expect(!app.state.quitRequested)
        #expect(app.state.password?.text == "xq")
        app.press(.escape)
        #expect(app.state.quitRequested)
    }

    /// Pure key handling: q quits only on an empty field, Enter on an empty field sends nothing,
    /// and in a cluster opened from the fleet Esc goes back.
    @Test func keysOnTheLoginRefusedScreen() {
        var state = UIState()
        state = ConsoleUpdate.update(state, .loginRefused).0
        var (next, effects) = ConsoleUpdate.update(state, .key(.enter))
        #expect(effects.isEmpty)
        #expect(next.password?.problem?.contains("type the new password") == true)
        (next, effects) = ConsoleUpdate.update(next, .key(.character("s")))
        (next, effects) = ConsoleUpdate.update(next, .key(.character("q")))
        #expect(effects.isEmpty && next.password?.text == "sq")
        (next, effects) = ConsoleUpdate.update(next, .key(.enter))
        #expect(effects == [.submitPassword("sq")])
        #expect(next.password?.checking == true && next.password?.text == "")
        #expect(!"\(next.password!)".contains("sq"))
        (next, effects) = ConsoleUpdate.update(next, .key(.character("x")))
        #expect(next.password?.text == "", "nothing is typed while the login runs")
        (next, effects) = ConsoleUpdate.update(next, .passwordOutcome(.accepted))
        #expect(next.password == nil)

        var fleet = UIState()
        fleet.inFleet = true
        fleet = ConsoleUpdate.update(fleet, .loginRefused).0
        #expect(ConsoleUpdate.update(fleet, .key(.escape)).1 == [.leaveCluster])
        #expect(ConsoleUpdate.update(fleet, .key(.character("q"))).1 == [.quit])
    }
}
