import AviAPI
import Console
import Foundation
import Simulator
import Testing
@testable import TerminalUI

/// Controller strings are hostile until proven otherwise; wide characters
/// keep columns aligned; mono and ASCII terminals still show everything.
@Suite(.serialized) struct ScreenSafetyTests {
    static let hostileSummary = "evil\u{1B}[2J\u{1B}]52;c;cGF5bG9hZA==\u{07}clear\u{9B}31m \u{202E}txet desrever\u{202C} bell\u{07} nul\u{00} tab\tnew\nline"
    static let hostileObject = "obj\u{1B}[31mred\u{2066}iso\u{2069}"

    /// Every cell of the frame: no escape, no C0/C1 control, no bidi control.
    static func unsafeScalars(_ screen: BufferBackend) -> [Unicode.Scalar] {
        var found: [Unicode.Scalar] = []
        for y in 0..<screen.size.height {
            for x in 0..<screen.size.width {
                for scalar in screen.frame[x, y].text.unicodeScalars {
                    let v = scalar.value
                    if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                        || v == 0x200E || v == 0x200F || v == 0x061C {
                        found.append(scalar)
                    }
                }
            }
        }
        return found
    }

    @Test func hostileControllerStringsNeverReachTheCanvas() async throws {
        let fixture = try await AppFixture.start(prepare: { simulator in
            simulator.addAlert(level: "ALERT_HIGH", summary: ScreenSafetyTests.hostileSummary, objectName: ScreenSafetyTests.hostileObject)
        })
        defer { Task { await fixture.stop() } }
        let alerts = fixture.store.latest().alerts.value ?? []
        #expect(alerts.contains { $0.summary == Self.hostileSummary }, "the simulator served the hostile alert as it is")
        for size in [Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            let (app, screen) = fixture.app(size: size)
            for key: Key in [.character("1"), .character("6"), .enter, .escape, .character("/")] {
                app.press(key)
                #expect(Self.unsafeScalars(screen).isEmpty, "\(key) at \(size): \(Self.unsafeScalars(screen))")
            }
            app.type("evil")
            #expect(screen.shows("evil"), "\(screen.screenText)")
            #expect(screen.shows("clear"), "the text around an escape sequence stays")
            #expect(!screen.shows("52;c"), "an OSC 52 (clipboard write) is removed whole")
            #expect(Self.unsafeScalars(screen).isEmpty)
            app.press(.enter, .enter)
            #expect(screen.shows("txet desrever"), "\(screen.screenText)")
            #expect(Self.unsafeScalars(screen).isEmpty)
        }
    }

    @Test func hostileStringsInEveryScreenAndTheDetailPane() throws {
        // A snapshot built by hand: hostile names in every resource the screens show.
        let evil = "x\u{1B}[2Jy\u{202E}z\u{0007}"
        var snapshot = Snapshot(connection: ConnectionInfo(controller: "https://ctl\u{1B}[31m.example", username: "adm\u{1B}[1min",
                                                           tenant: "t\u{202E}", readOnly: true, readOnlyReason: "r\u{1B}]0;x\u{07}",
                                                           insecure: true))
        let decoder = JSONDecoder()
        func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T { try decoder.decode(type, from: Data(json.utf8)) }
        let escaped = evil.unicodeScalars.map { $0.value < 0x20 || $0.value > 0x7E ? String(format: "\\u%04x", $0.value) : String($0) }.joined()
        snapshot.clusterRuntime.value = try decode(ClusterRuntime.self, """
            {"cluster_state": {"state": "CLUSTER_UP_HA_ACTIVE\(escaped)"}, "node_states": [{"name": "n\(escaped)", "role": "CLUSTER_LEADER",
             "state": "CLUSTER_ACTIVE", "mgmt_ip": "10.0.0.1"}], "service_states": [{"name": "s\(escaped)", "state": "up\(escaped)"}]}
            """)
        snapshot.serviceEngines.value = [try decode(ServiceEngine.self, """
            {"uuid": "se-1", "name": "se\(escaped)", "runtime": {"oper_status": {"state": "OPER_\(escaped)"}}}
            """)]
        snapshot.secureChannel.value = [try decode(SecureChannelMapping.self, """
            {"uuid": "se-1", "name": "se-1", "ip": "1.2.3.4\(escaped)", "status": "SECURE_CHANNEL_\(escaped)"}
            """)]
        snapshot.certificates.value = [try decode(SSLKeyAndCertificate.self, """
            {"uuid": "c-1", "name": "cert\(escaped)", "certificate": {"not_after": "2026-11-20 00:00:00",
             "subject": {"common_name": "cn\(escaped)"}, "certificate": "-----BEGIN\(escaped)"}}
            """)]
        for size in [Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            let backend = BufferBackend(size: size)
            let session = TerminalSession(backend: backend, theme: BuiltinThemes.defaultTheme)
            let store = SnapshotStore(snapshot)
            let app = ConsoleApp(session: session, dependencies: ConsoleApp.Dependencies(store: store, log: RequestLog(),
                                                                                          clock: FixedWallClock(AppFixture.now)))
            app.draw()
            #expect(backend.shows("INSECURE"), "\(backend.screenText)")
            #expect(backend.shows("READ-ONLY"))
            for key: Key in [.character("1"), .character("2"), .enter, .escape, .character("3"), .enter, .escape, .character("4"), .enter,
                             .escape, .character("5"), .enter, .character("G"), .escape, .character("w")] {
                app.press(key)
                #expect(Self.unsafeScalars(backend).isEmpty, "\(key) at \(size):\n\(backend.screenText)")
            }
            #expect(backend.shows("rotation is disabled: read-only"), "\(backend.screenText)")
        }
    }

