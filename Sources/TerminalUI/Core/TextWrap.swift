/// Breaking text into lines of a display width.
public enum TextWrap {
    /// `text` as lines of at most `width` cells, broken at spaces where
    /// possible and inside words where not; never splits a wide character.
    /// Always at least one (possibly empty) line.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [""] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let w = DisplayWidth.of(word)
            let gap = current.isEmpty ? 0 : 1
            if currentWidth + gap + w <= width {
                if gap == 1 { current += " " }
                current += word
                currentWidth += gap + w
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = ""
            currentWidth = 0
            // A word longer than the line is cut into pieces.
            for scalar in word.unicodeScalars {
                let sw = DisplayWidth.of(scalar)
                if currentWidth + sw > width && !current.isEmpty {
                    lines.append(current)
                    current = ""
                    currentWidth = 0
                }
                current.unicodeScalars.append(scalar)
                currentWidth += sw
            }
        }
        lines.append(current)
        return lines
    }
}
