/// The themes shipped in `themes/*.toml`, built into the binary.
public enum BuiltinThemes {
    /// Built-in theme names, sorted.
    public static var names: [String] { BuiltinThemeSources.files.map(\.name).sorted() }

    /// The TOML text of a built-in theme (identical to `themes/NAME.toml`).
    public static func source(named name: String) -> String? {
        BuiltinThemeSources.files.first { $0.name == name }?.text
    }

    /// A built-in theme by name.
    public static func theme(named name: String) -> Theme? {
        parsed[name]
    }

    /// The theme used when `--theme` is not given.
    public static var defaultTheme: Theme { parsed["default"] ?? Theme.fallback }

    /// Parsed once. Each is complete, so it is parsed against `Theme.fallback`
    /// rather than another built-in; a test proves every one parses.
    private static let parsed: [String: Theme] = {
        var themes: [String: Theme] = [:]
        for file in BuiltinThemeSources.files {
            let theme = try? ThemeParser.parse(
                file.text, source: "built-in theme '\(file.name)'", fallbackName: file.name
            ) { _ throws(ThemeError) in Theme.fallback }
            themes[file.name] = theme
        }
        return themes
    }()

    /// Parse errors of the built-in themes; empty unless a shipped file is broken.
    static func parseErrors() -> [ThemeError] {
        BuiltinThemeSources.files.compactMap { file -> ThemeError? in
            do throws(ThemeError) {
                _ = try ThemeParser.parse(file.text, source: "built-in theme '\(file.name)'", fallbackName: file.name) { _ throws(ThemeError) in
                    Theme.fallback
                }
                return nil
            } catch {
                return error
            }
        }
    }
}
