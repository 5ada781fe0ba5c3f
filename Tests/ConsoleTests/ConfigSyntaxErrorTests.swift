import Console
import Foundation
import Testing

/// A TOML syntax error in a config or theme file is one clean line naming the file and the
/// line, with no raw line break from the parser's quoting and no parser jargon for an
/// unclosed string.
@Suite("Config and theme syntax errors")
struct ConfigSyntaxErrorTests {
    @Test func aBadValueIsOneLine() throws {
        let error = try #require(configError("default_profile = \"lab\"\nread_only = tru\n"))
        #expect(error.description == "config /x/config.toml line 2: invalid boolean: expected 'true', saw 'tru'")
    }

    @Test func anUnclosedConfigStringIsNamed() throws {
        let error = try #require(configError("default_profile = \"lab\n[profiles.lab]\n"))
        #expect(error.description == "config /x/config.toml line 1: a string is not closed: add the missing quote before the end of the line")
        let atEnd = try #require(configError("default_profile = \"lab"))
        #expect(atEnd.description.hasPrefix("config /x/config.toml line 1: a string is not closed"))
    }

    @Test func anUnclosedThemeStringIsNamed() throws {
        do {
            _ = try ThemeParser.parse("name = \"abc\n[roles.normal]\nfg = \"red\"\n", source: "/x/bad.toml", fallbackName: "bad")
            Issue.record("an unclosed string parsed")
        } catch {
            #expect(error.description == "theme /x/bad.toml line 1: a string is not closed: add the missing quote before the end of the line")
        }
    }

    @Test func parserTextIsSanitized() {
        #expect(TOMLErrorText.clean("Error while parsing boolean: expected 'true', saw 'tru\n'", line: 1, column: 13, in: "read_only = tru\n")
            == "invalid boolean: expected 'true', saw 'tru'")
        #expect(TOMLErrorText.clean("Error while parsing key: expected '=', saw '\n'", line: 1, column: 4, in: "abc\n")
            == "invalid key: expected '=', saw a line break")
        #expect(TOMLErrorText.clean("  two\n  lines\r\n", line: 1, column: 1, in: "") == "two lines")
        #expect(TOMLErrorText.clean("\n", line: 1, column: 1, in: "") == "not valid TOML")
    }

    private func configError(_ text: String) -> ConfigError? {
        do {
            _ = try ConfigFile.parse(text, path: "/x/config.toml")
            return nil
        } catch let error as ConfigError {
            return error
        } catch {
            return nil
        }
    }
}
