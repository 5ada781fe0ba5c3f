/// Terminals the console cannot draw on at all. An unknown `TERM` falls
/// back to xterm with a note; these are refused before anything starts,
/// with a message naming `TERM` and what to do.
public enum TerminalRequirement {
    /// Terminal types that cannot move the cursor, so a full-screen view is impossible.
    static let cannotAddressCursor: Set<String> = ["dumb", "emacs", "cons25-dumb"]

    /// Why the console cannot run on `term`, or nil when it can (or may).
    public static func problem(term: String?) -> String? {
        guard let term, cannotAddressCursor.contains(term) else { return nil }
        return "TERM=\(term) cannot move the cursor, so the console cannot draw — run it in a real terminal "
            + "(e.g. TERM=xterm-256color avitui), or use `avitui status` for plain text"
    }
}
