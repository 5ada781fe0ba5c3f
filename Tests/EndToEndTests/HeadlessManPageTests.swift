import Foundation
import Testing

/// The man pages lint clean at mandoc's default level (STYLE included, unlike `make lint-man`)
/// and document what operators asked about.
@Suite("headless: man pages")
struct HeadlessManPageTests {
    static let manDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("man")
    static let mandoc = ["/usr/bin/mandoc", "/usr/local/bin/mandoc"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: mandoc != nil, "mandoc is not installed"), arguments: ["avitui.1", "avitui-config.5", "avitui-theme.5"])
    func lintsClean(page: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.mandoc))
        process.arguments = ["-Tlint", Self.manDirectory.appendingPathComponent(page).path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Messages about the system's own man database (an outdated mandoc.db) are not about this page.
        let findings = text.split(separator: "\n").filter { $0.contains(page + ":") }
        #expect(findings.isEmpty, "\(findings.joined(separator: "\n"))")
    }

    @Test func documentsTheWizardKeysAndTheLevelKey() throws {
        let page = try String(contentsOf: Self.manDirectory.appendingPathComponent("avitui.1"), encoding: .utf8)
        for required in [".Ss Keys in the rotation wizard", ".It Ic i\n", ".It Ic o\n", ".It Ic Tab , Ic Shift-Tab\nIn the import form",
                         ".It Ic Right , Ic Left", "This is a minimum, unlike the console's", "shows exactly one level, not that level and above"] {
            #expect(page.contains(required), "\(required)")
        }
    }
}
