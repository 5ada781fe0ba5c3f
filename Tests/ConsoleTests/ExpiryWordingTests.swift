import AviAPI
import Console
import Foundation
import Testing

/// Issue 9 item 15: the words follow the real distance — a certificate that expired five
/// hours ago "expired 5 h ago", in `check`, `status` and `rotate` alike.
/// Issue 9 item 19: `check certs` with no dated certificate is UNKNOWN.
@Suite struct ExpiryWordingTests {
    let now = CheckFixtures.now

    /// A certificate whose not-after is `seconds` from now (exactly).
    func certificate(_ name: String, in seconds: TimeInterval) throws -> SSLKeyAndCertificate {
        let notAfter = AviDate.controllerFormat(now.addingTimeInterval(seconds))
        return try CheckFixtures.decode(SSLKeyAndCertificate.self, #"""
            {"uuid":"sslkeyandcertificate-\#(name)","name":"\#(name)","type":"SSL_CERTIFICATE_TYPE_VIRTUALSERVICE",
             "certificate":{"not_after":"\#(notAfter)","not_before":"2020-01-01 00:00:00"}}
            """#)
    }

    func snapshot(_ certificates: [SSLKeyAndCertificate]) -> Snapshot {
        var snapshot = CheckFixtures.snapshot()
        snapshot.certificates = Resource(value: certificates, fetchedAt: now)
        return snapshot
    }

    @Test func distancesAreRoundedDownInTheirOwnUnit() {
        #expect(ExpiryText.distance(42) == "42 s")
        #expect(ExpiryText.distance(-5 * 60 - 20) == "5 min")
        #expect(ExpiryText.distance(-5 * 3600 - 120) == "5 h")
        #expect(ExpiryText.distance(86_399) == "23 h")
        #expect(ExpiryText.distance(-(2 * 86_400 + 3600)) == "2 d")
        #expect(ExpiryText.relative(notAfter: now.addingTimeInterval(-5 * 3600), now: now) == "expired 5 h ago")
        #expect(ExpiryText.left(notAfter: now.addingTimeInterval(12 * 86_400 + 60), now: now) == "12 d left")
    }

    @Test func checkSaysHoursForACertificateThatExpiredToday() throws {
        let snapshot = snapshot([try certificate("today", in: -5 * 3600 - 60), try certificate("fine", in: 300 * 86_400)])
        let result = CertificateCheck().evaluate(snapshot, now: now)
        #expect(result.status == .critical)
        #expect(result.summary.hasPrefix("1 certificate has expired: today (5 h ago)"), "\(result.summary)")
        #expect(result.details.first?.hasPrefix("CRITICAL: today expired 5 h ago") == true, "\(result.details)")
        #expect(!result.output.contains("1 d ago"))
    }

    @Test func checkSaysHoursForACertificateThatExpiresToday() throws {
        let result = CertificateCheck().evaluate(snapshot([try certificate("tonight", in: 5 * 3600 + 60)]), now: now)
        #expect(result.summary.hasPrefix("1 certificate expires within 7 days: tonight (5 h)"), "\(result.summary)")
        #expect(result.details.first?.hasPrefix("CRITICAL: tonight expires in 5 h") == true, "\(result.details)")
    }

    @Test func statusSaysHours() throws {
        let text = StatusText.render(snapshot([try certificate("today", in: -5 * 3600 - 60)]), now: now, color: false)
        #expect(text.contains("today  expired 5 h ago"), "\(text)")
    }

    @Test func rotateSaysHours() throws {
        #expect(RotationText.expiry(try certificate("today", in: -5 * 3600 - 60), now: now).hasPrefix("EXPIRED 5 h ago"))
        #expect(RotationText.expiry(try certificate("soon", in: 5 * 3600 + 60), now: now).hasSuffix(", 5 h left"))
    }

    @Test func noDatedCertificateIsUnknown() throws {
        let result = CertificateCheck().evaluate(try CheckFixtures.certificates([("a", nil), ("b", nil)]), now: now)
        #expect(result.status == .unknown, "\(result.statusLine)")
        #expect(result.status.exitCode == 3)
        #expect(result.summary.contains("no certificate has an expiry date"))
    }

    @Test func anUndatedSecureChannelCertificateIsUnknown() throws {
        var snapshot = try CheckFixtures.certificates([("channel", nil), ("fine", 300)])
        snapshot.systemConfiguration = Resource(value: SystemConfiguration(raw: try CheckFixtures.decode(JSONValue.self, #"""
            {"uuid":"default","secure_channel_configuration":{"sslkeyandcertificate_refs":["/api/sslkeyandcertificate/sslkeyandcertificate-channel"]}}
            """#)), fetchedAt: now)
        snapshot.deriveIndexes()
        let result = CertificateCheck().evaluate(snapshot, now: now)
        #expect(result.status == .unknown, "\(result.statusLine)")
        #expect(result.summary.contains("the secure-channel certificate channel has no expiry date"), "\(result.summary)")
    }
}
