import Foundation

/// The `:` commands: screens by name, `:sort`, `:filter`, `:refresh`,
/// `:pause`, `:resume`, `:rotate`, `:help`, `:quit`.
enum CommandLineCommands {
    /// Every word the prompt completes with Tab.
    static var words: [String] {
        ScreenID.allCases.flatMap(\.commands) + ["sort", "filter", "refresh", "pause", "resume", "rotate", "help", "quit", "q", "ctx"]
    }

    static func run(_ line: String, in state: UIState) -> (UIState, [Effect]) {
        var next = state
        let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        guard let word = parts.first?.lowercased() else { return (next, []) }
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        if let screen = ScreenID.allCases.first(where: { $0.commands.contains(word) }) {
            next.screen = screen
            return (next, [])
        }
        switch word {
        case "q", "quit", "q!", "exit": return (next, [.quit])
        case "ctx", "context", "fleet":
            guard next.inFleet else {
                next.message = StatusMessage("not in a fleet — start avitui fleet to move between clusters", kind: .warning)
                return (next, [])
            }
            return (next, [argument.isEmpty || word == "fleet" ? .leaveCluster : .switchCluster(argument)])
        case "help", "h": next.overlay = .help(offset: 0)
        case "refresh": return ConsoleUpdate.update(next, .key(.character("r")))
        case "pause":
            if !next.paused { return ConsoleUpdate.update(next, .key(.character("p"))) }
        case "resume":
            if next.paused { return ConsoleUpdate.update(next, .key(.character("p"))) }
        case "rotate", "wizard": return ConsoleUpdate.update(next, .key(.character("w")))
        case "filter":
            guard next.screen.hasTable else { break }
            next.table = next.table.filtering(argument)
        case "sort":
            let columns = ScreenCatalog.columns(for: next.screen)
            let wanted = argument.lowercased()
            if next.screen.hasTable, ["worst", "severity", "default"].contains(wanted) {
                return (ConsoleUpdate.sorted(next, column: nil, direction: .ascending), [])
            }
            guard next.screen.hasTable, !wanted.isEmpty,
                  let index = columns.firstIndex(where: { $0.title.lowercased() == wanted })
                    ?? columns.firstIndex(where: { $0.title.lowercased().hasPrefix(wanted) })
            else {
                let names = columns.map { $0.title.lowercased() }.joined(separator: ", ")
                next.message = StatusMessage(names.isEmpty ? "nothing to sort here" : "sort by one of: worst, \(names)", kind: .warning)
                return (next, [])
            }
            next = ConsoleUpdate.sorted(next, column: index, direction: .ascending)
        default:
            next.message = StatusMessage("unknown command :\(word) — :help lists them", kind: .warning)
        }
        return (next, [])
    }

    /// Completes the first word as far as the commands that start with it
    /// agree; a word completed to the only command it can be gets a space,
    /// ready for the argument (as a shell does).
    static func complete(_ text: String) -> String {
        guard !text.contains(" "), !text.isEmpty else { return text }
        let matches = Set(words.filter { $0.hasPrefix(text.lowercased()) })
        guard var common = matches.first else { return text }
        for match in matches {
            while !match.hasPrefix(common) { common.removeLast() }
        }
        // Unique only when no other command extends it (`q` also begins `quit`).
        if matches.allSatisfy({ $0 == common }) { return common + " " }
        return common.count > text.count ? common : text
    }
}
