import Foundation
import Testing
import X509
@testable import Simulator

/// Issue 9 item 23: the certificate JSON says the same dates as the PEM it carries, to the
/// second (the official SDK's checks compare them). The PEM is parsed here with X509, not
/// with the simulator's own parser.
@Suite("certificate dates match the PEM")
struct CertificateDateTests {
    /// `2026-05-28 20:26:40` from the PEM's own validity.
    static func spaced(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    static func expectDatesMatchPEM(_ object: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let certificate = object.dict("certificate")
        let pem = try #require(certificate.string("certificate"), "no PEM in \(object.string("name") ?? "?")", sourceLocation: sourceLocation)
        let parsed = try Certificate(pemEncoded: pem)
        let name = object.string("name") ?? "?"
        #expect(certificate.string("not_after") == spaced(parsed.notValidAfter), "\(name) not_after", sourceLocation: sourceLocation)
        #expect(certificate.string("not_before") == spaced(parsed.notValidBefore), "\(name) not_before", sourceLocation: sourceLocation)
    }

    @Test("seeded certificates: JSON dates are the PEM's, even when the clock has a fraction of a second")
    func seededDatesComeFromThePEM() async throws {
        let sim = try await Sim.start { $0.now = Sim.fixedNow.addingTimeInterval(0.75) }
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let objects = try client.get("/api/sslkeyandcertificate?page_size=200").json.list("results")
        #expect(objects.count >= 20)
        for object in objects { try Self.expectDatesMatchPEM(object) }
    }

    @Test("a self-signed certificate created now: JSON dates are the PEM's")
    func selfSignedDatesComeFromThePEM() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        for index in 0..<3 {
            let created = try client.send("POST", "/api/sslkeyandcertificate", json: [
                "name": "date-check-\(index)", "type": "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE",
                "certificate": ["self_signed": true, "subject": ["common_name": "date-check-\(index)"], "days_until_expire": 30],
                "key_params": ["algorithm": "SSL_KEY_ALGORITHM_EC", "ec_params": ["curve": "SSL_KEY_EC_CURVE_SECP256R1"]],
            ] as [String: Any])
            try #require(created.status == 201 || created.status == 200, "\(created.text)")
            let uuid = try #require(created.json.string("uuid"))
            try Self.expectDatesMatchPEM(try client.get("/api/sslkeyandcertificate/\(uuid)").json)
        }
    }
}
