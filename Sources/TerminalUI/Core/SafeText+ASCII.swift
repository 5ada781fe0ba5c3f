import Console

extension SafeText {
    /// The sanitized text in plain ASCII, for terminals whose locale is not
    /// UTF-8: box drawing becomes `+ - |`, a few symbols get ASCII look-alikes,
    /// and any other non-ASCII scalar becomes one `?` per display cell, so
    /// columns still line up.
    public static func asciiFallback(_ text: String) -> String {
        var output = ""
        for scalar in sanitize(text).unicodeScalars {
            if scalar.isASCII {
                output.unicodeScalars.append(scalar)
                continue
            }
            let width = DisplayWidth.of(scalar)
            if width == 0 { continue }
            if width == 1, let glyph = asciiGlyph(scalar) {
                output.unicodeScalars.append(glyph)
            } else {
                output += String(repeating: "?", count: width)
            }
        }
        return output
    }

    /// An ASCII look-alike for a one-cell non-ASCII scalar, if it has one.
    static func asciiGlyph(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        if v >= 0x2500 && v <= 0x257F { return boxGlyph(v) }
        switch v {
        case 0x2026: return "."            // … (truncation mark)
        case 0x2010...0x2015, 0x2212: return "-" // hyphens and dashes: ‐ – — ―, minus
        case 0x2039: return "<"            // ‹ (columns scrolled away)
        case 0x203A: return ">"            // › (the wizard's field marker, columns hidden)
        case 0x2018, 0x2019: return "'"
        case 0x201C, 0x201D: return "\""
        case 0x2264: return "<"            // ≤ (only inside "<=" texts)
        case 0x2265: return ">"            // ≥
        case 0x00D7: return "x"            // ×
        case 0x00A7: return "S"            // §
        case 0x21A9, 0x21B5: return "<"    // ↩ ↵
        case 0x258F, 0x2590, 0x258C: return "|" // ▏ (the typing cursor)
        case 0x2713, 0x2714: return "v"    // ✓
        case 0x2717, 0x2718: return "x"    // ✗
        case 0x25B2, 0x2191, 0x25B4: return "^"
        case 0x25BC, 0x2193, 0x25BE: return "v"
        case 0x25C0, 0x2190: return "<"
        case 0x25B6, 0x2192: return ">"
        case 0x2022, 0x25CF: return "*"
        case 0x00B7: return "."
        case 0x2588, 0x2591, 0x2592, 0x2593: return "#"
        case 0x00A0: return " "
        default: return nil
        }
    }

    private static let horizontalBox: Set<UInt32> = [0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D,
                                                      0x2550, 0x2574, 0x2576, 0x2578, 0x257A, 0x257C, 0x257E]
    private static let verticalBox: Set<UInt32> = [0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F,
                                                    0x2551, 0x2575, 0x2577, 0x2579, 0x257B, 0x257D, 0x257F]

    private static func boxGlyph(_ v: UInt32) -> Unicode.Scalar {
        if horizontalBox.contains(v) { return "-" }
        if verticalBox.contains(v) { return "|" }
        return "+"
    }
}
