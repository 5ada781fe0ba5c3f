/// Every key the console understands, grouped as the `?` overlay shows them.
/// The overlay is drawn from this list, so help cannot drift from `update`.
public enum KeyHelp {
    public struct Entry: Hashable, Sendable {
        public var keys: String
        public var action: String
        public init(_ keys: String, _ action: String) {
            self.keys = keys
            self.action = action
        }
    }

    public struct Section: Hashable, Sendable {
        public var title: String
        public var entries: [Entry]
    }

    public static let sections: [Section] = [
        Section(title: "Screens", entries: [
            Entry("1 … 7", "Overview, Cluster, Service Engines, Secure Channel, Certificates, Alerts, Requests"),
            Entry("Tab  Shift-Tab", "next / previous screen"),
            Entry(":", "command line (see Commands below)"),
        ]),
        Section(title: "Moving", entries: [
            Entry("Up Down  k j", "previous / next row"),
            Entry("PgUp PgDn  Ctrl-B Ctrl-F", "previous / next page"),
            Entry("Ctrl-U Ctrl-D", "half a page up / down"),
            Entry("g Home  G End", "first / last row"),
            Entry("Enter", "details: every field of the selected row"),
            Entry("Esc", "close details, help or the prompt; clear the filter"),
        ]),
        Section(title: "Tables", entries: [
            Entry("/", "filter rows (Enter keeps it, Esc cancels)"),
            Entry("s", "sort by the next column"),
            Entry("S", "reverse the sort"),
        ]),
        Section(title: "Alerts", entries: [
            Entry("f", "follow: keep the newest alert selected"),
            Entry("l", "level: all, high, medium, low"),
        ]),
        Section(title: "Data", entries: [
            Entry("r", "refresh now"),
            Entry("p", "pause / resume refreshing"),
            Entry("w", "rotate the secure-channel certificate (wizard)"),
            Entry("Ctrl-L", "repaint the terminal"),
        ]),
        Section(title: "Other", entries: [
            Entry("?", "this help"),
            Entry("q", "quit"),
        ]),
        Section(title: "Commands", entries: [
            Entry(":overview :cluster", "open a screen"),
            Entry(":se :tunnels (:sc)", ""),
            Entry(":certs :alerts :requests", ""),
            Entry(":sort COLUMN", "sort by a column, by name (:sort days)"),
            Entry(":filter TEXT", "filter the table (:filter with no text clears)"),
            Entry(":refresh :pause :resume", "as r and p"),
            Entry(":rotate", "as w"),
            Entry(":help  :quit (:q)", "this help; quit"),
        ]),
    ]

    /// The overlay's lines: section titles and `keys  action` rows.
    public static func lines(keyWidth: Int = 26) -> [(text: String, isTitle: Bool)] {
        var lines: [(String, Bool)] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { lines.append(("", false)) }
            lines.append((section.title, true))
            for entry in section.entries {
                let pad = max(1, keyWidth - entry.keys.count)
                lines.append(("  " + entry.keys + String(repeating: " ", count: pad) + entry.action, false))
            }
        }
        return lines
    }
}
