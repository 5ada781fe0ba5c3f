import Foundation
import Testing
@testable import Console

@Suite struct SafeTextTests {
    /// No scalar that a terminal would act on survives.
    func assertInert(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            #expect(!(v < 0x20 || (v >= 0x7F && v < 0xA0)), "control U+\(String(v, radix: 16)) left in \(text.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    @Test func clearScreenSequenceIsRemovedWhole() {
        let out = SafeText.sanitize("web\u{1B}[2J\u{1B}[Hserver")
        #expect(out == "webserver")
    }

    @Test func osc52ClipboardWriteIsRemoved() {
        let bel = SafeText.sanitize("a\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}b")
        let st = SafeText.sanitize("a\u{1B}]52;c;ZWNobyBwd25lZA==\u{1B}\\b")
        #expect(bel == "ab")
        #expect(st == "ab")
    }

    @Test func oscTitleAndDcsAreRemoved() {
        #expect(SafeText.sanitize("x\u{1B}]0;pwned\u{07}y") == "xy")
        #expect(SafeText.sanitize("x\u{1B}P+q544e\u{1B}\\y") == "xy")
    }

    @Test func c1ControlSequenceIntroducerIsRemoved() {
        // U+009B is a one-byte CSI for terminals that honour C1.
        let out = SafeText.sanitize("vs\u{9B}31mred")
        #expect(out == "vsred")
        #expect(SafeText.sanitize("a\u{9D}0;t\u{9C}b") == "ab")
    }

    @Test func nulBelAndDelBecomeReplacement() {
        let out = SafeText.sanitize("a\u{0}b\u{7}c\u{7F}d")
        #expect(out == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
    }

    @Test func newlinesAndTabsBecomeSpaces() {
        #expect(SafeText.sanitize("a\nb\tc\r\nd") == "a b c  d")
    }

    @Test func bidiOverridesAndIsolatesAreRemoved() {
        let spoof = "cert\u{202E}txt.exe\u{202C}"
        #expect(SafeText.sanitize(spoof) == "certtxt.exe")
        #expect(SafeText.sanitize("a\u{2066}b\u{2069}c\u{200F}d\u{061C}e") == "abcde")
    }

    @Test func invisibleFormatCharactersAreRemoved() {
        #expect(SafeText.sanitize("ad\u{200B}min") == "admin")
        #expect(SafeText.sanitize("\u{FEFF}bom") == "bom")
        #expect(SafeText.sanitize("tag\u{E0041}\u{E0042}") == "tag")
        #expect(SafeText.sanitize("👍\u{FE0F}") == "👍")
    }

    @Test func unterminatedStringSequenceRemovesTheRest() {
        #expect(SafeText.sanitize("ok\u{1B}]52;c;AAAA") == "ok")
    }

    @Test func loneAndTwoByteEscapesAreRemoved() {
        #expect(SafeText.sanitize("a\u{1B}cb") == "ab")      // RIS (full reset)
        #expect(SafeText.sanitize("a\u{1B}(Bb") == "ab")     // charset designation
        #expect(SafeText.sanitize("a\u{1B}") == "a")
    }

    @Test func plainAndInternationalTextIsUnchanged() {
        for text in ["System-Default-Portal-Cert", "日本語の証明書", "Zürich café", "😀 ok"] {
            #expect(SafeText.sanitize(text) == text)
            #expect(!SafeText.needsSanitizing(text))
        }
    }

    @Test func hostileStringsComeOutInert() {
        let hostile = [
            "\u{1B}[2J\u{1B}[3J", "\u{1B}]52;c;cm0gLXJmIH4=\u{07}", "\u{9B}6n", "\u{0}\u{7}\u{8}",
            "\u{1B}[?1049h\u{1B}[?25l", "\u{90}q\u{9C}", "x\u{85}y", "\u{1B}[38;2;255;0;0mred",
        ]
        for text in hostile { assertInert(SafeText.sanitize(text)) }
    }

