import AviAPI
import Foundation
import Testing

@Suite("The write guard")
struct WriteGuardTests {
    @Test func readOnlyRefusesWritesBeforeSendingAndTheSimulatorSeesNone() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let log = RequestLog()
        let client = fixture.client(readOnly: true, log: log)
        let config = try await client.systemConfiguration()
        await #expect(throws: AviError.readOnly(method: "PUT", path: "/api/systemconfiguration")) {
            _ = try await client.putSystemConfiguration(config)
        }
        await #expect(throws: AviError.self) {
            _ = try await client.createCertificate(.object(["name": .string("x")]))
        }
        for method in [HTTPMethod.patch, .delete, .post] {
            await #expect(throws: AviError.self) { _ = try await client.session.send(method, "/api/systemconfiguration") }
        }
        _ = try await client.certificates()
        await client.session.logout()
        #expect(fixture.stateChangingRequests.isEmpty, "read-only mode sent \(fixture.stateChangingRequests.map { "\($0.method) \($0.path)" })")
        #expect(log.counts.refused >= 5)
        #expect(log.snapshot().allSatisfy { $0.refused || $0.method == .get || $0.path == "/login" || $0.path == "/logout" })
    }

    @Test func systemDefaultObjectsAreNeverWritten() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let before = fixture.simulator.storedObjectJSON(type: "sslkeyandcertificate", name: "System-Default-Secure-Channel-Cert")
        let target = try #require(try await client.certificate(named: "System-Default-Secure-Channel-Cert"))
        let raw = try await client.rawCertificate(uuid: target.uuid)
        let body = try raw.encoded()
        for method in [HTTPMethod.put, .patch, .delete] {
            await #expect {
                _ = try await client.session.send(method, "/api/sslkeyandcertificate/\(target.uuid)", body: method == .delete ? nil : body)
            } throws: { error in
                guard case .protectedObject = error as? AviError else { return false }
                return true
            }
        }
        // By name, and a PUT whose body names a default object, are refused too.
        await #expect(throws: AviError.self) {
            _ = try await client.session.send(.delete, "/api/sslkeyandcertificate",
                                              query: [URLQueryItem(name: "name", value: "System-Default-Portal-Cert")])
        }
        #expect(fixture.stateChangingRequests.isEmpty)
        #expect(fixture.simulator.storedObjectJSON(type: "sslkeyandcertificate", name: "System-Default-Secure-Channel-Cert") == before)
    }

    @Test func guardRulesWithoutANetwork() throws {
        let url = URL(string: "https://c/api/systemconfiguration")!
        let readOnly = WriteGuard(readOnly: true)
        #expect(throws: AviError.self) { try readOnly.check(method: .put, url: url, body: nil, objectName: nil) }
        try readOnly.check(method: .get, url: url, body: nil, objectName: nil)
        try readOnly.check(method: .post, url: URL(string: "https://c/login")!, body: nil, objectName: nil)
        try readOnly.check(method: .post, url: URL(string: "https://c/logout")!, body: nil, objectName: nil)
        let normal = WriteGuard(readOnly: false)
        try normal.check(method: .put, url: url, body: nil, objectName: nil)
        #expect(throws: AviError.self) {
            try normal.check(method: .patch, url: URL(string: "https://c/api/sslkeyandcertificate/x")!, body: nil,
                             objectName: "System-Default-Cert")
        }
        let body = Data(#"{"name": "System-Default-Root-CA", "type": "SSL_CERTIFICATE_TYPE_CA"}"#.utf8)
        #expect(throws: AviError.self) {
            try normal.check(method: .put, url: URL(string: "https://c/api/sslkeyandcertificate/x")!, body: body, objectName: nil)
        }
    }
}
