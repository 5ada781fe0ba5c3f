/// Finds the line a key or table sits on in a TOML text.
///
/// TOMLKit reports lines only for syntax errors, not for values, so errors
/// about values ("unknown colour") find their line here with a light scan of
/// table headers and `key =` lines. It understands `[a.b]` headers, dotted
/// and quoted keys and inline tables well enough for theme files.
struct TOMLLineLocator {
    private struct Entry {
        var line: Int
        var path: [String]
    }

    private var entries: [Entry] = []

    init(_ text: String) {
        var table: [String] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = ThemeText.trimmed(String(rawLine))
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[[") { continue }
            if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                table = TOMLLineLocator.splitKey(String(line[line.index(after: line.startIndex)..<close]))
                entries.append(Entry(line: lineNumber, path: table))
                continue
            }
            guard let equals = TOMLLineLocator.assignment(in: line) else { continue }
            let key = TOMLLineLocator.splitKey(String(line[..<equals]))
            let path = table + key
            entries.append(Entry(line: lineNumber, path: path))
            // Keys of a one-line inline table: `warning = { fg = "x", bold = true }`.
            let rest = line[line.index(after: equals)...]
            if let open = rest.firstIndex(of: "{") {
                for part in rest[rest.index(after: open)...].split(separator: ",") {
                    guard let innerEquals = part.firstIndex(of: "=") else { continue }
                    entries.append(Entry(line: lineNumber, path: path + TOMLLineLocator.splitKey(String(part[..<innerEquals]))))
                }
            }
        }
    }

    /// The line that sets `path` exactly, or failing that the line of the
    /// nearest enclosing table or key that exists.
    func line(of path: [String]) -> Int? {
        var probe = path
        while !probe.isEmpty {
            if let entry = entries.first(where: { $0.path == probe }) { return entry.line }
            probe.removeLast()
        }
        return nil
    }

    /// The index of the `=` of a `key = value` line, outside quotes.
    private static func assignment(in line: String) -> String.Index? {
        var quote: Character?
        for index in line.indices {
            let c = line[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "=" {
                return index
            }
        }
        return nil
    }

    /// `roles. "tab_active"` → ["roles", "tab_active"].
    private static func splitKey(_ key: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for c in key {
            if let open = quote {
                if c == open { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                parts.append(ThemeText.trimmed(current))
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(ThemeText.trimmed(current))
        return parts
    }
}
