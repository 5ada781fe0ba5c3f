import Console

/// What the fleet screen remembers: the table (selection, sort, filter), the selected
/// cluster by name (rows move as clusters get better or worse), the line being typed,
/// help, a note for the status line. Changed only by `FleetUpdate.update`.
public struct FleetUIState: Sendable {
    public var table = TableState()
    public var selectedName: String?
    public var input: InputLine?
    public var showHelp = false
    public var message: StatusMessage?
    public var quitRequested = false
    /// Rows after filtering and the page height, as last drawn.
    public var rowCount = 0
    public var visibleRows = 1

    public init() {}
}

/// What the fleet loop is asked to do.
public enum FleetEffect: Equatable, Sendable {
    case quit
    /// Enter or `:ctx NAME`: open that cluster's full console.
    case open(String)
    case refreshNow
    case redrawAll
}
