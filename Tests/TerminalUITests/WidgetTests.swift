import Console
import Testing
@testable import TerminalUI

@Suite struct WidgetTests {
    let styles = StyleSheet.standard

    @Test func headerBarKeepsBadgesWhenNarrow() {
        var canvas = Canvas(size: Size(width: 30, height: 1))
        HeaderBar(left: "avitui  controller-01.example.com 22.1.3", right: "2s ago",
                  badges: [Badge("READ-ONLY", role: .badgeReadOnly), Badge("INSECURE", role: .badgeInsecure)])
            .render(into: &canvas, area: canvas.bounds, styles: styles)
        let line = canvas.text(row: 0)
        #expect(line.contains(" READ-ONLY "))
        #expect(line.contains(" INSECURE "))
        #expect(line.hasPrefix(" avit…"))
        var wide = Canvas(size: Size(width: 80, height: 1))
        HeaderBar(left: "avitui  controller-01", right: "2s ago", badges: [Badge("READ-ONLY", role: .badgeReadOnly)])
            .render(into: &wide, area: wide.bounds, styles: styles)
        #expect(wide.text(row: 0).hasPrefix(" avitui  controller-01 "))
        #expect(wide.text(row: 0).hasSuffix("2s ago  READ-ONLY  "))
        let insecureX = line.distance(from: line.startIndex, to: line.range(of: "INSECURE")?.lowerBound ?? line.startIndex)
        #expect(canvas[insecureX, 0].style == styles[.badgeInsecure])
    }

    @Test func statusLineShowsMessageAndHints() {
        var canvas = Canvas(size: Size(width: 40, height: 1))
        StatusLine(message: "refreshed", hints: [.init("?", "help"), .init("q", "quit")])
            .render(into: &canvas, area: canvas.bounds, styles: styles)
        let line = canvas.text(row: 0)
        #expect(line.hasPrefix(" refreshed"))
        #expect(line.hasSuffix("?:help  q:quit  "))
        #expect(canvas[0, 0].style == styles[.statusBar])
    }

    @Test func tabBarNumbersTabsAndHighlightsTheActiveOne() {
        var canvas = Canvas(size: Size(width: 60, height: 1))
        TabBar(titles: ["Overview", "Cluster", "Secure channel"], active: 1).render(into: &canvas, area: canvas.bounds, styles: styles)
        #expect(canvas.text(row: 0).hasPrefix(" 1 Overview  2 Cluster  3 Secure channel "))
        #expect(canvas[12, 0].style == styles[.tabActive])
        #expect(canvas[1, 0].style == styles[.tabInactive])
        var narrow = Canvas(size: Size(width: 16, height: 1))
        TabBar(titles: ["Overview", "Cluster", "Secure channel"], active: 1).render(into: &narrow, area: narrow.bounds, styles: styles)
        #expect(narrow.text(row: 0) == " 1  2 Cluster  3")
    }

