import AviAPI
import Console
import Foundation
import Simulator
import Testing
@testable import TerminalUI

/// Every screen rendered headlessly from simulator data (real TLS, fixed
/// clock and seed) at 80x24 and 200x50, asserting on text and on styles.
@Suite(.serialized) struct ScreenRenderTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 200, height: 50)]

    @Test func everyScreenRendersAtBothSizes() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        for size in Self.sizes {
            let (app, screen) = fixture.app(size: size)
            // Header, tabs and status line are on every screen.
            #expect(screen.text(row: 0).contains("avitui"), "\(size)\n\(screen.screenText)")
            #expect(screen.text(row: 0).contains("admin@admin"))
            #expect(screen.text(row: 0).contains("UP_HA_ACTIVE"))
            #expect(screen.text(row: 1).contains("1 Overview"))
            #expect(screen.lines.count == size.height && screen.lines.allSatisfy { DisplayWidth.of($0) == size.width })

            // Overview.
            #expect(screen.shows("quorum 3 of 3"), "\(size)\n\(screen.screenText)")
            #expect(screen.shows("Service Engines"))
            #expect(screen.shows("12 total"))
            #expect(screen.shows("Secure channel"))
            #expect(screen.shows("15 mappings"))
            #expect(screen.shows("Certificates"))
            #expect(screen.shows("channel cert"))
            #expect(screen.shows("System-Default-Secure-Channel-Cert"))
            #expect(screen.shows("Newest alerts"))
            if size.width >= 130 { #expect(screen.shows("Expiring soonest")) }

            app.press(.character("2"))
            #expect(screen.shows(size.width >= 120 ? "Up since (UTC)" : "Up for"), "\(size)\n\(screen.screenText)")
            #expect(screen.shows("leader"))
            #expect(screen.shows("ACTIVE"))
            #expect(screen.shows("Services ("))

            app.press(.character("3"))
            #expect(screen.shows("12 Service Engines"), "\(size)\n\(screen.screenText)")
            #expect(screen.shows("Mgmt IP"))
            #expect(screen.shows("UP"))
            if size.width >= 200 { #expect(screen.shows("Cloud")) }

            app.press(.character("4"))
            #expect(screen.shows("15 mappings (3 controllers, 12 SEs)"), "\(size)\n\(screen.screenText)")
            #expect(screen.shows("controller"))
            if size.width >= 120 { #expect(screen.shows("100.6"), "controller-side local IPs") }

            app.press(.character("5"))
            #expect(screen.shows("certificates ·"), "\(size)\n\(screen.screenText)")
            if size.width >= 200 { #expect(screen.shows("worst first"), "worst first by default") }
            if size.width >= 200 { #expect(screen.shows("channel cert System-Default-Secure-Channel-Cert")) }

            app.press(.character("6"))
            #expect(screen.shows("200 alerts"), "\(size)\n\(screen.screenText)")
            #expect(screen.shows("Time (UTC)"))
            #expect(screen.shows("follow off"), "the alerts open on the worst, not following")

            app.press(.character("7"))
            #expect(screen.shows("requests sent"), "\(size)\n\(screen.screenText)")
            #expect(screen.shows("0 writes besides login/logout"))
            #expect(screen.shows("/api/cluster/runtime"))
            #expect(screen.shows("GET"))
        }
    }

    @Test func expiredAndExpiringCertificatesTakeTheThemeColours() async throws {
        let fixture = try await AppFixture.start(prepare: { simulator in
            simulator.setCertificateNotAfter(name: "System-Default-Portal-Cert", AppFixture.now.addingTimeInterval(-3 * 86_400))
        })
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 200, height: 50))
        // Certificates, cursor on the last row (the latest expiry), away from the coloured rows.
        app.press(.character("5"), .character("G"))
        let styles = StyleSheet.standard
        let snapshot = fixture.store.latest()
        let rows = (snapshot.certificates.value ?? []).map { CertificateRow($0, usage: snapshot.certificateUsage, now: AppFixture.now) }
        let expiredRow = try #require(screen.row(containing: "System-Default-Portal-Cert"), "\(screen.screenText)")
        #expect(screen.text(row: expiredRow).contains("expired"))
        #expect(screen.style(at: 0, expiredRow) == styles[.expired], "expired row in the theme's expired style")
        for (bucket, role) in [(ExpiryBucket.critical, ThemeRole.critical), (.warning, .warning)] {
            let certificate = try #require(rows.first { $0.bucket == bucket }, "the simulator has a \(bucket) certificate")
            let row = try #require(screen.row(containing: certificate.name), "\(screen.screenText)")
            #expect(screen.style(at: 0, row) == styles[role], "\(bucket): \(certificate.name)")
        }
        let ok = try #require(rows.first { $0.bucket == .ok && !$0.name.hasPrefix("System-Default") })
        if let row = screen.row(containing: ok.name), row != screen.lines.count - 2 {
            #expect(screen.style(at: 0, row) == styles[.normal], "a healthy certificate is not coloured")
        }
    }

    @Test func tooSmallShowsAMessageAndResizeRelayouts() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 80, height: 24))
        app.press(.character("5"))
        screen.resize(to: Size(width: 79, height: 24))
        app.step(screen.pendingKeys.removeFirst())
        #expect(screen.shows("terminal too small: need 80x24, have 79x24"), "\(screen.screenText)")
        screen.resize(to: Size(width: 200, height: 50))
        app.step(screen.pendingKeys.removeFirst())
        #expect(screen.lines.count == 50)
        #expect(screen.shows("certificates ·"), "\(screen.screenText)")
        #expect(screen.text(row: 0).hasSuffix(" "), "header spans the new width")
        #expect(DisplayWidth.of(screen.text(row: 49)) == 200)
    }

    @Test func tinyCanvasesDoNotCrash() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        for size in [Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 10, height: 3), Size(width: 80, height: 5),
                     Size(width: 300, height: 100)] {
            for screen in ScreenID.allCases {
                var state = UIState()
                state.screen = screen
                var canvas = Canvas(size: size)
                let context = ViewContext(snapshot: fixture.store.latest(), now: AppFixture.now, styles: .standard)
                ConsoleView.render(state: state, context: context, into: &canvas)
                state.overlay = .detail(offset: 3)
                ConsoleView.render(state: state, context: context, into: &canvas)
                state.overlay = .help(offset: 100)
                ConsoleView.render(state: state, context: context, into: &canvas)
            }
        }
    }

    @Test func detailPaneShowsEveryField() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        for size in Self.sizes {
            let (app, screen) = fixture.app(size: size)
            app.press(.character("5"), .enter)
            #expect(screen.shows("days left"), "\(size)\n\(screen.screenText)")
            #expect(screen.shows("Esc closes"))
            // Scroll to the end: the raw fields are there.
            app.press(.character("G"))
            #expect(screen.shows("uuid") || screen.shows("type:"), "\(size)\n\(screen.screenText)")
            app.press(.escape)
            #expect(!screen.shows("days left"))
            app.press(.character("3"), .enter)
            #expect(screen.shows("oper state"), "\(screen.screenText)")
            app.press(.escape, .character("2"), .enter)
            #expect(screen.shows("Runtime (cluster/runtime node_states)"), "\(screen.screenText)")
        }
    }

    @Test func filterAndSortOnTheCertificatesScreen() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 120, height: 40))
        app.press(.character("5"), .character("/"))
        app.type("Portal")
        #expect(screen.shows("filter \"Portal\""), "\(screen.screenText)")
        let tableRows = screen.lines[4...].joined(separator: "\n")
        #expect(tableRows.contains("System-Default-Portal-Cert"))
        #expect(!tableRows.contains("System-Default-Secure-Channel-Cert"), "\(screen.screenText)")
        app.press(.enter, .escape)
        #expect(!screen.shows("filter \"Portal\""), "\(screen.screenText)")
        #expect(screen.lines[4..<39].filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count > 30, "Esc brings every row back")
        app.press(.character(":"))
        app.type("sort name")
        app.press(.enter)
        #expect(screen.shows("Name▲"), "\(screen.screenText)")
        let names = (4..<38).map { screen.text(row: $0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { String($0.split(separator: " ").first ?? "") }
        #expect(names == names.sorted { $0.lowercased() < $1.lowercased() } || names.count < 2, "\(names)")
        app.press(.character("S"))
        #expect(screen.shows("Name▼"))
    }

    @Test func idleFramesWriteAlmostNothing() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 120, height: 40))
        app.step(nil)
        #expect(screen.lastWriteCount == 0 || screen.drawCount == 1, "nothing changed: no draw or an empty one")
        let draws = screen.drawCount
        app.step(nil)
        #expect(screen.drawCount == draws, "no redraw without a reason")
        fixture.clock.advance(by: 1)
        app.step(nil)
        #expect(screen.drawCount == draws + 1, "a second passed: ages move")
        #expect(screen.lastWriteCount < 20, "only the ages change: \(screen.lastWriteCount) cells")
    }
}

/// Prints every screen, for a look without a terminal: `AVITUI_DUMP=80 swift test --filter ScreenDump`
/// (or 200 for 200x50).
@Suite struct ScreenDump {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["AVITUI_DUMP"] != nil)) func dump() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        let w = Int(ProcessInfo.processInfo.environment["AVITUI_DUMP"] ?? "80") ?? 80
        let (app, screen) = fixture.app(size: Size(width: w, height: w > 100 ? 50 : 24))
        for key in "1234567" {
            app.press(.character(key))
            print(screen.screenText)
        }
        app.press(.character("5"), .enter)
        print(screen.screenText)
        app.press(.escape, .character("?"))
        print(screen.screenText)
    }
}

