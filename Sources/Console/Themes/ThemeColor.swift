/// A terminal colour: the terminal's own default, one of the 16 ANSI colours,
/// or an index into the xterm 256-colour palette.
///
/// Kept free of any terminal library so themes can be parsed and checked in
/// `Console`; `TerminalUI` maps it onto ncurses.
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground or background (ncurses `-1`).
    case `default`
    /// An ANSI colour 0–15: 0–7 black…white, 8–15 their bright variants.
    case ansi(UInt8)
    /// A palette index 16–255: the 6×6×6 colour cube and the grey ramp.
    case indexed(UInt8)

    public static let black = ThemeColor.ansi(0)
    public static let red = ThemeColor.ansi(1)
    public static let green = ThemeColor.ansi(2)
    public static let yellow = ThemeColor.ansi(3)
    public static let blue = ThemeColor.ansi(4)
    public static let magenta = ThemeColor.ansi(5)
    public static let cyan = ThemeColor.ansi(6)
    public static let white = ThemeColor.ansi(7)

    /// The names the theme format accepts for 0–7; `bright-` prefixes 8–15.
    public static let baseNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// A palette index 0–255 (0–15 become `.ansi`), or nil outside the range.
    public static func index(_ value: Int) -> ThemeColor? {
        switch value {
        case 0...15: return .ansi(UInt8(value))
        case 16...255: return .indexed(UInt8(value))
        default: return nil
        }
    }

    /// The palette index 0–255, or nil for `.default`.
    public var paletteIndex: Int? {
        switch self {
        case .default: return nil
        case .ansi(let n), .indexed(let n): return Int(n)
        }
    }

    /// Parses a colour name: `default`, `black`…`white`, `bright-red` (also
    /// `bright_red`, `brightred`), `gray`/`grey` (bright black), or `#rrggbb`,
    /// which maps to the nearest of the 240 palette colours 16–255.
    public init?(name: String) {
        let lowered = ThemeText.trimmed(name.lowercased())
        if lowered == "default" || lowered == "none" {
            self = .default
            return
        }
        if lowered == "gray" || lowered == "grey" {
            self = .ansi(8)
            return
        }
        if lowered.hasPrefix("#") {
            guard let rgb = RGB(hex: lowered) else { return nil }
            self = ThemeColor.nearest(to: rgb)
            return
        }
        var base = lowered
        var bright = false
        for prefix in ["bright-", "bright_", "bright"] where base.hasPrefix(prefix) {
            base = String(base.dropFirst(prefix.count))
            bright = true
            break
        }
        guard let n = ThemeColor.baseNames.firstIndex(of: base) else { return nil }
        self = .ansi(UInt8(n + (bright ? 8 : 0)))
    }

    public var description: String {
        switch self {
        case .default: return "default"
        case .ansi(let n):
            let base = ThemeColor.baseNames[Int(n % 8)]
            return n >= 8 ? "bright-\(base)" : base
        case .indexed(let n): return String(n)
        }
    }

    /// This colour as a terminal with `depth` can show it.
    ///
    /// 256 → 16 picks the ANSI colour by which channels dominate (greys by
    /// lightness), which keeps hues recognisable where a plain RGB distance
    /// turns dark blue into cyan; 16 → 8 drops brightness; mono drops colour.
    public func degraded(to depth: ColorDepth) -> ThemeColor {
        switch (self, depth) {
        case (.default, _), (_, .indexed256): return self
        case (_, .mono): return .default
        case (.ansi(let n), .ansi16): return .ansi(n)
        case (.ansi(let n), .ansi8): return .ansi(n % 8)
        case (.indexed(let n), .ansi16): return .ansi(ThemeColor.ansi16(forPaletteIndex: n))
        case (.indexed(let n), .ansi8): return .ansi(ThemeColor.ansi16(forPaletteIndex: n) % 8)
        }
    }

    /// The nearest palette colour 16–255 by squared RGB distance.
    public static func nearest(to rgb: RGB) -> ThemeColor {
        var best: (index: Int, distance: Int) = (16, Int.max)
        for index in 16...255 {
            let distance = rgb.distanceSquared(to: RGB(paletteIndex: index))
            if distance < best.distance { best = (index, distance) }
        }
        return .indexed(UInt8(best.index))
    }

    static func ansi16(forPaletteIndex index: UInt8) -> UInt8 {
        let rgb = RGB(paletteIndex: Int(index))
        let high = max(rgb.red, rgb.green, rgb.blue)
        let low = min(rgb.red, rgb.green, rgb.blue)
        if high - low < 40 {
            switch (Int(rgb.red) + Int(rgb.green) + Int(rgb.blue)) / 3 {
            case ..<40: return 0
            case ..<140: return 8
            case ..<210: return 7
            default: return 15
            }
        }
        // A channel counts when it is close to the strongest one.
        let threshold = Int(Double(high) * 0.75)
        var n: UInt8 = 0
        if Int(rgb.red) >= threshold { n |= 1 }
        if Int(rgb.green) >= threshold { n |= 2 }
        if Int(rgb.blue) >= threshold { n |= 4 }
        return high >= 215 ? n + 8 : n
    }
}
