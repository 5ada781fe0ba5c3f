/// A count on the Overview that opens its list: "3 not up" opens Service
/// Engines filtered to exactly those three (`state:!=up`). The Overview
/// reports the targets it drew; Enter on the selected one opens it.
public struct DrillTarget: Hashable, Sendable {
    /// The count as the Overview shows it ("3 not up").
    public var label: String
    public var screen: ScreenID
    /// A `/` filter (see `TableFilter`) that keeps exactly the counted rows.
    public var filter: String

    public init(label: String, screen: ScreenID, filter: String) {
        self.label = label
        self.screen = screen
        self.filter = filter
    }
}
