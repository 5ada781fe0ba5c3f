import AviAPI
import Console
import Foundation
import Simulator
import Testing
@testable import TerminalUI

/// Column priorities: the name keeps its width, lesser columns give way
/// first, and `<` `>` bring hidden columns into view.
@Suite(.serialized) struct ColumnLayoutTests {
    @Test func lesserColumnsDropBeforeTheNameIsCut() {
        let columns = [TableColumn("Name", width: 10, flex: 1, priority: 0, growsToContent: true),
                       TableColumn("Days", width: 4, priority: 1), TableColumn("CN", width: 10, flex: 1, priority: 3),
                       TableColumn("Issuer", width: 10, flex: 1, priority: 2)]
        // The name's longest cell is 24: CN (priority 3) goes first, then Issuer; the name is never cut.
        let wide = ColumnLayout.compute(columns, totalWidth: 60, contentWidths: [24, 4, 10, 10])
        #expect(wide.widths[0] >= 24 && wide.widths.allSatisfy { $0 > 0 }, "\(wide.widths)")
        let mid = ColumnLayout.compute(columns, totalWidth: 45, contentWidths: [24, 4, 10, 10])
        #expect(mid.widths[0] >= 24 && mid.widths[2] == 0 && mid.widths[3] > 0 && mid.hiddenRight == 1, "\(mid.widths)")
        let narrow = ColumnLayout.compute(columns, totalWidth: 30, contentWidths: [24, 4, 10, 10])
        #expect(narrow.widths[0] >= 24 && narrow.widths[1] == 4 && narrow.hiddenRight == 2, "\(narrow.widths)")
        #expect(narrow.widths.reduce(0, +) + narrow.widths.filter { $0 > 0 }.count - 1 <= 30)
        // Scrolling past Days brings Issuer in; the pinned name stays.
        let scrolled = ColumnLayout.compute(columns, totalWidth: 40, contentWidths: [24, 4, 10, 10], offset: 1)
        #expect(scrolled.widths[0] >= 24 && scrolled.widths[1] == 0 && scrolled.widths[3] > 0 && scrolled.hiddenLeft == 1, "\(scrolled.widths)")
        // The name asks for at most half the table.
        let long = ColumnLayout.compute(columns, totalWidth: 60, contentWidths: [200, 4, 10, 10])
        #expect(long.widths[0] < 60 && long.widths[1] == 4, "\(long.widths)")
    }

    @Test func certificateNamesAreWholeAt120And80AndEveryColumnIsReachable() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        for size in [Size(width: 120, height: 40), Size(width: 80, height: 24)] {
            let (app, screen) = fixture.app(size: size)
            app.press(.character("5"), .character("/"))
            app.type("System-Default")
            app.press(.enter)
            #expect(screen.shows("System-Default-Secure-Channel-Cert "), "the name is cut at \(size)\n\(screen.screenText)")
            #expect(!screen.shows("System-Default-Secure-Chan…"))
            // Every lesser column comes into view with >.
            var seen = Set<String>()
            for _ in 0..<CertificatesScreen.columns.count {
                let header = screen.text(row: 3)
                for column in CertificatesScreen.columns where header.contains(column.title) { seen.insert(column.title) }
                app.press(.character(">"))
            }
            #expect(seen == Set(CertificatesScreen.columns.map(\.title)), "\(size): only \(seen)")
            app.press(.character("<"), .character("<"), .character("<"), .character("<"), .character("<"), .character("<"), .character("<"))
            #expect(screen.text(row: 3).contains("Days"), "< scrolls back")
        }
    }

    @Test func serviceEngineGroupAndCloudAreReachableAt80() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 80, height: 24))
        app.press(.character("3"))
        #expect(!screen.shows("Cloud") && screen.text(row: 3).hasSuffix("›"), "hidden columns are marked\n\(screen.screenText)")
        #expect(screen.shows("<>:columns"))
        var seen = Set<String>()
        for _ in 0..<ServiceEnginesScreen.columns.count {
            for column in ServiceEnginesScreen.columns where screen.text(row: 3).contains(column.title) { seen.insert(column.title) }
            app.press(.character(">"))
        }
        #expect(seen.isSuperset(of: ["SE group", "Cloud", "Version"]), "\(seen)")
        #expect(screen.text(row: 3).hasPrefix("‹Name") || screen.text(row: 3).hasPrefix("‹"), "scrolled columns are marked on the left")
    }

    @Test func requestPathsGetTheRoomNotTheHost() async throws {
        let fixture = try await AppFixture.start()
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 80, height: 24))
        app.press(.character("7"))
        let paths = fixture.log.snapshot().map(\.path)
        let longest = try #require(paths.filter { $0.count < 40 }.max { $0.count < $1.count })
        #expect(screen.shows(longest), "\(longest) is cut at 80 columns\n\(screen.screenText)")
        #expect(!screen.text(row: 3).contains("Host"), "the host gives way first")
    }
}
