/// Keys and answers on the login-refused screen (part of `ConsoleUpdate`, pure like it).
/// Typing fills a masked field; Enter sends it once; Esc quits (back to the fleet when opened
/// from it); `q` quits while the field is empty (a password may contain a q).
enum PasswordUpdate {
    static func key(_ state: UIState, _ key: Key, entry: PasswordEntry) -> (UIState, [Effect]) {
        var next = state
        var entry = entry
        if key == .escape { return (next, [next.inFleet ? .leaveCluster : .quit]) }
        // One login at a time: nothing is typed while the last password is being checked.
        guard !entry.checking else { return (next, []) }
        switch key {
        case .enter:
            guard !entry.text.isEmpty else {
                entry.problem = "type the new password first (Esc quits)"
                next.password = entry
                return (next, [])
            }
            let typed = entry.text
            entry.text = ""
            entry.checking = true
            entry.problem = nil
            next.password = entry
            return (next, [.submitPassword(typed)])
        case .character("q") where entry.text.isEmpty:
            return (next, [.quit])
        case let .character(character):
            entry.text.append(character)
        case .backspace, .delete:
            if !entry.text.isEmpty { entry.text.removeLast() }
        case .control("u"):
            entry.text = ""
        default:
            return (next, [])
        }
        next.password = entry
        return (next, [])
    }

    static func outcome(_ state: UIState, _ outcome: PasswordOutcome) -> (UIState, [Effect]) {
        var next = state
        guard next.password != nil else { return (next, []) }
        switch outcome {
        case .accepted:
            next.password = nil
            next.message = StatusMessage("logged in again — reading everything now")
        case .refused:
            next.password = PasswordEntry(problem: "the controller refused that password too — it is not sent again")
        case .notSent:
            next.password = PasswordEntry(problem: "that password was refused before — not sent; type the new one")
        case let .failed(reason):
            next.password = nil
            next.message = StatusMessage("the new password is kept; the login did not finish: \(reason)", kind: .warning)
        }
        return (next, [])
    }
}
