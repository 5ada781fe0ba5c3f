import Console
import Foundation
import Testing
@testable import TerminalUI

/// ncurses keeps global state, so these run one at a time, on screens
/// backed by files (never initscr, which exits the process on errors).
@Suite(.serialized) struct NcursesBackendTests {
    /// A backend writing to a temporary file, so tests can count the bytes.
    func makeBackend(term: String = "xterm-256color", environment: [String: String] = [:]) throws -> (NcursesBackend, String) {
        let path = NSTemporaryDirectory() + "avitui-ncurses-\(UUID().uuidString).out"
        guard let output = fopen(path, "w"), let input = fopen("/dev/null", "r") else {
            throw TerminalStartError("cannot open test files")
        }
        let backend = try NcursesBackend(terminalType: term, output: output, input: input, ownsFiles: true,
                                         environment: environment, guardCrashes: false)
        return (backend, path)
    }

    func bytes(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? -1
    }

    func screen(_ size: Size, styles: StyleSheet, marker: String = "") -> Canvas {
        var canvas = Canvas(size: size, style: styles[.normal])
        HeaderBar(left: "avitui  ctrl-01.example.com  22.1.3", badges: [Badge("READ-ONLY", role: .badgeReadOnly)])
            .render(into: &canvas, area: canvas.bounds, styles: styles)
        TabBar(titles: ["Overview", "Cluster", "Secure channel", "Certificates", "Alerts", "API log"], active: 0)
            .render(into: &canvas, area: canvas.bounds.droppingTop(1), styles: styles)
        let rows = (0..<200).map { ["se-\($0) 日本語", "\($0 * 7 % 365)", "authenticated"] }
        TableView(columns: [TableColumn("Name", width: 20, flex: 1), TableColumn("Days", width: 6, alignment: .right),
                            TableColumn("State", width: 16)], rowCount: rows.count) { i in rows[i].map { TableCell($0) } }
            .render(into: &canvas, area: canvas.bounds.droppingTop(2).droppingBottom(1), state: TableState(selection: 3), styles: styles)
        StatusLine(message: "refreshed \(marker)", hints: [.init("?", "help"), .init("q", "quit")])
            .render(into: &canvas, area: canvas.bounds.bottom(1), styles: styles)
        return canvas
    }

    @Test func unknownTermIsAClearError() {
        #expect {
            _ = try makeBackend(term: "no-such-terminal-xyz")
        } throws: { error in
            "\(error)" == "TERM=no-such-terminal-xyz has no terminfo entry; try TERM=xterm-256color"
        }
    }

    @Test func detectsColourDepthAndNoColor() throws {
        let (full, _) = try makeBackend()
        #expect(full.capabilities.colorDepth == .indexed256)
        full.shutdown()
        let (eight, _) = try makeBackend(term: "xterm")
        #expect(eight.capabilities.colorDepth == .ansi8)
        eight.shutdown()
        let (none, _) = try makeBackend(environment: ["NO_COLOR": "1"])
        #expect(none.capabilities.colorDepth == .mono)
        none.shutdown()
    }

    @Test func idleRefreshWritesAlmostNothingAndOneRowIsSmall() throws {
        let (backend, path) = try makeBackend()
        defer { backend.shutdown() }
        let styles = StyleSheet(theme: BuiltinThemes.defaultTheme, depth: backend.capabilities.colorDepth)
        let size = backend.size
        backend.draw(screen(size, styles: styles))
        let first = bytes(path)
        backend.draw(screen(size, styles: styles))
        let idle = bytes(path) - first
        backend.draw(screen(size, styles: styles, marker: "12:00:01"))
        let oneRow = bytes(path) - first - idle
        print("ncurses \(size): first frame \(first) B, idle frame \(idle) B, one changed row \(oneRow) B")
        #expect(first > 1000)
        #expect(idle < 200)
        #expect(oneRow > 0 && oneRow < 2048)
    }

    /// Keys read by a real ncurses from `bytes` as the terminal's input.
    func keys(from bytes: String, term: String) throws -> [Key] {
        let inputPath = NSTemporaryDirectory() + "avitui-keys-\(UUID().uuidString)"
        try Data(bytes.utf8).write(to: URL(fileURLWithPath: inputPath))
        defer { try? FileManager.default.removeItem(atPath: inputPath) }
        guard let output = fopen("/dev/null", "w"), let input = fopen(inputPath, "r") else {
            throw TerminalStartError("cannot open test files")
        }
        let backend = try NcursesBackend(terminalType: term, output: output, input: input, ownsFiles: true,
                                         environment: [:], guardCrashes: false)
        defer { backend.shutdown() }
        var keys: [Key] = []
        while !backend.inputClosed, keys.count < 50 {
            if let key = backend.readKey(timeoutMilliseconds: 100) { keys.append(key) }
        }
        return keys
    }

    @Test func unknownEscapeSequencesAreSwallowedWhole() throws {
        // End as tmux sends it (ESC [ 4 ~), which xterm-256color's terminfo does not know; an
        // unknown CSI with parameters; an unknown SS3 key; then a real Esc at the end.
        let keys = try keys(from: "\u{1B}[4~x\u{1B}[99;5Zy\u{1B}OXz\u{1B}", term: "xterm-256color")
        #expect(keys == [.character("x"), .character("y"), .character("z"), .escape], "\(keys)")
        // Esc typed just before a key (one SSH packet) stays Esc and that key.
        #expect(try self.keys(from: "\u{1B}5w", term: "xterm-256color") == [.escape, .character("5"), .character("w")])
        // A sequence the entry knows still arrives as its key.
        #expect(try self.keys(from: "\u{1B}OFq", term: "xterm-256color") == [.end, .character("q")])
    }

    @Test func keyCodesDecode() {
        #expect(NcursesKeys.decode(status: KEY_CODE_YES_VALUE, code: 259) == .up)       // KEY_UP
        #expect(NcursesKeys.decode(status: KEY_CODE_YES_VALUE, code: 338) == .pageDown) // KEY_NPAGE
        #expect(NcursesKeys.decode(status: KEY_CODE_YES_VALUE, code: 269) == .function(5))
        #expect(NcursesKeys.decode(status: KEY_CODE_YES_VALUE, code: 410) == .resize)
        #expect(NcursesKeys.decode(status: KEY_CODE_YES_VALUE, code: 353) == .backTab)
        #expect(NcursesKeys.decode(status: 0, code: 0x3042) == .character("あ"))
    }

    /// KEY_CODE_YES without importing CNcurses here.
    let KEY_CODE_YES_VALUE: Int32 = 256
}