    @Test func wideCharactersKeepColumnsAligned() async throws {
        let fixture = try await AppFixture.start(prepare: { simulator in
            simulator.addAlert(level: "ALERT_LOW", summary: "証明書の期限が近い", objectName: "山田太郎のサーバー")
            simulator.addAlert(level: "ALERT_LOW", summary: "plain ascii summary", objectName: "plain-object")
            simulator.addAlert(level: "ALERT_LOW", summary: "emoji 😀 summary", objectName: "😀😀 emoji")
        })
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 120, height: 30))
        // Newest first, so the three new LOW alerts are on screen (worst first would put them last).
        app.press(.character("6"), .character(":"))
        app.type("sort time")
        app.press(.enter, .character("S"))
        // The Summary column starts at the same cell on every row, whatever the width of the object names.
        let header = try #require(screen.row(containing: "Summary"))
        let summaryColumn = try #require((0..<120).first { x in
            screen.frame[x, header].text == "S" && screen.frame[x + 1, header].text == "u" && screen.frame[x + 2, header].text == "m"
        })
        for (object, summary) in [("山田太郎", "証"), ("plain-object", "p"), ("😀😀", "e")] {
            let row = try #require(screen.row(containing: object), "\(screen.screenText)")
            #expect(screen.frame[summaryColumn, row].text == summary, "row \(row): \(screen.text(row: row))")
            #expect(DisplayWidth.of(screen.text(row: row)) == 120)
        }
        // A wide name cut at the column edge never leaves half a character.
        let narrow = fixture.app(size: Size(width: 80, height: 24))
        narrow.0.press(.character("6"), .character(":"))
        narrow.0.type("sort time")
        narrow.0.press(.enter, .character("S"))
        let row = try #require(narrow.1.row(containing: "山田"), "\(narrow.1.screenText)")
        #expect(DisplayWidth.of(narrow.1.text(row: row)) == 80)
    }

    @Test func monoAndASCIITerminalsShowEverything() async throws {
        let fixture = try await AppFixture.start(prepare: { simulator in
            simulator.setCertificateNotAfter(name: "System-Default-Portal-Cert", AppFixture.now.addingTimeInterval(-3 * 86_400))
        })
        defer { Task { await fixture.stop() } }
        // NO_COLOR: no colours at all; the selection bar and the expired rows still stand out by attributes.
        let (mono, monoScreen) = fixture.app(size: Size(width: 120, height: 30), colorDepth: .mono)
        mono.press(.character("5"))
        for y in 0..<30 {
            for x in 0..<120 {
                let style = monoScreen.style(at: x, y)
                #expect(style.foreground == .default && style.background == .default, "colour at \(x),\(y)")
            }
        }
        let selected = try #require(monoScreen.row(containing: "Name")).advanced(by: 1)
        #expect(monoScreen.style(at: 1, selected).attributes.contains(.reverse), "selection in reverse video")
        let expired = try #require(monoScreen.lines.firstIndex { $0.contains("System-Default-Portal-Cert ") && $0.contains("expired") },
                                   "\(monoScreen.screenText)")
        #expect(expired != selected)
        #expect(!monoScreen.style(at: 0, expired).attributes.isEmpty, "an expired row is marked without colour")

        // Not UTF-8: every cell ASCII, tables and borders drawn with ASCII look-alikes.
        let (ascii, asciiScreen) = fixture.app(size: Size(width: 80, height: 24), unicode: false)
        for key: Key in [.character("1"), .character("5"), .enter, .escape, .character("?")] {
            ascii.press(key)
            #expect(asciiScreen.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(key)\n\(asciiScreen.screenText)")
        }
        #expect(asciiScreen.shows("+-"), "ASCII box corners in the help overlay\n\(asciiScreen.screenText)")
    }
}