    /// Issue 9 item 20: the corpus on which the two former sanitizers disagreed. Nothing a
    /// terminal acts on, no bidi control, no invisible format character and no string-sequence
    /// payload survives.
    static let hostileCorpus: [(input: String, expected: String)] = [
        ("a\u{9B}31mb", "ab"),                          // C1 CSI with its parameters
        ("a\u{90}1$r\u{9C}b", "ab"),                   // C1 DCS payload up to ST
        ("a\u{1B}P1$rpayload\u{1B}\\b", "ab"),          // DCS payload up to ESC \
        ("a\u{9D}0;title\u{7}b", "ab"),                // C1 OSC
        ("a\u{9E}pm\u{9C}b", "ab"),                    // C1 PM
        ("a\u{9F}apc\u{9C}b", "ab"),                   // C1 APC
        ("a\u{98}sos\u{9C}b", "ab"),                   // C1 SOS
        ("cert\u{202E}gpj.exe", "certgpj.exe"),         // RLO
        ("ad\u{200B}min", "admin"),                     // ZWSP
        ("\u{FEFF}name", "name"),                       // BOM
        ("a\u{85}b", "a b"),                            // NEL
        ("a\u{1B}[2Jb", "ab"),                          // ESC CSI
        ("a\u{0}b", "a\u{FFFD}b"),                       // NUL is shown, not hidden
    ]

    @Test func hostileCorpusComesOutAsExpected() {
        for (input, expected) in Self.hostileCorpus {
            let output = SafeText.sanitize(input)
            #expect(output == expected, "\(input.debugDescription) → \(output.debugDescription)")
            assertInert(output)
            #expect(!output.unicodeScalars.contains { $0.properties.generalCategory == .format }, "\(output.debugDescription)")
        }
    }
}

/// Issue 9 item 20: JSON output keeps the controller's text but escapes every control, bidi
/// and invisible character, so nothing in it acts on the terminal.
@Suite struct JSONTextTests {
    @Test func c1BidiAndInvisibleCharactersAreEscaped() throws {
        let original = "a\u{9B}31mb\u{202E}c\u{200B}d\u{FEFF}e\u{85}f\u{7F}g\u{E0041}h"
        let encoded = try JSONEncoder().encode(["summary": original])
        let escaped = JSONText.escapingUnsafe(encoded)
        let text = String(decoding: escaped, as: UTF8.self)
        for raw in ["\u{9B}", "\u{202E}", "\u{200B}", "\u{FEFF}", "\u{85}", "\u{7F}", "\u{E0041}"] {
            #expect(!text.contains(raw), "\(raw.debugDescription) left raw in \(text)")
        }
        #expect(text.contains("\\u009b") && text.contains("\\u202e") && text.contains("\\udb40\\udc41"), "\(text)")
        // jq (and any JSON reader) gets the controller's exact text back.
        let decoded = try JSONDecoder().decode([String: String].self, from: escaped)
        #expect(decoded["summary"] == original)
    }

    @Test func plainAndInternationalTextIsUntouched() throws {
        let encoded = try JSONEncoder().encode(["name": "Zürich 日本 😀 ok"])
        #expect(JSONText.escapingUnsafe(encoded) == encoded)
    }

    @Test func statusJSONEscapesAlertText() throws {
        var snapshot = CheckFixtures.snapshot()
        snapshot.alerts = Resource(value: [try CheckFixtures.alert("a1", summary: "evil\u{9B}2J\u{202E}txt")], fetchedAt: CheckFixtures.now)
        let text = String(decoding: try StatusReport(snapshot, now: CheckFixtures.now).json(), as: UTF8.self)
        #expect(!text.contains("\u{9B}") && !text.contains("\u{202E}"))
        #expect(text.contains("evil\\u009b2J\\u202etxt"), "\(text)")
        let line = AlertLine.json(try CheckFixtures.alert("a1", summary: "evil\u{9B}2J\u{202E}txt"))
        #expect(!line.contains("\u{9B}") && line.contains("\\u009b"), "\(line)")
    }
}
