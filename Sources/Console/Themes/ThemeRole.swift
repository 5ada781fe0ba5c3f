/// A named purpose a theme gives a look to. Screens draw with roles, never
/// with literal colours, so every theme (and `NO_COLOR`) applies everywhere.
///
/// The raw value is the key used in theme files: `[roles.tab_active]`.
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    /// Ordinary text; also supplies the colours a role leaves unset.
    case normal
    /// The top bar: controller, version, cluster state.
    case header
    case tabActive = "tab_active"
    case tabInactive = "tab_inactive"
    case tableHeader = "table_header"
    /// The selected table row.
    case selection
    case ok
    case warning
    case critical
    /// A certificate past its expiry date.
    case expired
    /// Secondary text: ages, hints, empty cells.
    case muted
    case badgeReadOnly = "badge_read_only"
    /// The permanent `--insecure` banner.
    case badgeInsecure = "badge_insecure"
    case border
    case accent
    case statusBar = "status_bar"
    case error
    /// The help overlay.
    case help
}
