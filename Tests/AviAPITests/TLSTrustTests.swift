import AviAPI
import Foundation
import Testing

@Suite("TLS trust against the simulator")
struct TLSTrustTests {
    @Test func untrustedCertificateIsRefusedWithAClearMessage() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = AviClient(settings: fixture.settings(trust: .system))
        await #expect {
            try await client.session.connect()
        } throws: { error in
            let text = "\(error)"
            return text.contains("is not trusted") && text.contains("--ca-file or --pin")
        }
        #expect(fixture.simulator.mutatingRequests().isEmpty, "nothing may reach the server over an untrusted connection")
    }

    @Test func correctPinIsAccepted() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let trust = TLSTrust(pins: [fixture.endpoint.controllerPublicKeyPin])
        let client = AviClient(settings: fixture.settings(trust: trust))
        let runtime = try await client.clusterRuntime()
        #expect(!runtime.nodeStates.isEmpty)
    }

    @Test func wrongPinIsRefused() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let wrong = "sha256//" + Data(repeating: 7, count: 32).base64EncodedString()
        let client = AviClient(settings: fixture.settings(trust: TLSTrust(caFile: fixture.endpoint.caFile.path, pins: [wrong])))
        await #expect {
            try await client.session.connect()
        } throws: { error in
            guard case .pinMismatch = error as? AviError else { return false }
            return true
        }
    }

    @Test func pinSyntaxIsChecked() {
        #expect(TLSTrust.validatePin("sha256//" + Data(repeating: 1, count: 32).base64EncodedString()))
        #expect(!TLSTrust.validatePin("sha1//abc"))
        #expect(!TLSTrust.validatePin("sha256//notbase64!"))
    }
}
