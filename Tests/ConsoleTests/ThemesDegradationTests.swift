import Testing
@testable import Console

@Suite struct ThemesDegradationTests {
    @Test func paletteColoursMapToRecognisableAnsiColours() {
        #expect(ThemeColor.indexed(196).degraded(to: .ansi16) == .ansi(9))    // red
        #expect(ThemeColor.indexed(124).degraded(to: .ansi16) == .ansi(1))    // dark red
        #expect(ThemeColor.indexed(220).degraded(to: .ansi16) == .ansi(11))   // gold → bright yellow
        #expect(ThemeColor.indexed(24).degraded(to: .ansi16) == .ansi(4))     // dark blue stays blue
        #expect(ThemeColor.indexed(114).degraded(to: .ansi16) == .ansi(10))   // green
        #expect(ThemeColor.indexed(236).degraded(to: .ansi16) == .ansi(8))    // dark grey
        #expect(ThemeColor.indexed(255).degraded(to: .ansi16) == .ansi(15))
        #expect(ThemeColor.indexed(16).degraded(to: .ansi16) == .ansi(0))
    }

    @Test func eightColoursDropBrightness() {
        #expect(ThemeColor.ansi(9).degraded(to: .ansi8) == .ansi(1))
        #expect(ThemeColor.indexed(196).degraded(to: .ansi8) == .ansi(1))
        #expect(ThemeColor.default.degraded(to: .ansi8) == .default)
    }

    @Test func degradedThemesUseOnlyWhatTheTerminalHas() {
        for name in BuiltinThemes.names {
            guard let theme = BuiltinThemes.theme(named: name) else { continue }
            for depth in [ColorDepth.ansi16, .ansi8] {
                let degraded = theme.degraded(to: depth)
                for role in ThemeRole.allCases {
                    for colour in [degraded[role].foreground, degraded[role].background] {
                        let limit = depth == .ansi8 ? 8 : 16
                        #expect((colour.paletteIndex ?? 0) < limit, "\(name) \(role) at \(depth): \(colour)")
                    }
                }
            }
        }
    }

    @Test func monoDropsColourButKeepsHighlightsVisible() {
        let mono = BuiltinThemes.defaultTheme.degraded(to: .mono)
        for role in ThemeRole.allCases {
            #expect(mono[role].foreground == .default && mono[role].background == .default)
        }
        #expect(mono[.selection].attributes.contains(.reverse))
        #expect(mono[.badgeInsecure].attributes.contains(.reverse))
        #expect(mono[.expired].attributes.contains(.reverse))
        #expect(mono[.warning].attributes.contains(.bold))
        #expect(!mono[.tabInactive].attributes.contains(.reverse))
    }

    @Test func depthFromColourCount() {
        #expect(ColorDepth(colors: 256) == .indexed256)
        #expect(ColorDepth(colors: 88) == .ansi16)
        #expect(ColorDepth(colors: 8) == .ansi8)
        #expect(ColorDepth(colors: 0) == .mono)
    }
}
