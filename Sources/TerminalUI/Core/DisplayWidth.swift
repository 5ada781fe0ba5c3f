/// How many terminal cells a scalar or a string occupies.
///
/// Our own table (generated from Unicode 14, the version glibc 2.36 and tmux on
/// this image use) instead of `wcwidth`, so layout does not depend on the
/// process locale: before `setlocale`, or under `LANG=C`, `wcwidth` reports -1
/// for every non-ASCII scalar.
public enum DisplayWidth {
    /// Cells for one scalar: 0 (combining marks, ZWJ, variation selectors,
    /// other format characters, and C0/C1 controls, which are never drawn),
    /// 2 (CJK, Hangul, fullwidth forms, emoji presentation) or 1.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        // Printable ASCII is by far the commonest case: answer without a search.
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x0300 { return v == 0x00AD ? 0 : 1 }
        if contains(DisplayWidthTables.zeroWidth, v) { return 0 }
        if v >= 0x1100 && contains(DisplayWidthTables.doubleWidth, v) { return 2 }
        return 1
    }

    /// Cells for a whole string: the sum over its scalars.
    public static func of(_ text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars { total += of(scalar) }
        return total
    }

    /// Cells for a character (a grapheme cluster as Swift sees it).
    public static func of(_ character: Character) -> Int {
        var total = 0
        for scalar in character.unicodeScalars { total += of(scalar) }
        return total
    }

    /// Whether `scalar` attaches to the previous cell rather than taking its own.
    public static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        of(scalar) == 0
    }

    /// Binary search over sorted, disjoint ranges.
    private static func contains(_ table: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = table.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = table[mid]
            if value < range.lowerBound {
                high = mid - 1
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
