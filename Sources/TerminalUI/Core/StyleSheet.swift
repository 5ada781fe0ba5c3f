import Console

/// A theme resolved for the terminal in use: one `Style` per role, already
/// degraded to the terminal's colour depth. Widgets and screens draw with
/// `styles[.warning]`, never with literal colours.
public struct StyleSheet: Hashable, Sendable {
    /// The theme after degradation.
    public let theme: Theme
    private let styles: [ThemeRole: Style]

    public init(theme: Theme, depth: ColorDepth = .indexed256) {
        let degraded = theme.degraded(to: depth)
        self.theme = degraded
        var styles: [ThemeRole: Style] = [:]
        for role in ThemeRole.allCases { styles[role] = Style(degraded[role]) }
        self.styles = styles
    }

    /// The style for a role.
    public subscript(role: ThemeRole) -> Style { styles[role] ?? .plain }

    /// The built-in default theme at full colour (handy in tests).
    public static let standard = StyleSheet(theme: BuiltinThemes.defaultTheme)
}
