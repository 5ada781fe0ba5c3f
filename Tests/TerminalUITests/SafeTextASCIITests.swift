import Console
import Testing
@testable import TerminalUI

@Suite struct SafeTextASCIITests {
    @Test func asciiFallbackKeepsAlignment() {
        #expect(SafeText.asciiFallback("日本") == "????")
        #expect(SafeText.asciiFallback("┌─┐│└┘") == "+-+|++")
        #expect(SafeText.asciiFallback("é") == "?")
        #expect(SafeText.asciiFallback("abc…") == "abc.")
        #expect(DisplayWidth.of(SafeText.asciiFallback("名前😀x")) == DisplayWidth.of("名前😀x"))
    }
}
