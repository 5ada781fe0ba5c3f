import Console

/// What the terminal in use can show.
public struct TerminalCapabilities: Hashable, Sendable {
    /// Colours available (mono for `NO_COLOR` or a terminal without colour).
    public var colorDepth: ColorDepth
    /// Whether the locale is UTF-8; if not, frames are drawn in ASCII.
    public var unicode: Bool

    public init(colorDepth: ColorDepth, unicode: Bool) {
        self.colorDepth = colorDepth
        self.unicode = unicode
    }

    /// The border glyphs to draw with.
    public var glyphs: BoxGlyphs { unicode ? .unicode : .ascii }
}
