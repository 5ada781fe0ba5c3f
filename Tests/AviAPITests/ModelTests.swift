import AviAPI
import Foundation
import Testing

@Suite("Models and formats")
struct ModelTests {
    @Test func controllerDatesAreUTC() throws {
        let date = try #require(AviDate.parse("2027-06-11 04:44:28"))
        #expect(AviDate.rfc3339(date) == "2027-06-11T04:44:28Z")
        #expect(AviDate.controllerFormat(date) == "2027-06-11 04:44:28")
        #expect(AviDate.parse("2024-09-10T13:55:18.725859+00:00") != nil)
        #expect(AviDate.parse("2024-09-10T15:55:18+02:00") == AviDate.parse("2024-09-10 13:55:18"))
        #expect(AviDate.parse("yesterday") == nil)
        #expect(AviDate.parse("2027-13-11 04:44:28") == nil)
    }

    @Test func daysLeftComesFromNotAfterNotTheControllersField() throws {
        let json = #"{"uuid":"c1","name":"a","certificate":{"not_after":"2026-12-01 00:00:00","days_until_expire":365}}"#
        let certificate = try JSONDecoder().decode(SSLKeyAndCertificate.self, from: Data(json.utf8))
        let now = try #require(AviDate.parse("2026-11-22 12:00:00"))
        #expect(certificate.daysLeft(now: now) == 8)
        #expect(certificate.hasKey == false)
        let expiredNow = try #require(AviDate.parse("2026-12-03 00:00:00"))
        #expect(certificate.daysLeft(now: expiredNow) == -2)
    }

    @Test func unknownEnumValuesAreKept() throws {
        let json = #"{"uuid":"se-1","name":"se-1","status":"SECURE_CHANNEL_NEW_STATE","is_controller":false}"#
        let mapping = try JSONDecoder().decode(SecureChannelMapping.self, from: Data(json.utf8))
        #expect(mapping.status.rawValue == "SECURE_CHANNEL_NEW_STATE")
        #expect(!mapping.status.isKnown)
        #expect(SecureChannelStatus.authSSHSuccess.isKnown)
    }

    @Test func referencesParseEveryForm() {
        let full = AviRef("https://10.0.0.1/api/sslkeyandcertificate/sslkeyandcertificate-1#My%20Cert")
        #expect(full.type == "sslkeyandcertificate" && full.uuid == "sslkeyandcertificate-1" && full.name == "My Cert")
        let byName = AviRef("/api/sslkeyandcertificate?name=System-Default-Portal-Cert")
        #expect(byName.uuid == nil && byName.name == "System-Default-Portal-Cert")
        #expect(AviRef("/api/cloud/cloud-1").relativePath == "/api/cloud/cloud-1")
        let query = AviRef("https://c/api/cloud?tenant=admin&name=Default%2DCloud#ignored")
        #expect(query.type == "cloud" && query.uuid == nil && query.name == "Default-Cloud")
        let unicode = AviRef("https://c/api/serviceenginegroup/serviceenginegroup-9#Grüppe ✓")
        #expect(unicode.type == "serviceenginegroup" && unicode.uuid == "serviceenginegroup-9" && unicode.name == "Grüppe ✓")
        let bare = AviRef("cloud/cloud-2")
        #expect(bare.type == "cloud" && bare.uuid == "cloud-2" && bare.name == nil)
        #expect(AviRef("").type == "" && AviRef("").uuid == nil)
    }

    @Test func controllerAddressesParse() throws {
        let urls = try ConnectionSettings.parseControllers("10.0.0.5, https://ctl.example:8443/ui ,ctl2")
        #expect(urls.map(\.absoluteString) == ["https://10.0.0.5", "https://ctl.example:8443", "https://ctl2"])
        #expect(throws: AviError.self) { try ConnectionSettings.parseControllers(" , ") }
        #expect(throws: AviError.self) { try ConnectionSettings.parseControllers("ftp://x") }
    }
}
