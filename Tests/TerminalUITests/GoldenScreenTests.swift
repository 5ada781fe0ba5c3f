@testable import AviAPI
import Console
import Foundation
import Testing
@testable import TerminalUI

/// Whole-screen golden files: every console screen at 80x24 and 200x60, as text and as a
/// second channel of styles, so widths, truncation, alignment and colours cannot regress
/// unseen. The data is the simulator's (seed 7, fixed clock); what varies between runs (the
/// controller's port, request timings) is replaced by fixed values before drawing.
///
/// Record after an intended change with `make golden`, then review the diff of
/// `Tests/TerminalUITests/Golden/` like code.
@Suite("Golden screens", .serialized)
struct GoldenScreenTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 200, height: 60)]
    static let screens: [(key: Character, name: String)] = [
        ("1", "overview"), ("2", "cluster"), ("3", "service-engines"), ("4", "secure-channel"),
        ("5", "certificates"), ("6", "alerts"), ("7", "requests"),
    ]
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static var recording: Bool { ProcessInfo.processInfo.environment["AVITUI_RECORD_GOLDEN"] == "1" }

    @Test func everyScreenMatchesItsGoldenFiles() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        var snapshot = fixture.store.latest()
        snapshot.connection.controller = "https://controller.example.test"
        snapshot.connection.addresses = ["https://controller.example.test"]
        let store = SnapshotStore(snapshot)
        let log = Self.fixedLog()
        var mismatches: [String] = []
        for size in Self.sizes {
            for screen in Self.screens {
                let backend = BufferBackend(size: size)
                let session = TerminalSession(backend: backend, theme: BuiltinThemes.defaultTheme)
                let app = ConsoleApp(session: session, dependencies: ConsoleApp.Dependencies(store: store, log: log, clock: fixture.clock))
                app.draw()
                app.press(.character(screen.key))
                let base = "\(screen.name)-\(size.width)x\(size.height)"
                mismatches += try Self.compare(backend.frame, as: base)
            }
        }
        #expect(mismatches.isEmpty, "screens differ from their golden files (after an intended change: make golden, review the diff)\n\(mismatches.joined(separator: "\n"))")
    }

    /// The fleet screen: one healthy, one unreachable, one with failed tunnels, one without
    /// quorum, one never answered (FleetScreenTests' store), worst first.
    @Test func theFleetScreenMatchesItsGoldenFiles() throws {
        var mismatches: [String] = []
        for size in Self.sizes {
            var canvas = Canvas(size: size)
            let rows = FleetOrder().sorted(FleetScreenTests.store().latest().entries, now: FleetScreenTests.now) { $0 }
                .map { FleetRow($0, now: FleetScreenTests.now) }
            _ = FleetView.render(state: FleetUIState(), rows: rows, now: FleetScreenTests.now, styles: .standard, into: &canvas)
            mismatches += try Self.compare(canvas, as: "fleet-\(size.width)x\(size.height)")
        }
        #expect(mismatches.isEmpty, "the fleet screen differs from its golden files (after an intended change: make golden, review the diff)\n\(mismatches.joined(separator: "\n"))")
    }

    /// Writes (recording) or compares the text and style channels of `canvas`; returns what differs.
    static func compare(_ canvas: Canvas, as base: String) throws -> [String] {
        var mismatches: [String] = []
        for (file, content) in [(base + ".txt", GoldenText.text(of: canvas)), (base + ".style", GoldenText.styles(of: canvas))] {
            let url = directory.appendingPathComponent(file)
            if recording {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(content.utf8).write(to: url)
                continue
            }
            guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
                mismatches.append("\(file): no golden file — run `make golden` and review the new file")
                continue
            }
            if golden != content { mismatches.append("\(file):\n" + GoldenText.firstDifference(golden, content)) }
        }
        return mismatches
    }

    /// A requests log with fixed times and durations (real ones vary from run to run).
    static func fixedLog() -> RequestLog {
        let log = RequestLog()
        let paths = ["/login", "/api/cluster/runtime", "/api/cluster", "/api/serviceengine", "/api/securechannelmapping",
                     "/api/sslkeyandcertificate", "/api/systemconfiguration", "/api/virtualservice", "/api/alert"]
        for (index, path) in paths.enumerated() {
            log.append(RequestRecord(time: AppFixture.now.addingTimeInterval(Double(index) * 0.25 - 3),
                                     method: path == "/login" ? .post : .get, host: "controller.example.test", path: path,
                                     status: 200, duration: 0.012 * Double(index + 1), bytes: 1_500 * (index + 1), note: nil, refused: false))
        }
        return log
    }
}

/// The two channels of a golden screen.
enum GoldenText {
    /// The screen's text, one line per row, trailing blanks kept (widths are what is tested).
    static func text(of canvas: Canvas) -> String {
        canvas.lines.joined(separator: "\n") + "\n"
    }

    /// One character per cell naming its style, after a legend that says which theme roles
    /// (or, failing that, which colours and attributes) each character stands for.
    /// `.` is the plain style; characters are given in order of first appearance.
    static func styles(of canvas: Canvas) -> String {
        let sheet = StyleSheet(theme: BuiltinThemes.defaultTheme)
        let symbols = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var assigned: [Style: Character] = [.plain: "."]
        var legend: [String] = []
        var rows: [String] = []
        for y in 0..<canvas.size.height {
            var row = ""
            for x in 0..<canvas.size.width {
                let style = canvas[x, y].style
                if let symbol = assigned[style] { row.append(symbol); continue }
                let symbol = assigned.count - 1 < symbols.count ? symbols[assigned.count - 1] : "?"
                assigned[style] = symbol
                let roles = ThemeRole.allCases.filter { sheet[$0] == style }.map(\.rawValue)
                legend.append("\(symbol) = " + (roles.isEmpty ? describe(style) : roles.joined(separator: "|")))
                row.append(symbol)
            }
            rows.append(row)
        }
        return (legend + ["---"] + rows).joined(separator: "\n") + "\n"
    }

    private static func describe(_ style: Style) -> String {
        "fg \(style.foreground) bg \(style.background) attributes \(style.attributes.rawValue)"
    }

    /// The first differing line, both versions, for the failure message.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(old.count, new.count) {
            let a = index < old.count ? String(old[index]) : "<none>"
            let b = index < new.count ? String(new[index]) : "<none>"
            if a != b { return "  line \(index + 1)\n  golden: \(a)\n  now:    \(b)" }
        }
        return "  (same lines, different endings)"
    }
}
