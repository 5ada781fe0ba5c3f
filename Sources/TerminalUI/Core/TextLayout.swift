/// Fitting text into a number of cells, by display width.
public enum TextLayout {
    /// `text` cut to at most `width` cells; if it had to be cut, the last
    /// cell is `ellipsis` (when it fits). A wide character never splits.
    public static func truncated(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let total = DisplayWidth.of(text)
        if total <= width { return text }
        let mark = DisplayWidth.of(ellipsis) <= width ? ellipsis : ""
        let budget = width - DisplayWidth.of(mark)
        var used = 0
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let w = DisplayWidth.of(scalar)
            if used + w > budget { break }
            output.append(scalar)
            used += w
        }
        return String(output) + mark
    }

    /// `text` fitted to exactly `width` cells: truncated, then padded with
    /// spaces according to `alignment`.
    public static func fitted(_ text: String, toWidth width: Int, alignment: Alignment = .left, ellipsis: String = "…") -> String {
        let cut = truncated(text, toWidth: width, ellipsis: ellipsis)
        let gap = max(0, width - DisplayWidth.of(cut))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let before = gap / 2
            return String(repeating: " ", count: before) + cut + String(repeating: " ", count: gap - before)
        }
    }
}
