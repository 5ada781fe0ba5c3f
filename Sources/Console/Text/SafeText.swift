/// Makes strings from the controller safe to put on a terminal.
///
/// A name, description or alert text can hold anything, including bytes a
/// terminal executes (`ESC[2J` clears the screen, OSC 52 writes the
/// clipboard, U+009B is a one-byte CSI). The rules, in order:
///
/// - Escape sequences are removed whole, not just their ESC: CSI (`ESC [` or
///   U+009B) up to its final byte; OSC, DCS, SOS, PM and APC (`ESC ] P X ^ _`
///   or U+009D U+0090 U+0098 U+009E U+009F) up to BEL or ST; two-byte and
///   charset sequences (`ESC c`, `ESC ( B`). An unterminated string sequence
///   removes the rest of the text.
/// - Tab, newline, CR, VT, FF, NEL, U+2028 and U+2029 become a space.
/// - Any other C0 control (NUL, BEL, …), DEL, any other C1 control, and
///   non-characters become U+FFFD `�`, so the operator sees that something
///   was there.
/// - Bidi overrides, embeddings, isolates and marks (U+202A–202E,
///   U+2066–2069, U+200E, U+200F, U+061C), every other invisible format
///   character (general category Cf: ZWSP, ZWJ, BOM, tag characters, …),
///   the emoji variation selectors U+FE00–FE0F and the Hangul fillers are
///   removed: they change how text looks without being visible, and ZWJ or
///   VS16 make terminals disagree about widths.
///
/// It is the only sanitizer: `Canvas.draw` applies it to every string, so a screen that
/// forgets is still safe, and every headless output (`status`, `check`, `alerts`, `doctor`,
/// `rotate`) passes controller strings through it. JSON output keeps the text but escapes
/// the same characters (`JSONText`).
public enum SafeText {
    /// The visible stand-in for a removed control character.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// The text with every unsafe scalar removed or replaced (see the type's rules).
    public static func sanitize(_ text: String) -> String {
        guard needsSanitizing(text) else { return text }
        var output = String.UnicodeScalarView()
        var scanner = Scanner(Array(text.unicodeScalars))
        while let scalar = scanner.next() {
            switch scalar.value {
            case 0x1B:
                scanner.skipEscapeSequence()
            case 0x9B:
                scanner.skipControlSequence()
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                scanner.skipControlString()
            default:
                switch classify(scalar) {
                case .keep: output.append(scalar)
                case .space: output.append(" ")
                case .replace: output.append(replacement)
                case .remove: break
                }
            }
        }
        return String(output)
    }

    /// Whether `sanitize` would change the text; cheap for plain ASCII.
    public static func needsSanitizing(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v >= 0x20 && v < 0x7F { continue }
            if v == 0x1B || classify(scalar) != .keep { return true }
        }
        return false
    }

    enum Treatment { case keep, space, replace, remove }

    /// What happens to one scalar outside an escape sequence.
    static func classify(_ scalar: Unicode.Scalar) -> Treatment {
        let v = scalar.value
        switch v {
        case 0x20..<0x7F: return .keep
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return .space
        case 0x00..<0x20, 0x7F..<0xA0: return .replace
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return .remove
        case 0xFE00...0xFE0F, 0x115F, 0x1160, 0x3164, 0xFFA0: return .remove
        case 0xA0..<0x300: return v == 0xAD ? .remove : .keep
        default:
            let properties = scalar.properties
            if properties.generalCategory == .format { return .remove }
            if properties.isNoncharacterCodePoint { return .replace }
            return .keep
        }
    }

    /// A cursor over scalars that knows ECMA-48's sequence grammar.
    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func next() -> Unicode.Scalar? {
            guard index < scalars.count else { return nil }
            defer { index += 1 }
            return scalars[index]
        }

        func peek() -> UInt32? { index < scalars.count ? scalars[index].value : nil }

        /// Called just after an ESC.
        mutating func skipEscapeSequence() {
            guard let v = peek() else { return }
            switch v {
            case 0x5B: // [
                index += 1
                skipControlSequence()
            case 0x5D, 0x50, 0x58, 0x5E, 0x5F: // ] P X ^ _
                index += 1
                skipControlString()
            case 0x20...0x2F: // intermediates, then one final byte: ESC ( B
                while let c = peek(), (0x20...0x2F).contains(c) { index += 1 }
                if let c = peek(), (0x30...0x7E).contains(c) { index += 1 }
            case 0x30...0x7E: // two-byte sequences: ESC c, ESC 7, ESC M
                index += 1
            default:
                break // a lone ESC: drop it and look at what follows normally
            }
        }

        /// Parameters and intermediates, then a final byte; anything else ends it early.
        mutating func skipControlSequence() {
            while let c = peek(), (0x20...0x3F).contains(c) { index += 1 }
            if let c = peek(), (0x40...0x7E).contains(c) { index += 1 }
        }

        /// Up to BEL, ST (ESC \ or U+009C), or a new ESC sequence, which ends the string.
        mutating func skipControlString() {
            while let c = peek() {
                switch c {
                case 0x07, 0x9C:
                    index += 1
                    return
                case 0x1B:
                    if index + 1 < scalars.count, scalars[index + 1].value == 0x5C {
                        index += 2
                    }
                    return // another ESC is handled by the caller's loop
                default:
                    index += 1
                }
            }
        }
    }
}
