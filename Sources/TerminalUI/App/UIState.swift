import AviAPI

/// Everything the console's UI remembers: which screen, each table's
/// selection, sort and filter, open overlays, the line being typed, pause
/// and follow. Kept apart from the data (snapshots) and changed only by
/// `ConsoleUpdate.update`, so every key is testable without a terminal.
public struct UIState: Sendable {
    public var screen: ScreenID = .overview
    /// Selection, scroll, sort and filter of each screen's table.
    public var tables: [ScreenID: TableState]
    /// The id of the selected row, so the selection stays on the same object
    /// when rows move (new alerts arrive at the top, a sort changes).
    public var selectedIDs: [ScreenID: String] = [:]
    /// What the view last showed of each table: row count and page height.
    public var measures: [ScreenID: TableMeasure] = [:]
    public var overlay: Overlay = .none
    /// The `:` command or `/` filter being typed, if any.
    public var input: InputLine?
    /// `p`: the refreshers send nothing; the screen keeps its data with its age.
    public var paused = false
    /// Alerts screen: keep the newest alert selected as alerts arrive, in any
    /// order (`f`). Off at first, so the list opens on the worst alerts.
    public var followAlerts = false
    /// Alerts screen: which levels are shown.
    public var alertLevel: AlertLevelFilter = .all
    /// The Overview's counts that open a filtered list (as last drawn), and
    /// which one Enter opens (Up/Down or j/k move it).
    public var overviewTargets: [DrillTarget] = []
    public var overviewSelection = 0
    /// A one-line note for the status line (cleared by the next key).
    public var message: StatusMessage?
    /// Read-only: the rotation entry is shown disabled with this reason.
    public var readOnlyReason: String?
    public var quitRequested = false
    /// Opened from the fleet screen: Esc (with nothing else to close) goes back to it and
    /// `:ctx NAME` switches cluster.
    public var inFleet = false
    /// The controller refused the password: the login-refused screen takes every key until a
    /// new password is accepted (nil while the password is good).
    public var password: PasswordEntry?

    public init(readOnlyReason: String? = nil) {
        self.readOnlyReason = readOnlyReason
        var tables: [ScreenID: TableState] = [:]
        for screen in ScreenID.allCases { tables[screen] = TableState() }
        // Every list starts worst first (no sort column); the request log newest first.
        tables[.requests]?.sortColumn = RequestsScreen.defaultSortColumn
        tables[.requests]?.sortDirection = .descending
        self.tables = tables
    }

    /// The current screen's table state.
    public var table: TableState {
        get { tables[screen] ?? TableState() }
        set { tables[screen] = newValue }
    }

    /// The current screen's last measure.
    public var measure: TableMeasure { measures[screen] ?? TableMeasure() }
}

/// What the view drew of a table: used by `update` to keep the cursor in range.
public struct TableMeasure: Hashable, Sendable {
    /// Rows after filtering.
    public var rowCount: Int
    /// Data rows that fit on screen (the page for PgUp/PgDn).
    public var visibleRows: Int
    /// Lines of the open detail pane and how many fit.
    public var detailLines: Int
    public var detailVisible: Int
    /// Lesser columns out of view: scrolled past (left) and dropped for room (right).
    public var columnsHiddenLeft = 0
    public var columnsHiddenRight = 0

    public init(rowCount: Int = 0, visibleRows: Int = 1, detailLines: Int = 0, detailVisible: Int = 1) {
        self.rowCount = rowCount
        self.visibleRows = visibleRows
        self.detailLines = detailLines
        self.detailVisible = detailVisible
    }
}

/// A layer drawn over the screen's body.
public enum Overlay: Hashable, Sendable {
    case none
    /// `?`: every key, scrolled by `offset` lines.
    case help(offset: Int)
    /// Enter: every field of the selected row, scrolled by `offset` lines.
    case detail(offset: Int)
    /// `w`: the rotation wizard, which takes every key until it closes.
    case wizard
}

/// A line typed at the bottom of the screen: a `:` command or a `/` filter
/// (applied to the table as it is typed; Esc puts back `previousFilter`).
public struct InputLine: Hashable, Sendable {
    public var line: CommandLineInput
    /// For `/`: the filter before typing began.
    public var previousFilter: String

    public init(mode: CommandLineInput.Mode, text: String = "", previousFilter: String = "") {
        line = CommandLineInput(mode: mode, text: text)
        self.previousFilter = previousFilter
    }

    public var text: String { line.text }
    public var isFilter: Bool { line.mode == .search }
}

/// Which alert levels the Alerts screen shows (`l` cycles).
public enum AlertLevelFilter: Hashable, Sendable, CaseIterable {
    case all, high, medium, low

    public func admits(_ level: AlertLevel) -> Bool {
        switch self {
        case .all: return true
        case .high: return level == .high
        case .medium: return level == .medium
        case .low: return level == .low
        }
    }

    public var label: String {
        switch self {
        case .all: return "all levels"
        case .high: return "high only"
        case .medium: return "medium only"
        case .low: return "low only"
        }
    }

    public var next: AlertLevelFilter {
        let all = AlertLevelFilter.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

/// A note for the status line.
public struct StatusMessage: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case info, warning, error }
    public var text: String
    public var kind: Kind

    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}
