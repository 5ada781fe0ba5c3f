/// The themes shipped in `Sources/Console/Themes/Builtin/*.toml`, built into the binary by
/// SwiftPM's `.embedInCode` (`PackageResources`), so it works without the files.
public enum BuiltinThemes {
    /// Name and TOML text of each shipped theme.
    static let files: [(name: String, text: String)] = [
        ("default", PackageResources.default_toml),
        ("light", PackageResources.light_toml),
        ("solarized-dark", PackageResources.solarized_dark_toml),
        ("high-contrast", PackageResources.high_contrast_toml),
        ("mono", PackageResources.mono_toml),
    ].map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }

    /// Built-in theme names, sorted.
    public static var names: [String] { files.map(\.name).sorted() }

    /// The TOML text of a built-in theme (the bytes of `Builtin/NAME.toml`).
    public static func source(named name: String) -> String? {
        files.first { $0.name == name }?.text
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
        for file in files {
            let theme = try? ThemeParser.parse(
                file.text, source: "built-in theme '\(file.name)'", fallbackName: file.name
            ) { _ throws(ThemeError) in Theme.fallback }
            themes[file.name] = theme
        }
        return themes
    }()

    /// Parse errors of the built-in themes; empty unless a shipped file is broken.
    static func parseErrors() -> [ThemeError] {
        files.compactMap { file -> ThemeError? in
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
