/// The characters used to draw borders; Unicode box drawing, or plain ASCII
/// for terminals whose locale is not UTF-8.
public struct BoxGlyphs: Hashable, Sendable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    /// Where a horizontal rule meets the left / right border.
    public var teeLeft: String
    public var teeRight: String
    /// Marks a truncated string.
    public var ellipsis: String
    /// Sort direction marks for table headers.
    public var sortAscending: String
    public var sortDescending: String
    /// Table header marks: columns hidden to the left / right (`<` `>` scroll).
    public var moreLeft: String
    public var moreRight: String

    public static let unicode = BoxGlyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤", ellipsis: "…", sortAscending: "▲", sortDescending: "▼",
        moreLeft: "‹", moreRight: "›"
    )

    public static let ascii = BoxGlyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+", ellipsis: "~", sortAscending: "^", sortDescending: "v",
        moreLeft: "<", moreRight: ">"
    )
}
