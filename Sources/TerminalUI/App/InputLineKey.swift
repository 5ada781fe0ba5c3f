/// What one key did to an open `:` or `/` line, for the console and the fleet screen alike.
/// A `/` line filters the table live as it is typed; Esc puts the filter back as it was.
public enum InputLineKey: Equatable, Sendable {
    /// Still typing: the line as it is now.
    case editing(InputLine)
    /// Closed (Esc, or Enter on a filter), with what the status line should say.
    case closed(StatusMessage?)
    /// Enter on a `:` line: the command to run.
    case command(String)

    /// Applies `key` to `input`, and to `table`'s filter when the line is a filter.
    public static func handle(_ input: InputLine, _ key: Key, table: inout TableState) -> InputLineKey {
        var input = input
        switch input.line.handling(key) {
        case .cancelled:
            if input.isFilter { table = table.filtering(input.previousFilter) }
            return .closed(nil)
        case let .submitted(text):
            guard input.isFilter else { return .command(text) }
            return .closed(StatusMessage(text.isEmpty ? "filter cleared" : "filter \"\(text)\" — Esc clears it"))
        case let .editing(line):
            let changed = line.text != input.text
            input.line = line
            if input.isFilter && changed { table = table.filtering(line.text) }
            return .editing(input)
        }
    }
}
