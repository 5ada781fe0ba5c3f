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
        for role in ThemeRole.allCases {
            styles[role] = StyleSheet.readable(Style(degraded[role]), original: theme[role].foreground, role: role, depth: depth)
        }
        self.styles = styles
    }

    /// Roles drawn inside table rows: without colour they must not look
    /// like the selection bar (reverse), or an expired row reads as the cursor.
    static let inRowRoles: Set<ThemeRole> = [.ok, .warning, .critical, .expired, .muted, .accent, .error]

    /// Repairs what degradation breaks. A grey that became black (SGR 30)
    /// on 8/16 colours vanishes on a dark terminal: it becomes the default
    /// colour, dimmed. A colourless in-row role with `reverse` becomes bold
    /// underline, so it differs from the selection.
    static func readable(_ style: Style, original: ThemeColor, role: ThemeRole, depth: ColorDepth) -> Style {
        var style = style
        if depth < .indexed256, style.foreground == .ansi(0), original != .ansi(0), style.background == .default || style.background == .ansi(0) {
            style.foreground = .default
            style.attributes.insert(.dim)
        }
        if inRowRoles.contains(role), style.foreground == .default, style.background == .default, style.attributes.contains(.reverse) {
            style.attributes.remove(.reverse)
            style.attributes.formUnion([.bold, .underline])
        }
        return style
    }

    /// The style for a role.
    public subscript(role: ThemeRole) -> Style { styles[role] ?? .plain }

    /// The built-in default theme at full colour (handy in tests).
    public static let standard = StyleSheet(theme: BuiltinThemes.defaultTheme)
}
