import Testing
@testable import Console

@Suite struct ThemesParserTests {
    func parse(_ text: String) throws(ThemeError) -> Theme {
        try ThemeParser.parse(text, source: "/x/y.toml", fallbackName: "y")
    }

    @Test func parsesNamesNumbersHexAndAttributes() throws {
        let theme = try parse("""
        name = "mine"
        [roles.warning]
        fg = "yellow"
        bold = true
        [roles.selection]
        fg = 231
        bg = "#005f87"
        reverse = true
        [roles.ok]
        fg = "bright-green"
        """)
        #expect(theme.name == "mine")
        #expect(theme[.warning] == ThemeStyle(foreground: .yellow, attributes: .bold))
        #expect(theme[.selection] == ThemeStyle(foreground: .indexed(231), background: .indexed(24), attributes: .reverse))
        #expect(theme[.ok].foreground == .ansi(10))
    }

    @Test func missingRolesComeFromTheBaseAndColoursFromNormal() throws {
        let theme = try parse("""
        [roles.normal]
        fg = "white"
        bg = "black"
        [roles.warning]
        bold = true
        """)
        #expect(theme.name == "y")
        #expect(theme[.warning] == ThemeStyle(foreground: .white, background: .black, attributes: .bold))
        #expect(theme[.critical] == BuiltinThemes.defaultTheme[.critical])
        let light = try parse("base = \"light\"\n")
        #expect(light[.header] == BuiltinThemes.theme(named: "light")?[.header])
    }

    @Test func unknownColourNamesFileAndLine() {
        let text = """
        name = "bad"

        [roles.warning]
        fg = "purpel"
        """
        #expect {
            _ = try parse(text)
        } throws: { error in
            "\(error)".hasPrefix("theme /x/y.toml line 4: unknown colour 'purpel'")
        }
    }

    @Test func errorsCarryLineNumbers() {
        let cases: [(String, Int, String)] = [
            ("[roles.warning]\nfg = 300\n", 2, "out of range"),
            ("[roles.warnig]\nfg = \"red\"\n", 1, "unknown role 'warnig'"),
            ("[roles.ok]\nfg = \"red\"\nblod = true\n", 3, "unknown key 'blod'"),
            ("[roles.ok]\nbold = \"yes\"\n", 2, "'bold' must be true or false"),
            ("name = \"x\"\ncolour = 1\n", 2, "unknown key 'colour'"),
            ("[roles.ok]\nfg = true\n", 2, "must be a colour"),
            ("[roles.ok\nfg = 1\n", 1, ""),                        // TOML syntax error
            ("[roles]\nok = { fg = \"nope\" }\n", 2, "unknown colour 'nope'"),
            ("base = \"nosuch\"\n", 1, "unknown base theme"),
        ]
        for (text, line, fragment) in cases {
            do {
                _ = try parse(text)
                Issue.record("no error for \(text.debugDescription)")
            } catch {
                #expect(error.line == line, "\(error)")
                #expect(error.source == "/x/y.toml")
                #expect(fragment.isEmpty || error.message.contains(fragment), "\(error)")
            }
        }
    }

    @Test func firstErrorInFileOrderIsReported() {
        // TOMLKit hands keys back alphabetically; the report follows the file.
        do {
            _ = try parse("[roles.warning]\nfg = \"zzz\"\n[roles.accent]\nfg = \"aaa\"\n")
            Issue.record("no error")
        } catch {
            #expect(error.line == 2)
        }
    }

    @Test func colourNames() {
        #expect(ThemeColor(name: "default") == .default)
        #expect(ThemeColor(name: "Bright_Red") == .ansi(9))
        #expect(ThemeColor(name: "brightblue") == .ansi(12))
        #expect(ThemeColor(name: "grey") == .ansi(8))
        #expect(ThemeColor(name: "#ff0000") == .indexed(196))
        #expect(ThemeColor(name: "#808080") == .indexed(244))
        #expect(ThemeColor(name: "#12345") == nil)
        #expect(ThemeColor(name: "purpel") == nil)
    }
}
