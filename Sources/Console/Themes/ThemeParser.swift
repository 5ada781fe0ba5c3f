import TOMLKit

/// Turns the text of a theme file into a `Theme`, or a `ThemeError` that
/// names the file and the line. The format is described in `themes/README.md`.
public enum ThemeParser {
    /// Keys a theme file may have at its top level.
    static let topLevelKeys = ["name", "description", "base", "roles"]
    /// Keys a `[roles.X]` table may have besides the attributes.
    static let colourKeys = ["fg", "bg"]

    /// Parses a theme file. Roles the file leaves out come from its `base`
    /// theme (a built-in theme name, `default` when absent).
    ///
    /// - Parameters:
    ///   - text: the TOML text.
    ///   - source: how errors name the file (its path, or `built-in theme 'x'`).
    ///   - fallbackName: the theme's name when the file has no `name` key.
    public static func parse(_ text: String, source: String, fallbackName: String) throws(ThemeError) -> Theme {
        try parse(text, source: source, fallbackName: fallbackName) { name throws(ThemeError) in
            guard let base = BuiltinThemes.theme(named: name) else {
                throw ThemeError(source: source, message: "unknown base theme '\(name)'; built-in themes: \(BuiltinThemes.names.joined(separator: ", "))")
            }
            return base
        }
    }

    /// The same, with the way to find a base theme passed in (built-ins are
    /// parsed against `Theme.fallback` so they never depend on each other).
    static func parse(
        _ text: String,
        source: String,
        fallbackName: String,
        baseTheme: (String) throws(ThemeError) -> Theme
    ) throws(ThemeError) -> Theme {
        let locator = TOMLLineLocator(text)
        func fail(_ path: [String], _ message: String) -> ThemeError {
            ThemeError(source: source, line: locator.line(of: path), message: message)
        }

        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let begin = error.source.begin
            throw ThemeError(source: source, line: begin.line,
                             message: TOMLErrorText.clean(error.description, line: begin.line, column: begin.column, in: text))
        } catch {
            throw ThemeError(source: source, message: "\(error)")
        }

        for key in inFileOrder(table.keys, under: [], locator) where !topLevelKeys.contains(key) {
            throw fail([key], "unknown key '\(key)' (expected \(topLevelKeys.joined(separator: ", ")))")
        }
        let name = try string(table, "name", fail) ?? fallbackName
        let summary = try string(table, "description", fail) ?? ""
        let base: Theme
        do {
            base = try baseTheme(try string(table, "base", fail) ?? "default")
        } catch {
            throw ThemeError(source: source, line: error.line ?? locator.line(of: ["base"]), message: error.message)
        }

        var theme = Theme(name: name, summary: summary, roles: base.roles)
        guard let rolesValue = table["roles"] else { return theme }
        guard let roles = rolesValue.table else {
            throw fail(["roles"], "'roles' must be a table of [roles.NAME] sections")
        }

        // Parse `normal` first: the other roles take their unset colours from it.
        var defined: [(ThemeRole, TOMLTable, [String])] = []
        for key in inFileOrder(roles.keys, under: ["roles"], locator) {
            guard let role = ThemeRole(rawValue: key) else {
                let known = ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail(["roles", key], "unknown role '\(key)' (roles: \(known))")
            }
            guard let body = roles[key]?.table else {
                throw fail(["roles", key], "role '\(key)' must be a table such as [roles.\(key)] with fg, bg, bold…")
            }
            defined.append((role, body, ["roles", key]))
        }
        defined.sort { ($0.0 == .normal ? 0 : 1) < ($1.0 == .normal ? 0 : 1) }

        for (role, body, path) in defined {
            let normal = theme.roles[.normal] ?? .plain
            let inherited = role == .normal ? ThemeStyle.plain : normal
            theme.roles[role] = try style(body, path: path, inheriting: inherited, locator: locator, fail)
        }
        return theme
    }

    private static func style(
        _ body: TOMLTable,
        path: [String],
        inheriting inherited: ThemeStyle,
        locator: TOMLLineLocator,
        _ fail: ([String], String) -> ThemeError
    ) throws(ThemeError) -> ThemeStyle {
        var style = ThemeStyle(foreground: inherited.foreground, background: inherited.background)
        let attributeKeys = TextAttributes.keyed.map(\.key)
        for key in inFileOrder(body.keys, under: path, locator) {
            guard let value = body[key] else { continue }
            let keyPath = path + [key]
            if key == "fg" || key == "bg" {
                let colour = try colour(value, key: key, path: keyPath, fail)
                if key == "fg" { style.foreground = colour } else { style.background = colour }
            } else if let attribute = TextAttributes.keyed.first(where: { $0.key == key })?.attribute {
                guard let flag = value.bool else {
                    throw fail(keyPath, "'\(key)' must be true or false")
                }
                if flag { style.attributes.insert(attribute) }
            } else {
                let expected = (colourKeys + attributeKeys).joined(separator: ", ")
                throw fail(keyPath, "unknown key '\(key)' in [\(path.joined(separator: "."))] (expected \(expected))")
            }
        }
        return style
    }

    private static func colour(
        _ value: TOMLValueConvertible,
        key: String,
        path: [String],
        _ fail: ([String], String) -> ThemeError
    ) throws(ThemeError) -> ThemeColor {
        if let index = value.int {
            guard let colour = ThemeColor.index(index) else {
                throw fail(path, "colour \(index) is out of range 0–255")
            }
            return colour
        }
        if let name = value.string {
            guard let colour = ThemeColor(name: name) else {
                throw fail(path, "unknown colour '\(name)' (use a name like \"yellow\" or \"bright-blue\", 0–255, or \"#rrggbb\")")
            }
            return colour
        }
        throw fail(path, "'\(key)' must be a colour name, a number 0–255 or \"#rrggbb\"")
    }

    private static func string(
        _ table: TOMLTable,
        _ key: String,
        _ fail: ([String], String) -> ThemeError
    ) throws(ThemeError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw fail([key], "'\(key)' must be a string") }
        return text
    }

    /// Keys sorted by the line they appear on, so the first error reported
    /// is the first in the file (TOMLKit returns keys alphabetically).
    private static func inFileOrder(_ keys: [String], under path: [String], _ locator: TOMLLineLocator) -> [String] {
        keys.map { ($0, locator.line(of: path + [$0]) ?? Int.max) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map(\.0)
    }
}
