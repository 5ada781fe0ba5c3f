/// One terminal cell: a grapheme and its style.
///
/// A wide character (CJK, emoji) is stored in its left cell with `width`
/// 2; the cell to its right is a *continuation* (`width` 0, empty text) that
/// backends skip, because the terminal fills it when it draws the wide one.
public struct Cell: Hashable, Sendable {
    /// The base scalar plus any combining marks (at most `Cell.maxCombining`);
    /// empty for a continuation.
    public var text: String
    /// 1, 2 for the left half of a wide character, 0 for a continuation.
    public var width: UInt8
    public var style: Style

    public init(text: String, width: UInt8 = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A space in `style`.
    public static func blank(_ style: Style = .plain) -> Cell { Cell(text: " ", width: 1, style: style) }

    /// The right half of a wide character.
    public static func continuation(_ style: Style) -> Cell { Cell(text: "", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }

    /// Combining marks kept per cell; more are dropped, so "Zalgo" text
    /// cannot smear over neighbouring rows. ncurses' cchar_t holds 5 scalars.
    public static let maxCombining = 3
}
