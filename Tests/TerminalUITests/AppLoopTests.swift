import AviAPI
import Console
import Foundation
import Simulator
import Testing
@testable import TerminalUI

/// The console loop over a buffer terminal: failing data, selection that
/// follows its row, the request log, and the wizard hook.
@Suite(.serialized) struct AppLoopTests {
    @Test func aLeaderChangeKeepsTheDataAndSaysSo() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 120, height: 30))
        #expect(screen.shows("quorum 3 of 3"))
        fixture.simulator.failover(downFor: 120)
        fixture.clock.advance(by: 30)
        await fixture.refresh()
        app.step(nil)
        let status = screen.text(row: 29)
        #expect(status.contains("data 30 s old, retrying in"), "\(screen.screenText)")
        #expect(status.hasPrefix(" leader change in progress") || status.hasPrefix(" controller unreachable"), "\(status)")
        #expect(screen.shows("last known: UP_HA_ACTIVE (30 s ago)"), "the last data stays on screen, marked as such")
        #expect(!screen.shows("Cluster          UP_HA_ACTIVE"), "never shown as current")
        #expect(screen.text(row: 0).contains("data 30 s"))
        #expect(screen.text(row: 0).contains("OFFLINE"), "\(screen.text(row: 0))")
        #expect(screen.text(row: 0).contains("last known UP_HA_ACTIVE"))
        let badge = try #require(screen.text(row: 0).range(of: "OFFLINE"))
        let x = screen.text(row: 0).distance(from: screen.text(row: 0).startIndex, to: badge.lowerBound)
        #expect(screen.style(at: x, 0) == StyleSheet.standard[.critical], "the badge has the critical look")
        // Every screen still draws from the last data.
        app.press(.character("5"))
        #expect(screen.shows("certificates ·"))
        #expect(screen.text(row: 29).contains("data 30 s old"))
        // The raw error is on the Requests screen.
        app.press(.character("7"))
        #expect(screen.shows("last error: cluster:"), "\(screen.screenText)")

        // At 80 columns the age and the retry are visible, with no cut.
        let (_, narrow) = fixture.app(size: Size(width: 80, height: 24))
        #expect(narrow.text(row: 23).contains("data 30 s old, retrying in"), "\(narrow.text(row: 23))")
    }

    @Test func refreshWhilePausedReadsOnceAndStaysPaused() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        let refresher = fixture.refresher
        let (done, finished) = AsyncStream<Void>.makeStream()
        let backend = BufferBackend(size: Size(width: 120, height: 30), capabilities: TerminalCapabilities(colorDepth: .indexed256, unicode: true))
        let dependencies = ConsoleApp.Dependencies(
            store: fixture.store, log: fixture.log, clock: fixture.clock,
            refreshOnce: { Task { await refresher.refreshAllOnce(); finished.yield() } },
            setPaused: { paused in Task { await refresher.setPaused(paused) } })
        let app = ConsoleApp(session: TerminalSession(backend: backend, theme: BuiltinThemes.defaultTheme), dependencies: dependencies)
        app.draw()
        app.press(.character("p"))
        let before = fixture.log.counts.sent
        let generation = fixture.store.latest().generation
        fixture.clock.advance(by: 20)
        app.press(.character("r"))
        #expect(backend.shows("refreshing once (still paused)"))
        var iterator = done.makeAsyncIterator()
        _ = await iterator.next()
        #expect(fixture.log.counts.sent > before, "r while paused really sends the reads")
        #expect(fixture.store.latest().generation > generation)
        #expect(app.state.paused, "and the console stays paused")
        app.step(nil)
        #expect(backend.text(row: 0).contains("data 0 s"), "\(backend.screenText)")
    }

    @Test func oneFailingResourceIsNamedWithItsAgeAndRetry() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 160, height: 30))
        fixture.simulator.setMalformedBodies(true, pathPrefix: "/api/sslkeyandcertificate")
        fixture.clock.advance(by: 65)
        await fixture.refresh()
        app.step(nil)
        let status = screen.text(row: 29)
        #expect(status.contains("certificates failing"), "\(screen.screenText)")
        #expect(status.contains("data 1 m old"), "\(status)")
        #expect(screen.text(row: 0).contains("STALE"))
        #expect(status.contains("retrying in"), "\(status)")
        fixture.simulator.setMalformedBodies(false, pathPrefix: nil)
        await fixture.refresh()
        app.step(nil)
        #expect(!screen.text(row: 29).contains("certificates failing"), "recovered by itself")
        #expect(!screen.text(row: 0).contains("STALE"))
    }

    @Test func theSelectionStaysOnItsAlertWhenNewOnesArrive() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 120, height: 30))
        app.press(.character("6"), .character("j"), .character("j"))
        func selectedRow() -> String? {
            let selection = StyleSheet.standard[.selection]
            return (0..<30).first { screen.style(at: 10, $0).background == selection.background && $0 > 3 }.map { screen.text(row: $0) }
        }
        let before = try #require(selectedRow())
        #expect(screen.shows("follow off"))
        fixture.simulator.addAlert(level: "ALERT_HIGH", summary: "a brand new alert", objectName: "new-object")
        fixture.clock.advance(by: 5)
        await fixture.refresh()
        app.step(nil)
        #expect(screen.shows("a brand new alert"), "\(screen.screenText)")
        #expect(selectedRow() == before, "the cursor stayed on the same alert")
        // Follow mode jumps to the newest and stays there.
        app.press(.character("f"))
        #expect(selectedRow()?.contains("a brand new alert") == true)
        fixture.simulator.addAlert(level: "ALERT_LOW", summary: "even newer", objectName: "new-object")
        await fixture.refresh()
        app.step(nil)
        #expect(selectedRow()?.contains("even newer") == true, "\(screen.screenText)")
    }

    @Test func theRequestsScreenShowsRefusedWrites() async throws {
        let fixture = try await AppFixture.start(readOnly: true)
        defer { Task { await fixture.stop() } }
        _ = try? await fixture.client.session.send(.put, "/api/systemconfiguration", body: Data("{}".utf8))
        let (app, screen) = fixture.app(size: Size(width: 160, height: 40))
        app.press(.character("7"))
        #expect(screen.shows("1 refused"), "\(screen.screenText)")
        #expect(screen.shows("REFUSED"))
        #expect(screen.shows("0 writes besides login/logout"))
        #expect(screen.text(row: 0).contains("READ-ONLY"))
        app.press(.character("w"))
        #expect(screen.shows("rotation is disabled: read-only (--read-only)"), "\(screen.screenText)")
        #expect(fixture.simulator.mutatingRequests().allSatisfy { $0.path == "/login" }, "nothing but the login was sent")
    }

    @Test func theWizardHostGetsKeysUntilItCloses() async throws {
        final class FakeWizard: WizardHost {
            var opened = 0
            var keys: [Key] = []
            func open(context: ViewContext) { opened += 1 }
            func handle(_ key: Key, context: ViewContext) -> Bool {
                keys.append(key)
                return key != .escape
            }
            func render(into canvas: inout Canvas, area: Rect, context: ViewContext) {
                canvas.draw("FAKE WIZARD", in: area, style: .plain)
            }
        }
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        let wizard = FakeWizard()
        let backend = BufferBackend(size: Size(width: 100, height: 30))
        let app = ConsoleApp(session: TerminalSession(backend: backend, theme: BuiltinThemes.defaultTheme),
                             dependencies: ConsoleApp.Dependencies(store: fixture.store, log: fixture.log, clock: fixture.clock, wizard: wizard))
        app.draw()
        app.press(.character("5"), .character("w"))
        #expect(wizard.opened == 1)
        #expect(backend.shows("FAKE WIZARD"))
        app.press(.character("q"), .character("1"))
        #expect(wizard.keys == [.character("q"), .character("1")], "q and 1 belong to the wizard while it is open")
        #expect(!app.state.quitRequested && app.state.screen == .certificates)
        app.press(.escape)
        #expect(app.state.overlay == .none)
        #expect(!backend.shows("FAKE WIZARD"))
        #expect(backend.shows("certificates ·"))
    }

    @Test func refreshAndPauseReachTheRefresher() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        final class Calls { var refresh = 0; var paused: [Bool] = [] }
        let calls = Calls()
        let backend = BufferBackend(size: Size(width: 100, height: 30))
        let app = ConsoleApp(session: TerminalSession(backend: backend, theme: BuiltinThemes.defaultTheme),
                             dependencies: ConsoleApp.Dependencies(store: fixture.store, log: fixture.log, clock: fixture.clock,
                                                                   refreshNow: { calls.refresh += 1 }, setPaused: { calls.paused.append($0) }))
        app.draw()
        app.press(.character("r"), .character("p"))
        #expect(backend.text(row: 0).contains("PAUSED"))
        app.press(.character("p"), .character(":"))
        app.type("pause")
        app.press(.enter)
        #expect(calls.refresh == 1 && calls.paused == [true, false, true])
        app.press(.character("q"))
        #expect(app.state.quitRequested)
    }
}
