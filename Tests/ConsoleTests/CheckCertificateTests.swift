import AviAPI
import Console
import Foundation
import Testing

@Suite("check certs")
struct CheckCertificateTests {
    let now = CheckFixtures.now

    @Test func allGoodIsOKWithPerfData() throws {
        let snapshot = try CheckFixtures.certificates([("a", 100), ("b", 400)])
        let result = CertificateCheck().evaluate(snapshot, now: now)
        #expect(result.status == .ok)
        #expect(result.statusLine ==
            "AVI CERTS OK - 2 certificates, none expires within 30 days; next: a in 100 d | expired=0;;;0 within_7d=0;;;0 within_30d=0;;;0 total=2;;;0 min_days_left=100;30:;7:")
    }

    @Test func withinWarningIsWarningListingNamesSoonestFirst() throws {
        let snapshot = try CheckFixtures.certificates([("b", 25), ("a", 12), ("far", 300)])
        let result = CertificateCheck().evaluate(snapshot, now: now)
        #expect(result.status == .warning)
        #expect(result.status.exitCode == 1)
        #expect(result.statusLine.hasPrefix("AVI CERTS WARNING - 2 certificates expire within 30 days: a (12 d), b (25 d) | expired=0;;;0 within_7d=0;;;0 within_30d=2;;;0 total=3;;;0"))
        #expect(result.details == [
            "WARNING: a expires in 12 d (not after \(AviDate.rfc3339(now.addingTimeInterval(12 * 86_400 + 3600))))",
            "WARNING: b expires in 25 d (not after \(AviDate.rfc3339(now.addingTimeInterval(25 * 86_400 + 3600))))",
        ])
    }

    @Test func expiringIn5DaysIsCritical() throws {
        let result = CertificateCheck().evaluate(try CheckFixtures.certificates([("soon", 5), ("ok", 90)]), now: now)
        #expect(result.status == .critical)
        #expect(result.status.exitCode == 2)
        #expect(result.statusLine.hasPrefix("AVI CERTS CRITICAL - 1 certificate expires within 7 days: soon (5 d) |"))
    }

    @Test func expiredIsCriticalAndComesFirst() throws {
        let result = CertificateCheck().evaluate(try CheckFixtures.certificates([("late", 20), ("old", -3), ("soon", 2)]), now: now)
        #expect(result.status == .critical)
        #expect(result.summary == "1 certificate has expired: old (2 d ago); 1 certificate expires within 7 days: soon (2 d); 1 certificate expires within 30 days: late (20 d)")
        #expect(result.perfData.map(\.text).prefix(3) == ["expired=1;;;0", "within_7d=1;;;0", "within_30d=1;;;0"])
    }

    @Test func thresholdsAreConfigurableAndNameThePerfData() throws {
        let snapshot = try CheckFixtures.certificates([("a", 50), ("b", 10)])
        let result = CertificateCheck(warningDays: 60, criticalDays: 14).evaluate(snapshot, now: now)
        #expect(result.status == .critical)
        #expect(result.statusLine.contains("within_14d=1;;;0 within_60d=1;;;0"))
        #expect(CertificateCheck(warningDays: 5, criticalDays: 2).evaluate(snapshot, now: now).status == .ok)
        #expect(CertificateCheck(warningDays: 5, criticalDays: 10).validate() != nil)
        #expect(CertificateCheck(warningDays: -1, criticalDays: -1).validate() != nil)
        #expect(CertificateCheck().validate() == nil)
    }

    @Test func includeAndExcludeByGlob() throws {
        let snapshot = try CheckFixtures.certificates([("System-Default-Cert", -10), ("web-prod", 5), ("web-test", 20), ("api", 100)])
        let check = CertificateCheck(filter: NameFilter(include: ["web-*"], exclude: ["*-test"]))
        let result = check.evaluate(snapshot, now: now)
        #expect(result.summary == "1 certificate expires within 7 days: web-prod (5 d)")
        #expect(result.statusLine.contains("total=1;;;0"))
        let quiet = CertificateCheck(filter: NameFilter(exclude: ["System-Default-*", "web-*"])).evaluate(snapshot, now: now)
        #expect(quiet.status == .ok)
        #expect(quiet.summary.hasPrefix("1 of 4 certificates checked, none expires within 30 days"))
    }

    @Test func filterMatchingNothingIsUnknown() throws {
        let result = CertificateCheck(filter: NameFilter(include: ["nope*"])).evaluate(try CheckFixtures.certificates([("a", 1)]), now: now)
        #expect(result.status == .unknown)
        #expect(result.statusLine == "AVI CERTS UNKNOWN - no certificate matches --include/--exclude (1 on the controller)")
    }

    @Test func unreadableCertificatesAreUnknown() {
        var snapshot = CheckFixtures.snapshot()
        snapshot.certificates = Resource(failure: .unreachable(host: "10.0.0.5", detail: "connection refused"))
        let result = CertificateCheck().evaluate(snapshot, now: now)
        #expect(result.status == .unknown)
        #expect(result.status.exitCode == 3)
        #expect(result.statusLine.hasPrefix("AVI CERTS UNKNOWN - cannot read the certificates: cannot reach 10.0.0.5: connection refused"))
    }

    @Test func manyNamesAreCutInTheStatusLineButNotInTheDetails() throws {
        let items: [(String, Double?)] = (1...8).map { ("c\($0)", Double(10 + $0)) }
        let result = CertificateCheck().evaluate(try CheckFixtures.certificates(items), now: now)
        #expect(result.summary.hasSuffix("c5 (15 d) and 3 more"))
        #expect(result.details.count == 8)
    }

    @Test func hostileNamesCannotBreakTheStatusLine() throws {
        let result = CertificateCheck().evaluate(try CheckFixtures.certificates([("evil|x=1\\u001b[2J", 3)]), now: now)
        let line = result.statusLine
        #expect(!line.contains("\u{1B}"))
        #expect(line.components(separatedBy: " | ").count == 2)
        #expect(!result.output.dropLast().contains("\n\n"))
    }

    @Test func undatedCertificatesAreCountedNotAlarming() throws {
        let result = CertificateCheck().evaluate(try CheckFixtures.certificates([("csr", nil), ("a", 200)]), now: now)
        #expect(result.status == .ok)
        #expect(result.summary.hasSuffix("; 1 without an expiry date"))
    }
}
