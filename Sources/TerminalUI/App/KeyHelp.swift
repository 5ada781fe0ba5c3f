/// Every key the console understands, grouped as the `?` overlay shows them.
/// The overlay is drawn from this list, so help cannot drift from `update`.
public enum KeyHelp {
    public typealias Entry = HelpOverlay.Entry
    public typealias Section = HelpOverlay.Section

    public static let sections: [Section] = [
        Section("Screens", [
            Entry("1 … 7", "Overview, Cluster, Service Engines, Secure Channel, Certificates, Alerts, Requests"),
            Entry("Tab  Shift-Tab", "next / previous screen (also Right / Left)"),
            Entry(":", "command line (see Commands below)"),
        ]),
        Section("Overview", [
            Entry("Up Down  k j", "select a count of something wrong"),
            Entry("Enter", "open its list filtered to exactly those rows (Esc clears)"),
        ]),
        Section("Moving", [
            Entry("Up Down  k j", "previous / next row"),
            Entry("PgUp PgDn  Ctrl-B Ctrl-F", "previous / next page"),
            Entry("Ctrl-U Ctrl-D", "half a page up / down"),
            Entry("g Home  G End", "first / last row"),
            Entry("Enter", "details: every field of the selected row"),
            Entry("Esc", "close details, help or the prompt; clear the filter"),
        ]),
        Section("Tables", [
            Entry("/", "filter rows as you type (Enter keeps it, Esc cancels)"),
            Entry("  word", "rows with the word in any column, any case"),
            Entry("  !word", "rows without it: !SUCCESS"),
            Entry("  column:word", "the word in that column: status:none"),
            Entry("  column:=word", "that column is exactly it; :!= is not"),
            Entry("  days:<30", "numbers compare with < <= > >= ="),
            Entry("  \"a b\"  w1 w2", "quotes keep spaces; every word must match"),
            Entry("s", "sort: worst first, then by each column in turn"),
            Entry("S", "reverse the sort"),
            Entry("< >", "scroll the columns: hidden ones come into view (the name stays)"),
        ]),
        Section("Alerts", [
            Entry("f", "follow: keep the newest alert selected"),
            Entry("l", "level shown: all, high, medium, low"),
        ]),
        Section("Data", [
            Entry("r", "refresh now"),
            Entry("p", "pause / resume refreshing"),
            Entry("w", "rotate the secure-channel certificate (wizard)"),
            Entry("Ctrl-L", "repaint the terminal"),
        ]),
        Section("Other", [
            Entry("?", "this help"),
            Entry("q", "quit (in help or details: close them)"),
        ]),
        Section("Commands", [
            Entry(":overview :cluster :se", "open a screen"),
            Entry(":tunnels (:sc) :certs", "open a screen"),
            Entry(":alerts :requests", "open a screen"),
            Entry(":sort COLUMN", "sort by a column, by name (:sort days; :sort worst)"),
            Entry(":filter TEXT", "filter the table; no text clears it"),
            Entry(":refresh :pause :resume", "as r and p"),
            Entry(":rotate", "as w"),
            Entry(":help  :quit (:q)", "this help; quit"),
        ]),
    ]

    /// Lines the overlay holds: titles, entries and the blank lines between sections.
    public static var lineCount: Int { sections.reduce(0) { $0 + 1 + $1.entries.count } + sections.count - 1 }

    /// Draws the overlay over `area`; returns how many lines fit (the scroll page).
    static func render(offset: Int, into canvas: inout Canvas, area: Rect, styles: StyleSheet) -> Int {
        let visible = max(1, min(area.height, lineCount + 2) - 2)
        let start = ConsoleUpdate.clampScroll(offset, lines: lineCount, visible: visible)
        let title = lineCount > visible ? "Keys — j/k scroll, Esc closes" : "Keys — Esc closes"
        HelpOverlay(title: title, sections: sections).render(into: &canvas, area: area, offset: start, styles: styles)
        return visible
    }
}
