import AviAPI
import Console
import Foundation
import Simulator
import Testing
@testable import TerminalUI

/// Under LANG=C every glyph the console draws has an ASCII stand-in: no `?`
/// where a UTF-8 terminal shows a dash, a marker or a cursor.
@Suite(.serialized) struct AsciiFallbackTests {
    /// Non-ASCII characters in the code (not in comments) of the drawing and wording layers.
    static func glyphsInSources() throws -> [(file: String, glyph: Character)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var found: [(String, Character)] = []
        for folder in ["Sources/TerminalUI", "Sources/Console"] {
            let base = root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in files where url.pathExtension == "swift" {
                // The tables that define widths and the fallbacks themselves hold every glyph on purpose.
                guard !["SafeText.swift", "DisplayWidthTables.swift"].contains(url.lastPathComponent) else { continue }
                for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                    let code = line.components(separatedBy: "//").first ?? ""
                    guard !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") else { continue }
                    for character in code where !character.isASCII { found.append((url.lastPathComponent, character)) }
                }
            }
        }
        return found
    }

    @Test func everyGlyphInTheCodeHasAnASCIIStandIn() throws {
        let glyphs = try Self.glyphsInSources()
        #expect(!glyphs.isEmpty, "the scan found nothing: wrong folder?")
        for (file, glyph) in glyphs {
            let fallback = SafeText.asciiFallback(String(glyph))
            #expect(!fallback.contains("?"), "\(file): \(glyph) (U+\(String(glyph.unicodeScalars.first!.value, radix: 16))) becomes \(fallback)")
        }
    }

    /// Cells a UTF-8 frame drew as something other than `?` that the ASCII frame shows as `?`.
    func lostGlyphs(_ canvas: Canvas) -> [String] {
        let ascii = canvas.asciiFallback()
        var lost: [String] = []
        for y in 0..<canvas.height {
            for x in 0..<canvas.width where ascii[x, y].text == "?" && canvas[x, y].text != "?" && !canvas[x, y].isContinuation {
                lost.append("\(canvas[x, y].text) at \(x),\(y): \(canvas.text(row: y))")
            }
        }
        return lost
    }

    @Test func helpScreensAndOverlaysLoseNoGlyphUnderLangC() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        let context = ViewContext(snapshot: fixture.store.latest(), now: AppFixture.now, styles: .standard)
        var states: [(String, UIState)] = []
        for screen in ScreenID.allCases {
            var state = UIState()
            state.screen = screen
            states.append((screen.title, state))
        }
        var help = UIState()
        help.overlay = .help(offset: 0)
        states.append(("help", help))
        var details = UIState()
        details.screen = .certificates
        details.overlay = .detail(offset: 0)
        states.append(("details", details))
        for size in [Size(width: 80, height: 24), Size(width: 200, height: 60)] {
            for (name, state) in states {
                var canvas = Canvas(size: size)
                ConsoleView.render(state: state, context: context, into: &canvas)
                let lost = lostGlyphs(canvas)
                #expect(lost.isEmpty, "\(name) at \(size): \(lost.prefix(3))")
            }
        }
    }

    @Test func theWizardLosesNoGlyphUnderLangC() async throws {
        let harness = try await WizardTests.Harness.start()
        let simulator = harness.simulator
        defer { Task { try? await simulator.stop() } }
        harness.wizard.open(context: harness.context)
        for key in [Key?.none, .down, .enter] {
            if let key { _ = harness.wizard.handle(key, context: harness.context) }
            var canvas = Canvas(size: WizardTests.size)
            harness.wizard.render(into: &canvas, area: Rect(size: WizardTests.size), context: harness.context)
            #expect(lostGlyphs(canvas).isEmpty, "\(lostGlyphs(canvas).prefix(3))")
        }
    }
}
