import Foundation
import Testing
@testable import Console

@Suite struct ThemesLoaderTests {
    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "avitui-themes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/avitui/themes", withIntermediateDirectories: true)
        return path
    }

    @Test func nilLoadsTheDefault() throws {
        #expect(try ThemeLoader(environment: [:]).load(nil) == BuiltinThemes.defaultTheme)
    }

    @Test func builtinByName() throws {
        let loader = ThemeLoader(environment: ["XDG_CONFIG_HOME": "/nonexistent"])
        #expect(try loader.load("light").name == "light")
    }

    @Test func userDirectoryWinsOverBuiltin() throws {
        let config = try temporaryDirectory()
        try "name = \"light\"\n[roles.warning]\nfg = \"red\"\n".write(toFile: config + "/avitui/themes/light.toml", atomically: true, encoding: .utf8)
        let loader = ThemeLoader(environment: ["XDG_CONFIG_HOME": config])
        #expect(try loader.load("light")[.warning].foreground == .red)
        #expect(loader.availableThemes().contains("light"))
    }

    @Test func homeConfigWhenXdgUnset() throws {
        let home = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: home + "/.config/avitui/themes", withIntermediateDirectories: true)
        try "[roles.ok]\nfg = 1\n".write(toFile: home + "/.config/avitui/themes/mine.toml", atomically: true, encoding: .utf8)
        let loader = ThemeLoader(environment: ["HOME": home])
        #expect(try loader.load("mine").name == "mine")
    }

    @Test func pathsAreFiles() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/t.toml"
        try "[roles.ok]\nfg = 2\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ThemeLoader(environment: [:]).load(path)[.ok].foreground == .green)
        #expect(throws: ThemeError.self) { try ThemeLoader(environment: [:]).load(dir + "/missing.toml") }
    }

    @Test func badFileNamesFileAndLine() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/bad.toml"
        try "name = \"bad\"\n\n[roles.warning]\nfg = \"purpel\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ThemeLoader(environment: [:]).load(path)
            Issue.record("no error")
        } catch {
            #expect("\(error)".hasPrefix("theme \(path) line 4: unknown colour 'purpel'"))
        }
    }

    @Test func unknownNameListsAvailableThemes() {
        do {
            _ = try ThemeLoader(environment: ["XDG_CONFIG_HOME": "/nonexistent"]).load("nosuch")
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "theme 'nosuch': not found; available themes: default, high-contrast, light, mono, solarized-dark")
        }
    }
}