    @Test func detailPaneAlignsKeysAndWrapsValues() {
        var canvas = Canvas(size: Size(width: 30, height: 5))
        let pane = DetailPane(items: [
            .section("Certificate"),
            .init("Name", "portal-cert"),
            .init("Subject", "CN=controller.example.com, O=Example Corp"),
            .init("Expires", "in 3 days", role: .critical),
        ])
        pane.render(into: &canvas, area: canvas.bounds, offset: 0, styles: styles)
        #expect(canvas.lines == [
            "Certificate                   ",
            "Name:    portal-cert          ",
            "Subject: CN=controller.example",
            "         .com, O=Example Corp ",
            "Expires: in 3 days            ",
        ])
        #expect(canvas[9, 4].style == styles[.critical])
        #expect(pane.maxOffset(in: Rect(x: 0, y: 0, width: 30, height: 3)) == 2)
        var scrolled = Canvas(size: Size(width: 30, height: 2))
        pane.render(into: &scrolled, area: scrolled.bounds, offset: 99, styles: styles)
        #expect(scrolled.text(row: 1).hasPrefix("Expires:"))
    }

    @Test func helpOverlayDrawsABoxWithKeys() {
        var canvas = Canvas(size: Size(width: 40, height: 10))
        HelpOverlay(sections: [.init("Navigation", [.init("j / Down", "next row"), .init("q", "quit")])])
            .render(into: &canvas, area: canvas.bounds, styles: styles)
        let text = canvas.lines.joined(separator: "\n")
        #expect(text.contains("┌─ Help "))
        #expect(text.contains("│ Navigation"))
        #expect(text.contains("j / Down  next row"))
        #expect(text.contains("q         quit"))
    }

    @Test func commandLineEditing() {
        var input = CommandLineInput(mode: .search)
        for c in "portl" {
            guard case .editing(let next) = input.handling(.character(c)) else { Issue.record("not editing"); return }
            input = next
        }
        guard case .editing(let left) = input.handling(.left), case .editing(let fixed) = left.handling(.character("a")) else {
            Issue.record("not editing")
            return
        }
        #expect(fixed.text == "portal")
        guard case .editing(let back) = fixed.handling(.backspace) else { Issue.record("not editing"); return }
        #expect(back.text == "portl")
        guard case .editing(let cleared) = fixed.handling(.control("u")) else { Issue.record("not editing"); return }
        #expect(cleared.text == "l")
        #expect(fixed.handling(.enter) == .submitted("portal"))
        #expect(fixed.handling(.escape) == .cancelled)
        #expect(CommandLineInput(mode: .command).handling(.backspace) == .cancelled)
        guard case .editing(let wide) = CommandLineInput(mode: .command).handling(.character("日")) else { Issue.record("not editing"); return }
        #expect(wide.text == "日")
    }

    @Test func commandLineRendersPromptAndCursor() {
        var canvas = Canvas(size: Size(width: 10, height: 1))
        CommandLineInput(mode: .command, text: "quit").render(into: &canvas, area: canvas.bounds, styles: styles)
        #expect(canvas.text(row: 0) == ":quit     ")
        #expect(canvas[5, 0].style.attributes.contains(.reverse))
        var long = Canvas(size: Size(width: 6, height: 1))
        CommandLineInput(mode: .search, text: "abcdefghij").render(into: &long, area: long.bounds, styles: styles)
        #expect(long.text(row: 0) == "/ghij ")
    }

    @Test func tooSmallMessageIsCentred() {
        var canvas = Canvas(size: Size(width: 60, height: 20))
        TooSmallView.render(into: &canvas)
        #expect(canvas.text(row: 10).contains("terminal too small: need 80x24, have 60x20"))
        for size in [Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 10, height: 2)] {
            var tiny = Canvas(size: size)
            TooSmallView.render(into: &tiny)
        }
    }

    @Test func widgetsSurviveZeroAndOneCellAreas() {
        for size in [Size(width: 0, height: 0), Size(width: 1, height: 1)] {
            var canvas = Canvas(size: size)
            let area = canvas.bounds
            HeaderBar(left: "x", right: "y", badges: [Badge("RO", role: .badgeReadOnly)]).render(into: &canvas, area: area, styles: styles)
            StatusLine(message: "m", hints: [.init("q", "quit")]).render(into: &canvas, area: area, styles: styles)
            TabBar(titles: ["a", "b"], active: 0).render(into: &canvas, area: area, styles: styles)
            DetailPane(items: [.init("k", "v")]).render(into: &canvas, area: area, offset: 3, styles: styles)
            HelpOverlay(sections: [.init("s", [.init("k", "v")])]).render(into: &canvas, area: area, styles: styles)
            CommandLineInput(mode: .command, text: "abc").render(into: &canvas, area: area, styles: styles)
        }
    }
}

@Suite struct CanvasRoleMapTests {
    @Test func marksEachCellWithItsRole() {
        let styles = StyleSheet.standard
        var canvas = Canvas(size: Size(width: 12, height: 2), style: styles[.normal])
        Badge("RO", role: .badgeReadOnly).render(into: &canvas, x: 0, y: 0, clip: canvas.bounds, styles: styles)
        canvas.draw("日x", x: 5, y: 0, style: styles[.warning])
        canvas.draw("err", x: 0, y: 1, style: styles[.error])
        #expect(CanvasRoleMap.lines(of: canvas, styles: styles) == [
            "RRRR www    ",
            "eee         ",
        ])
    }
}
