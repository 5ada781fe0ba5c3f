/// Why a theme could not be loaded, worded for the operator: it names the
/// file and, when known, the line (`theme /x/y.toml line 4: unknown colour 'purpel'`).
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file path, or `built-in theme 'NAME'`, or the `--theme` argument.
    public var source: String
    /// The 1-based line the problem is on, when it can be told.
    public var line: Int?
    /// What is wrong and, where it helps, what would be right.
    public var message: String

    public init(source: String, line: Int? = nil, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "theme \(source) line \(line): \(message)" }
        return "theme \(source): \(message)"
    }
}
