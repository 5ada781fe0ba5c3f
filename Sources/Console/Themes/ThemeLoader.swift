import Foundation

/// Resolves `--theme NAME|PATH` to a `Theme`.
///
/// Order: a path if the argument contains `/` or ends in `.toml`; else
/// `$XDG_CONFIG_HOME/avitui/themes/NAME.toml` (`~/.config` when unset);
/// else a built-in theme; else an error listing what is available.
public struct ThemeLoader: Sendable {
    /// The environment to read `XDG_CONFIG_HOME` and `HOME` from.
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Where user themes live: `$XDG_CONFIG_HOME/avitui/themes`.
    public var userThemeDirectory: String {
        // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return xdg + "/avitui/themes"
        }
        return home + "/.config/avitui/themes"
    }

    private var home: String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    /// The theme for a `--theme` argument; the built-in default for nil.
    public func load(_ argument: String?) throws(ThemeError) -> Theme {
        guard let argument, !argument.isEmpty else { return BuiltinThemes.defaultTheme }
        if argument.contains("/") || argument.hasSuffix(".toml") {
            return try loadFile(expandingTilde(argument), fallbackName: fileStem(argument))
        }
        let userPath = userThemeDirectory + "/" + argument + ".toml"
        if FileManager.default.fileExists(atPath: userPath) {
            return try loadFile(userPath, fallbackName: argument)
        }
        if let builtin = BuiltinThemes.theme(named: argument) { return builtin }
        throw ThemeError(source: "'\(argument)'", message: "not found; available themes: \(availableThemes().joined(separator: ", "))")
    }

    /// Built-in theme names plus those in the user theme directory, sorted.
    public func availableThemes() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: userThemeDirectory)) ?? []
        let user = files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        return Array(Set(BuiltinThemes.names + user)).sorted()
    }

    /// Reads and parses one theme file.
    public func loadFile(_ path: String, fallbackName: String) throws(ThemeError) -> Theme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read as UTF-8 text" : "no such file"
            throw ThemeError(source: path, message: reason)
        }
        return try ThemeParser.parse(text, source: path, fallbackName: fallbackName)
    }

    private func expandingTilde(_ path: String) -> String {
        path.hasPrefix("~/") ? home + path.dropFirst() : path
    }

    private func fileStem(_ path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return last.hasSuffix(".toml") ? String(last.dropLast(5)) : last
    }
}
