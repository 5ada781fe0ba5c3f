import CNcurses

/// Turns what `wget_wch` returned into a `Key`.
enum NcursesKeys {
    /// - Parameters:
    ///   - status: `OK` for a character, `KEY_CODE_YES` for a function key.
    ///   - code: the character or the `KEY_*` code.
    static func decode(status: Int32, code: UInt32) -> Key? {
        if status == OK { return Key.decode(scalar: code) }
        guard status == KEY_CODE_YES else { return nil }
        let key = Int32(bitPattern: code)
        switch key {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1, KEY_LL: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(key - KEY_F0))
        default: return nil
        }
    }
}
