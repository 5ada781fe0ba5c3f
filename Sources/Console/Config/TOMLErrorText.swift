import Foundation

/// The TOML parser's message for a syntax error, made into the one clean line an operator
/// reads after `config PATH line N:` or `theme PATH line N:`. The parser quotes what it saw
/// verbatim — a line break included — and reports an unclosed string as "unescaped control
/// characters" (the line break it ran into); neither may reach the operator as is.
public enum TOMLErrorText {
    /// `message` as the parser gave it; `line` and `column` (1-based) where it stopped in `text`.
    public static func clean(_ message: String, line: Int, column: Int, in text: String) -> String {
        if isUnclosedString(message, line: line, column: column, in: text) {
            return "a string is not closed: add the missing quote before the end of the line"
        }
        var result = oneLine(message)
        let prefix = "Error while parsing "
        if result.hasPrefix(prefix) {
            // "Error while parsing boolean: expected …" → "invalid boolean: expected …"
            result = "invalid " + result.dropFirst(prefix.count)
        }
        return result.isEmpty ? "not valid TOML" : result
    }

    /// A string value runs into the end of its line or of the file.
    static func isUnclosedString(_ message: String, line: Int, column: Int, in text: String) -> Bool {
        guard message.contains("parsing string") else { return false }
        if message.contains("end-of-file") || message.contains("end of file") { return true }
        guard message.contains("control characters") else { return false }
        let lines = text.components(separatedBy: "\n")
        guard line >= 1, line <= lines.count else { return false }
        // The parser stops on the line break itself: one past the last character of the line.
        return column > lines[line - 1].trimmingCharacters(in: CharacterSet(charactersIn: "\r")).count
    }

    /// Whitespace runs (line breaks above all) become one space; text the parser quoted is
    /// trimmed, and a quoted line break is named instead of printed.
    static func oneLine(_ message: String) -> String {
        let pieces = message.components(separatedBy: "'")
        guard pieces.count % 2 == 1 else { return collapse(message) }  // unbalanced quotes: no quoted parts to trust
        let parts = pieces.enumerated().map { index, piece -> String in
            guard index % 2 == 1 else { return collapse(piece, trimming: false) }
            let inner = collapse(piece)
            return inner.isEmpty && piece.contains(where: \.isNewline) ? "a line break" : "'" + inner + "'"
        }
        return collapse(parts.joined())
    }

    /// Every run of whitespace or control characters becomes one space.
    private static func collapse(_ text: String, trimming: Bool = true) -> String {
        var result = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            if CharacterSet.whitespacesAndNewlines.contains(scalar) || CharacterSet.controlCharacters.contains(scalar) {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        return trimming ? result.trimmingCharacters(in: .whitespaces) : result
    }
}
