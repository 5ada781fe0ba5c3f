// Generated from themes/*.toml by the script in themes/README.md; do not edit.
// BuiltinThemesTests fails if this file and themes/*.toml differ.

/// The text of every shipped theme file, so the binary works without them.
enum BuiltinThemeSources {
    static let files: [(name: String, text: String)] = [
        ("default", ##"""
# avitui default theme: for dark terminal backgrounds, 256 colours.
# Text keeps the terminal's own colours; bars and highlights use the palette.
name = "default"
description = "dark background, 256 colours"

[roles.normal]
fg = "default"
bg = "default"

[roles.header]
fg = 255
bg = 24
bold = true

[roles.tab_active]
fg = 16
bg = 39
bold = true

[roles.tab_inactive]
fg = 250
bg = 236

[roles.table_header]
fg = 75
bold = true

[roles.selection]
fg = 231
bg = 25
bold = true

[roles.ok]
fg = 114

[roles.warning]
fg = 220
bold = true

[roles.critical]
fg = 196
bold = true

[roles.expired]
fg = 231
bg = 124
bold = true

[roles.muted]
fg = 244

[roles.badge_read_only]
fg = 16
bg = 114
bold = true

[roles.badge_insecure]
fg = 231
bg = 160
bold = true

[roles.border]
fg = 240

[roles.accent]
fg = 81

[roles.status_bar]
fg = 252
bg = 236

[roles.error]
fg = 203
bold = true

[roles.help]
fg = 252
bg = 235

"""##),
        ("high-contrast", ##"""
# avitui high-contrast theme: only the 16 ANSI colours, bold where it helps,
# so it reads the same on any terminal and any palette.
name = "high-contrast"
description = "16 ANSI colours, maximum contrast"

[roles.normal]
fg = "bright-white"
bg = "black"

[roles.header]
fg = "black"
bg = "bright-white"
bold = true

[roles.tab_active]
fg = "black"
bg = "bright-yellow"
bold = true

[roles.tab_inactive]
fg = "bright-white"
bg = "black"
underline = true

[roles.table_header]
fg = "bright-cyan"
bold = true
underline = true

[roles.selection]
fg = "black"
bg = "bright-cyan"
bold = true

[roles.ok]
fg = "bright-green"
bold = true

[roles.warning]
fg = "bright-yellow"
bold = true

[roles.critical]
fg = "bright-red"
bold = true
underline = true

[roles.expired]
fg = "bright-white"
bg = "red"
bold = true

[roles.muted]
fg = "white"

[roles.badge_read_only]
fg = "black"
bg = "bright-green"
bold = true

[roles.badge_insecure]
fg = "bright-white"
bg = "red"
bold = true

[roles.border]
fg = "bright-white"

[roles.accent]
fg = "bright-magenta"
bold = true

[roles.status_bar]
fg = "black"
bg = "white"

[roles.error]
fg = "bright-red"
bold = true

[roles.help]
fg = "bright-white"
bg = "blue"

"""##),
        ("light", ##"""
# avitui light theme: for light terminal backgrounds, 256 colours.
name = "light"
description = "light background, 256 colours"

[roles.normal]
fg = "default"
bg = "default"

[roles.header]
fg = 231
bg = 25
bold = true

[roles.tab_active]
fg = 231
bg = 31
bold = true

[roles.tab_inactive]
fg = 236
bg = 252

[roles.table_header]
fg = 25
bold = true

[roles.selection]
fg = 16
bg = 153

[roles.ok]
fg = 28

[roles.warning]
fg = 130
bold = true

[roles.critical]
fg = 160
bold = true

[roles.expired]
fg = 231
bg = 160
bold = true

[roles.muted]
fg = 245

[roles.badge_read_only]
fg = 231
bg = 28
bold = true

[roles.badge_insecure]
fg = 231
bg = 160
bold = true

[roles.border]
fg = 249

[roles.accent]
fg = 31

[roles.status_bar]
fg = 236
bg = 254

[roles.error]
fg = 160
bold = true

[roles.help]
fg = 236
bg = 255

"""##),
        ("mono", ##"""
# avitui mono theme: no colour at all, attributes only. Also the source of
# the attributes every theme adds when the terminal has no colour (NO_COLOR).
name = "mono"
description = "no colour, attributes only"

[roles.normal]

[roles.header]
reverse = true
bold = true

[roles.tab_active]
reverse = true
bold = true

[roles.tab_inactive]

[roles.table_header]
bold = true
underline = true

[roles.selection]
reverse = true

[roles.ok]

[roles.warning]
bold = true

[roles.critical]
bold = true
underline = true

[roles.expired]
reverse = true
bold = true

[roles.muted]
dim = true

[roles.badge_read_only]
reverse = true

[roles.badge_insecure]
reverse = true
bold = true

[roles.border]
dim = true

[roles.accent]
bold = true

[roles.status_bar]
reverse = true

[roles.error]
bold = true

[roles.help]

"""##),
        ("solarized-dark", ##"""
# avitui solarized-dark theme: Ethan Schoonover's palette, given as #rrggbb
# (each maps to the nearest of the 256 palette colours).
name = "solarized-dark"
description = "Solarized dark palette"

[roles.normal]
fg = "#839496"   # base0
bg = "#002b36"   # base03

[roles.header]
fg = "#93a1a1"   # base1
bg = "#073642"   # base02
bold = true

[roles.tab_active]
fg = "#002b36"
bg = "#268bd2"   # blue
bold = true

[roles.tab_inactive]
fg = "#839496"
bg = "#073642"

[roles.table_header]
fg = "#268bd2"
bold = true

[roles.selection]
fg = "#fdf6e3"   # base3
bg = "#586e75"   # base01

[roles.ok]
fg = "#859900"   # green

[roles.warning]
fg = "#b58900"   # yellow
bold = true

[roles.critical]
fg = "#dc322f"   # red
bold = true

[roles.expired]
fg = "#fdf6e3"
bg = "#dc322f"
bold = true

[roles.muted]
fg = "#586e75"

[roles.badge_read_only]
fg = "#002b36"
bg = "#859900"
bold = true

[roles.badge_insecure]
fg = "#fdf6e3"
bg = "#cb4b16"   # orange
bold = true

[roles.border]
fg = "#586e75"

[roles.accent]
fg = "#2aa198"   # cyan

[roles.status_bar]
fg = "#93a1a1"
bg = "#073642"

[roles.error]
fg = "#dc322f"
bold = true

[roles.help]
fg = "#93a1a1"
bg = "#073642"

"""##),
    ]
}
