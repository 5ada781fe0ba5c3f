import Testing
@testable import TerminalUI

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

    @Test func asciiFallbackKeepsAlignment() {
        #expect(SafeText.asciiFallback("日本") == "????")
        #expect(SafeText.asciiFallback("┌─┐│└┘") == "+-+|++")
        #expect(SafeText.asciiFallback("é") == "?")
        #expect(SafeText.asciiFallback("abc…") == "abc.")
        #expect(DisplayWidth.of(SafeText.asciiFallback("名前😀x")) == DisplayWidth.of("名前😀x"))
    }
}
