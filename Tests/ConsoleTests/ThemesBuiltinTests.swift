import Foundation
import Testing
@testable import Console

@Suite struct ThemesBuiltinTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Console/Themes/Builtin")

    @Test func embeddedSourcesAreIdenticalToThemeFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory.path)
            .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(files == BuiltinThemes.names, "Builtin/*.toml and BuiltinThemes.files list different themes: add the file's .embedInCode line in Package.swift and its entry in BuiltinThemes")
        for name in files {
            let disk = try String(contentsOf: Self.themesDirectory.appendingPathComponent("\(name).toml"), encoding: .utf8)
            #expect(BuiltinThemes.source(named: name) == disk, "Builtin/\(name).toml differs from what the binary holds")
        }
    }

    @Test func shippedThemesIncludeTheRequiredOnes() {
        for name in ["default", "light", "solarized-dark", "high-contrast", "mono"] {
            #expect(BuiltinThemes.theme(named: name) != nil, "\(name)")
        }
    }

    @Test func everyBuiltinParsesAndDefinesEveryRole() throws {
        #expect(BuiltinThemes.parseErrors().isEmpty, "\(BuiltinThemes.parseErrors())")
        for name in BuiltinThemes.names {
            let text = try #require(BuiltinThemes.source(named: name))
            for role in ThemeRole.allCases {
                #expect(text.contains("[roles.\(role.rawValue)]"), "\(name) lacks \(role.rawValue)")
            }
        }
    }

    @Test func monoUsesNoColour() throws {
        let mono = try #require(BuiltinThemes.theme(named: "mono"))
        for role in ThemeRole.allCases {
            #expect(mono[role].foreground == .default && mono[role].background == .default)
        }
        #expect(mono[.selection].attributes.contains(.reverse))
    }

    @Test func highContrastUsesOnlySixteenColours() throws {
        let theme = try #require(BuiltinThemes.theme(named: "high-contrast"))
        for role in ThemeRole.allCases {
            for colour in [theme[role].foreground, theme[role].background] {
                if case .indexed = colour { Issue.record("\(role) uses a 256-colour index") }
            }
        }
    }
}
