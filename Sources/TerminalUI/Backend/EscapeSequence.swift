/// What follows an Esc that ncurses handed over as a plain character.
///
/// ncurses turns the escape sequences its terminfo entry knows into keys; one
/// it does not know (End as `ESC [ 4 ~` under TERM=xterm-256color inside tmux,
/// an Alt-chord) comes back as Esc followed by its bytes, already waiting in
/// ncurses' buffer. Replayed as keys, `ESC [ 4 ~` would cancel a filter and
/// open screen 4. So an Esc with more input right behind it starts a sequence
/// that is read to its end and dropped; only an Esc with nothing behind it is
/// the Esc key.
enum EscapeSequence {
    /// One unit of input after the Esc.
    enum Input: Hashable, Sendable {
        case character(UInt32)
        /// A key ncurses decoded itself (Alt plus an arrow, say).
        case functionKey
    }

    /// Reads what follows an Esc through `next` (nil: nothing more is waiting)
    /// and says whether it was the Esc key (`true`) or the start of a sequence
    /// that has now been consumed whole (`false`).
    ///
    /// The grammar is ECMA-48's: CSI (`ESC [`) takes parameter and
    /// intermediate bytes up to a final byte in 0x40–0x7E; SS3 (`ESC O`)
    /// takes one more character; anything else after Esc is an Alt-chord of
    /// one key.
    static func isLoneEscape(_ next: () -> Input?) -> Bool {
        guard let first = next() else { return true }
        guard case let .character(code) = first else { return false }
        switch code {
        case 0x5B: // [
            while let input = next() {
                guard case let .character(byte) = input else { return false }
                if (0x20...0x3F).contains(byte) { continue }
                return false // the final byte (or a stray one) ends it
            }
            return false
        case 0x4F: // O
            _ = next()
            return false
        default:
            return false
        }
    }
}
