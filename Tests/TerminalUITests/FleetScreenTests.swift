import AviAPI
import Console
import Foundation
import Testing
@testable import TerminalUI

/// The fleet screen on the buffer backend: rows worst first, keys, Enter into a cluster's
/// console (header names it), Esc back, `:ctx`, and no way to write from the fleet itself.
@Suite struct FleetScreenTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func summary(quorum: Bool = true, notAuthenticated: Int = 0, down: Int = 0, channelDays: Double = 300) -> ClusterSummary {
        ClusterSummary(controllerVersion: "31.2.1", clusterState: quorum ? "CLUSTER_UP_HA_ACTIVE" : "CLUSTER_UP_HA_NOT_READY",
                       nodesActive: quorum ? 3 : 1, nodesTotal: 3, hasQuorum: quorum, leader: "node1",
                       serviceEnginesUp: 10 - down, serviceEnginesTotal: 10, mappingsNotAuthenticated: notAuthenticated, mappingsTotal: 13,
                       secureChannelCertificate: .init(name: "sc", notAfter: now.addingTimeInterval(channelDays * 86_400)),
                       soonestCertificates: [.init(name: "web", notAfter: now.addingTimeInterval(20 * 86_400))], alertsHigh: 2)
    }

    /// ams healthy, dead unreachable, fra with failed tunnels, lab without quorum, new never answered.
    static func store() -> FleetStore<ClusterSummary> {
        let names = ["ams", "dead", "fra", "lab", "new"]
        let store = FleetStore<ClusterSummary>(profiles: names.map { ControllerProfile(name: $0, color: $0 == "ams" ? "red" : nil) })
        store.update("ams") { $0.value = summary(); $0.fetchedAt = now.addingTimeInterval(-4) }
        store.update("fra") { $0.value = summary(notAuthenticated: 5); $0.fetchedAt = now.addingTimeInterval(-2) }
        store.update("lab") { $0.value = summary(quorum: false); $0.fetchedAt = now }
        store.update("dead") { entry in
            entry.failure = .unreachable
            entry.error = "cannot reach 10.9.9.9:443: Connection refused"
            entry.failedAt = now
            entry.nextAttempt = now.addingTimeInterval(8)
        }
        return store
    }

    func render(_ state: FleetUIState, store: FleetStore<ClusterSummary>, size: Size = Size(width: 160, height: 20)) -> (Canvas, [String]) {
        var canvas = Canvas(size: size)
        let rows = FleetOrder().sorted(store.latest().entries, now: Self.now) { $0 }.map { FleetRow($0, now: Self.now) }
        let result = FleetView.render(state: state, rows: rows, now: Self.now, styles: .standard, into: &canvas)
        return (canvas, result.names)
    }

    @Test func rowsAreWorstFirstWithEveryColumn() {
        let (canvas, names) = render(FleetUIState(), store: Self.store())
        #expect(names == ["dead", "lab", "fra", "ams", "new"])
        #expect(canvas.text(row: 0).contains("avitui · fleet · 5 clusters"))
        #expect(canvas.text(row: 0).contains("loading 1 of 5"), "a row never answered: not yet \"worst first\"")
        #expect(canvas.text(row: 0).contains("1 FAILING"))
        for title in ["Profile", "Version", "State", "Nodes", "Leader", "SEs up", "Tunnels", "SC cert", "Soonest cert", "HIGH", "Age"] {
            #expect(canvas.text(row: 2).contains(title), "\(title) missing: \(canvas.text(row: 2))")
        }
        #expect(canvas.text(row: 3).contains("dead") && canvas.text(row: 3).contains("unreachable"))
        #expect(canvas.text(row: 3).contains("never"), "a cluster never read has no data age")
        let ams = canvas.lines.first { $0.contains("ams ") } ?? ""
        for cell in ["31.2.1", "CLUSTER_UP_HA_ACTIVE", "3/3", "node1", "10/10", "300 d", "web (20 d)", "4 s"] {
            #expect(ams.contains(cell), "\(cell) missing: \(ams)")
        }
        // The selected (first) row's whole reason and the next retry are on the status line.
        #expect(canvas.text(row: 19).contains("dead: cannot reach 10.9.9.9:443: Connection refused — retrying in 8 s"))
        // The profile's colour.
        let amsRow = canvas.lines.firstIndex { $0.contains("ams ") } ?? 0
        #expect(canvas[0, amsRow].style.foreground == ThemeColor(name: "red"))
    }

    @Test func keysFilterSortOpenAndNeverWrite() {
        let store = Self.store()
        var state = FleetUIState()
        var (_, names) = render(state, store: store)
        func press(_ key: Key) -> [FleetEffect] {
            let (next, effects) = FleetUpdate.update(state, key, names: names)
            state = next
            names = render(state, store: store).1
            return effects
        }
        #expect(press(.enter) == [.open("dead")])
        _ = press(.character("j"))
        #expect(press(.enter) == [.open("lab")])
        #expect(press(.character("w")).isEmpty)
        #expect(state.message?.text.contains("never writes") == true)
        _ = press(.character("/"))
        for character in "fra" { _ = press(.character(character)) }
        _ = press(.enter)
        #expect(names == ["fra"])
        #expect(render(state, store: store).0.text(row: 1).contains("filter \"fra\": 1 of 5"))
        #expect(press(.enter) == [.open("fra")])
        _ = press(.escape)
        #expect(names.count == 5)
        _ = press(.character("s"))
        #expect(names.first == "ams", "sorted by profile")
        _ = press(.character(":"))
        for character in "ctx lab" { _ = press(.character(character)) }
        #expect(press(.enter) == [.open("lab")])
        #expect(press(.character("q")) == [.quit])
    }

    @Test func escapeInsideAClusterOfTheFleetGoesBackAndCtxSwitches() {
        var state = UIState()
        state.inFleet = true
        #expect(ConsoleUpdate.update(state, .key(.escape)).1 == [.leaveCluster])
        state.input = InputLine(mode: .command, text: "ctx fra")
        #expect(ConsoleUpdate.update(state, .key(.enter)).1 == [.switchCluster("fra")])
        var alone = UIState()
        #expect(ConsoleUpdate.update(alone, .key(.escape)).1.isEmpty, "outside a fleet Esc does not leave")
        alone.input = InputLine(mode: .command, text: "ctx fra")
        let (next, effects) = ConsoleUpdate.update(alone, .key(.enter))
        #expect(effects.isEmpty && next.message?.text.contains("not in a fleet") == true)
    }

    @Test func enterOpensTheClustersConsoleNamedInTheHeaderAndEscComesBack() {
        let store = Self.store()
        let backend = BufferBackend(size: Size(width: 160, height: 30))
        let session = TerminalSession(backend: backend, theme: BuiltinThemes.defaultTheme)
        let seen = LinesBox()
        let dependencies = FleetApp.Dependencies(store: store, clock: FixedWallClock(Self.now)) { name, done in
            var connection = ConnectionInfo(controller: "https://\(name).example:443", username: "admin", tenant: "admin",
                                            controllerVersion: "31.2.1", readOnly: true, readOnlyReason: "profile \(name)", insecure: false)
            connection.profile = name
            let snapshots = SnapshotStore(Snapshot(connection: connection))
            let console = ConsoleApp.Dependencies(store: snapshots, log: RequestLog(), clock: FixedWallClock(Self.now))
            done(.success(FleetApp.ClusterConsole(dependencies: console, readOnlyReason: "profile \(name)") { seen.lines = backend.lines }))
        }
        let app = FleetApp(session: session, dependencies: dependencies)
        app.draw()
        app.step(.character("j"))
        app.step(.enter)
        backend.enqueue(.character("4"), .escape)
        app.step(nil)  // the console opened: runs until Esc
        #expect(seen.lines.first?.contains("[lab]") == true, "\(seen.lines.first ?? "")")
        #expect(seen.lines.first?.contains("READ-ONLY") == true)
        #expect(app.state.message?.text == "back from lab")
        #expect(backend.shows("avitui · fleet · 5 clusters"))
        // :ctx from inside a cluster opens the other one.
        app.step(.enter)
        backend.enqueue(.character(":"), .character("c"), .character("t"), .character("x"), .character(" "), .character("f"),
                        .character("r"), .character("a"), .enter)
        app.step(nil)
        backend.enqueue(.escape)
        app.step(nil)
        #expect(seen.lines.first?.contains("[fra]") == true, "\(seen.lines.first ?? "")")
        app.step(.character(":"))
        for character in "ctx nowhere" { app.step(.character(character)) }
        app.step(.enter)
        #expect(app.state.message?.text.contains("no cluster 'nowhere' in this fleet") == true)
    }
}

/// Lines captured from another closure.
final class LinesBox: @unchecked Sendable {
    var lines: [String] = []
}
