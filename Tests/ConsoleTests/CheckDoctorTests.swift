import Console
import Foundation
import Testing

/// `avitui doctor`'s pure parts: finding terminfo entries and reading their numbers, and
/// the report's lines.
@Suite("doctor: terminfo and report")
struct CheckDoctorTests {
    /// A compiled entry in the legacy format: names, no booleans, numbers 0…14.
    static func legacyEntry(colors: Int16, pairs: Int16) -> [UInt8] {
        let names = Array("test|a test terminal".utf8) + [0]
        var bytes: [UInt8] = []
        func short(_ value: Int16) { bytes += [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)] }
        short(0o432); short(Int16(names.count)); short(1); short(15); short(0); short(0)
        bytes += names
        bytes += [1]  // one boolean
        if bytes.count % 2 == 1 { bytes.append(0) }
        for index in 0..<15 { short(index == 13 ? colors : index == 14 ? pairs : -1) }
        return bytes
    }

    @Test func readsColoursAndPairsFromALegacyEntry() throws {
        let capabilities = try #require(TerminfoDatabase.parse(Self.legacyEntry(colors: 8, pairs: 64)))
        #expect(capabilities.names == "test|a test terminal")
        #expect(capabilities.colors == 8)
        #expect(capabilities.pairs == 64)
        #expect(TerminfoDatabase.parse(Self.legacyEntry(colors: -1, pairs: -1))?.colors == nil)
    }

    @Test func rejectsWhatIsNotAnEntry() {
        #expect(TerminfoDatabase.parse([]) == nil)
        #expect(TerminfoDatabase.parse(Array("#!/bin/sh\necho hello\n".utf8)) == nil)
        #expect(TerminfoDatabase.parse(Array(Self.legacyEntry(colors: 8, pairs: 64).prefix(20)))?.colors == nil)
    }

    @Test func readsTheSystemXterm256ColorEntryWhenInstalled() throws {
        let database = TerminfoDatabase(environment: ["HOME": "/nonexistent"])
        guard let path = database.locate("xterm-256color"), let data = FileManager.default.contents(atPath: path) else { return }
        let capabilities = try #require(TerminfoDatabase.parse(Array(data)))
        #expect(capabilities.colors == 256)
        #expect((capabilities.pairs ?? 0) >= 256)
    }

    @Test func searchesTheUsersDirectoriesFirst() {
        let database = TerminfoDatabase(environment: ["TERMINFO": "/opt/ti", "HOME": "/home/op", "TERMINFO_DIRS": "/a:/b"])
        #expect(Array(database.searchDirectories.prefix(4)) == ["/opt/ti", "/home/op/.terminfo", "/a", "/b"])
        #expect(database.locate("xterm", fileExists: { $0 == "/b/x/xterm" }) == "/b/x/xterm")
        #expect(database.locate("xterm", fileExists: { $0 == "/a/78/xterm" }) == "/a/78/xterm")
        #expect(database.locate("../../etc/passwd", fileExists: { _ in true }) == nil)
        #expect(database.locate("", fileExists: { _ in true }) == nil)
    }

    @Test func reportShowsAFixUnderEachProblemAndFailsOnFailures() {
        let findings = [
            DoctorFinding(.ok, "TERM", "xterm-256color"),
            DoctorFinding(.warning, "locale", "codeset ANSI_X3.4-1968", fix: "export LANG=C.UTF-8"),
            DoctorFinding(.failure, "TLS", "not trusted\u{1B}[2J", fix: "pass --ca-file"),
        ]
        let text = DoctorReport.render(findings, color: false)
        #expect(text == """
            OK    TERM         xterm-256color
            WARN  locale       codeset ANSI_X3.4-1968
                               fix: export LANG=C.UTF-8
            FAIL  TLS          not trusted
                               fix: pass --ca-file

            """)
        #expect(DoctorReport.exitStatus(findings) == 1)
        #expect(DoctorReport.exitStatus(Array(findings.prefix(2))) == 0)
        #expect(DoctorReport.render(findings, color: true).contains("\u{1B}[31;1mFAIL \u{1B}[0m"))
    }
}
