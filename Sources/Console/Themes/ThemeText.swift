/// Small string helpers for the theme parser, kept in their own namespace so
/// they cannot collide with helpers elsewhere in `Console`.
enum ThemeText {
    /// `text` without leading and trailing whitespace.
    static func trimmed(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
