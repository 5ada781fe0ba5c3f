/// A key press (or a resize), decoded from the terminal's input.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character, including wide ones (`あ`, `😀`).
    case character(Character)
    /// Ctrl plus a letter, given as the lowercase letter: Ctrl-U is `.control("u")`.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete, insert
    /// F1…F12 (and beyond, if the terminal sends them).
    case function(Int)
    /// The terminal changed size; redraw at the backend's new `size`.
    case resize

    /// Shorthand for `.character(c)`.
    public static func char(_ c: Character) -> Key { .character(c) }

    /// How help screens name the key: `q`, `Ctrl-U`, `PgDn`, `F5`.
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-\(c.uppercased())"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        }
    }

    /// Decodes a character the terminal sent as text (not a function key):
    /// control bytes become their keys, everything else a `.character`.
    public static func decode(scalar value: UInt32) -> Key? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A:
            guard let letter = Unicode.Scalar(0x60 + value) else { return nil }
            return .control(Character(letter))
        case 0x00..<0x20, 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
