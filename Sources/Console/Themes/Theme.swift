/// A colour theme: a look for every `ThemeRole`.
///
/// Themes come from TOML files (see `themes/README.md`) through
/// `ThemeParser` and `ThemeLoader`; the shipped ones are also built into
/// the binary (`BuiltinThemes`).
public struct Theme: Hashable, Sendable {
    /// The theme's name, e.g. `default` or `solarized-dark`.
    public var name: String
    /// One line for `--theme` listings.
    public var summary: String
    /// A style for every role; `subscript` falls back to `normal`.
    public var roles: [ThemeRole: ThemeStyle]

    public init(name: String, summary: String = "", roles: [ThemeRole: ThemeStyle]) {
        self.name = name
        self.summary = summary
        self.roles = roles
    }

    /// The style for `role` (the `normal` style if the theme lacks it).
    public subscript(role: ThemeRole) -> ThemeStyle {
        roles[role] ?? roles[.normal] ?? .plain
    }

    /// This theme as a terminal with `depth` colours can show it.
    ///
    /// Colours map to the nearest the terminal has. In mono, colours are
    /// dropped and each role also takes the attributes of the built-in `mono`
    /// theme, so selection, badges and warnings stay visible without colour.
    public func degraded(to depth: ColorDepth) -> Theme {
        guard depth < .indexed256 else { return self }
        var result = self
        let mono = depth == .mono ? BuiltinThemes.theme(named: "mono") : nil
        for role in ThemeRole.allCases {
            var style = self[role]
            style.foreground = style.foreground.degraded(to: depth)
            style.background = style.background.degraded(to: depth)
            if let mono { style.attributes.formUnion(mono[role].attributes) }
            result.roles[role] = style
        }
        return result
    }

    /// A theme with no colour, used only if the built-in default cannot be
    /// parsed (a test guarantees it can).
    static let fallback = Theme(name: "fallback", roles: [
        .normal: .plain,
        .header: ThemeStyle(attributes: [.reverse, .bold]),
        .tabActive: ThemeStyle(attributes: [.reverse, .bold]),
        .tableHeader: ThemeStyle(attributes: [.bold, .underline]),
        .selection: ThemeStyle(attributes: .reverse),
        .warning: ThemeStyle(attributes: .bold),
        .critical: ThemeStyle(attributes: [.bold, .underline]),
        .expired: ThemeStyle(attributes: [.reverse, .bold]),
        .muted: ThemeStyle(attributes: .dim),
        .badgeReadOnly: ThemeStyle(attributes: .reverse),
        .badgeInsecure: ThemeStyle(attributes: [.reverse, .bold]),
        .statusBar: ThemeStyle(attributes: .reverse),
        .error: ThemeStyle(attributes: .bold),
    ])
}
