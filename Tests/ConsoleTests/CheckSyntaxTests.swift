import Console
import Testing

@Suite("check syntax: perfdata, ranges, globs")
struct CheckSyntaxTests {
    @Test func perfDataFollowsTheGuidelines() {
        #expect(PerfDatum("expired", 0).text == "expired=0;;;0")
        #expect(PerfDatum("time", 1.25, unit: "s", minimum: nil).text == "time=1.25s")
        #expect(PerfDatum("a b", 3, warning: "1", critical: "2", maximum: 9).text == "'a b'=3;1;2;0;9")
        #expect(PerfDatum("it's", 1, minimum: nil).text == "'it''s'=1")
        #expect(PerfDatum("x=y", 1, minimum: nil).text == "'x_y'=1")
    }

    @Test func rangesAlertAsTheGuidelinesSay() throws {
        func range(_ text: String) throws -> ThresholdRange { try #require(ThresholdRange(parsing: text)) }
        #expect(try range("10").alerts(11))
        #expect(try !range("10").alerts(10))
        #expect(try range("10").alerts(-1))
        #expect(try range("10:").alerts(9))
        #expect(try !range("10:").alerts(1000))
        #expect(try range("~:10").alerts(11))
        #expect(try !range("~:10").alerts(-100))
        #expect(try range("10:20").alerts(21))
        #expect(try !range("10:20").alerts(15))
        #expect(try range("@10:20").alerts(15))
        #expect(try !range("@10:20").alerts(9))
        #expect(ThresholdRange(parsing: "abc") == nil)
        #expect(ThresholdRange(parsing: "20:10") == nil)
        #expect(ThresholdRange(parsing: "") == nil)
        #expect(try range("2").description == "2")
        #expect(try range("@1:3").description == "@1:3")
        #expect(try range("5:").description == "5:")
    }

    @Test func globsMatchLikeTheShell() {
        #expect(NamePattern("web-*").matches("web-prod"))
        #expect(!NamePattern("web-*").matches("api-web-prod"))
        #expect(NamePattern("*prod*").matches("api-prod-eu"))
        #expect(NamePattern("se-?").matches("se-1"))
        #expect(!NamePattern("se-?").matches("se-10"))
        #expect(NamePattern("se-[0-4]").matches("se-3"))
        #expect(!NamePattern("se-[!0-4]").matches("se-3"))
        #expect(NamePattern("a\\*").matches("a*"))
        #expect(!NamePattern("a\\*").matches("ab"))
        #expect(NamePattern("[").matches("["))
        #expect(NamePattern("*").matches(""))
        #expect(!NamePattern("Web*").matches("web"))
        #expect(NamePattern("*a*b*c").matches("xxaxxbxxbc"))
        #expect(NamePattern("証明書-*").matches("証明書-本番"))
    }

    @Test func filterIncludesThenExcludes() {
        let filter = NameFilter(include: ["a*", "b*"], exclude: ["*test"])
        #expect(filter.accepts("alpha"))
        #expect(filter.accepts("beta"))
        #expect(!filter.accepts("atest"))
        #expect(!filter.accepts("gamma"))
        #expect(NameFilter().accepts("anything"))
    }
}
