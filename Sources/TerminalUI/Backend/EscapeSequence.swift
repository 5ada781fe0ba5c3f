/// What follows an Esc that ncurses handed over as a plain character.
///
/// ncurses turns the escape sequences its terminfo entry knows into keys; one
/// it does not know (End as `ESC [ 4 ~` under TERM=xterm-256color inside tmux)
/// comes back as Esc followed by its bytes, already waiting in ncurses'
/// buffer. Replayed as keys, `ESC [ 4 ~` would cancel a filter and open
/// screen 4. So an Esc followed at once by `[` (CSI) or `O` (SS3) starts a
/// sequence that is read to its end and dropped.
///
/// Esc followed by any other key is kept as Esc and that key: it is what an
/// operator typing Esc then `5` quickly (or a batched SSH packet) sends, and
/// what an Alt-chord sends too — the two cannot be told apart, and losing a
/// real Esc would be worse than an Alt-chord acting as its two keys.
enum EscapeSequence {
    /// One unit of input after the Esc.
    enum Input: Hashable, Sendable {
        case character(UInt32)
        /// A key ncurses decoded itself (an arrow, say).
        case functionKey
    }

    /// Whether the input right after an Esc opens a sequence to swallow.
    static func opensSequence(_ first: Input?) -> Bool {
        first == .character(0x5B) || first == .character(0x4F) // [ or O
    }

    /// Reads the rest of a sequence opened by `opener` through `next` (nil:
    /// nothing more is waiting), by ECMA-48's grammar: CSI takes parameter
    /// and intermediate bytes (0x20–0x3F) up to a final byte; SS3 takes one
    /// more character. Everything read is dropped.
    static func consumeRest(after opener: Input, _ next: () -> Input?) {
        if opener == .character(0x4F) {
            _ = next()
            return
        }
        while let input = next() {
            guard case let .character(byte) = input, (0x20...0x3F).contains(byte) else { return }
        }
    }
}
