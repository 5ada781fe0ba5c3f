import AviAPI
import Console
import Foundation
import Simulator
import Testing
@testable import TerminalUI

/// The Overview's counts of something wrong open their lists, filtered to
/// exactly those rows; at 80x24 the good news goes before any failure count.
@Suite(.serialized) struct OverviewDrillTests {
    static func fixture() async throws -> AppFixture {
        try await AppFixture.start(prepare: { simulator in
            simulator.setCertificateNotAfter(name: "System-Default-Portal-Cert", AppFixture.now.addingTimeInterval(-3 * 86_400))
            simulator.setCertificateNotAfter(name: "System-Default-Cert", AppFixture.now.addingTimeInterval(3 * 86_400))
            simulator.addAlert(level: "ALERT_HIGH", summary: "a high alert", objectName: "se-worst")
        })
    }

    /// The number a label starts with: "3 not up" → 3.
    func count(_ label: String) -> Int? { Int(label.prefix { $0.isNumber }) }

    @Test func enterOnEachCountOpensItsScreenFilteredToExactlyThoseRows() async throws {
        let fixture = try await Self.fixture()
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 200, height: 60))
        app.draw()
        let targets = app.state.overviewTargets
        let labels = targets.map(\.label)
        for wanted in ["not up", "disconnected", "expired", "within 7 d", "high"] {
            #expect(labels.contains { $0.hasSuffix(wanted) }, "no count \"\(wanted)\" to open: \(labels)")
        }
        #expect(labels.contains { $0.hasSuffix("AUTH_SSH_FAILED") || $0.hasSuffix("AUTH_TOKEN_FAILED") }, "\(labels)")
        for (index, target) in targets.enumerated() {
            app.press(.character("1"), .character("g"))
            for _ in 0..<index { app.press(.character("j")) }
            app.press(.enter)
            #expect(app.state.screen == target.screen, "\(target.label)")
            let expected = count(target.label) ?? -1
            #expect(screen.shows("filter \"\(target.filter)\": \(expected) of "), "\(target.label)\n\(screen.screenText)")
            app.press(.escape)
            #expect(app.state.table.filter.isEmpty && screen.shows("filter cleared"), "Esc clears the filter")
        }
    }

    @Test func theSelectedCountIsHighlightedAndTheKeysAreHinted() async throws {
        let fixture = try await Self.fixture()
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 120, height: 40))
        app.draw()
        app.press(.character("j"))
        let target = app.state.overviewTargets[1]
        let row = try #require(screen.row(containing: target.label))
        let column = try #require(screen.text(row: row).range(of: target.label)).lowerBound.utf16Offset(in: screen.text(row: row))
        #expect(screen.style(at: column, row) == StyleSheet.standard[.selection], "\(target.label) is not highlighted")
        #expect(screen.shows("Enter:open"))
    }

    @Test func at80x24EveryFailureCountStaysOnTheOverview() async throws {
        let fixture = try await Self.fixture()
        defer { Task { await fixture.stop() } }
        let (wide, _) = fixture.app(size: Size(width: 200, height: 60))
        wide.draw()
        let (narrow, screen) = fixture.app(size: Size(width: 80, height: 24))
        narrow.draw()
        #expect(!wide.state.overviewTargets.isEmpty)
        for target in wide.state.overviewTargets {
            #expect(screen.shows(target.label), "\(target.label) is hidden at 80x24\n\(screen.screenText)")
        }
        #expect(narrow.state.overviewTargets.map(\.label) == wide.state.overviewTargets.map(\.label))
    }

    @Test func summaryLinesDropGoodNewsBeforeBad() {
        let dot = TextSegment(" · ", .muted)
        let segments = [TextSegment("12 total"), dot, TextSegment("9 up", .ok), dot, TextSegment("3 not up", .critical), dot,
                        TextSegment("0 disconnected", .muted), dot, TextSegment("2 within 30 d", .warning)]
        let fitted = TextSegment.fitted(segments, width: 45).map(\.text).joined()
        #expect(fitted.contains("3 not up") && fitted.contains("2 within 30 d"), "\(fitted)")
        #expect(!fitted.contains("9 up") && fitted.hasSuffix("+2 more"), "\(fitted)")
    }
}
