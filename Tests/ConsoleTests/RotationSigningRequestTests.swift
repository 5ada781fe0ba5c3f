import AviAPI
@testable import Console
import Foundation
import Simulator
import Testing

/// The key never leaves the controller: CSR made there, signed by a local CA made with openssl.
@Suite("Rotation: CSR on the controller, completed, then rotated to; critical days; unverified controllers")
struct RotationSigningRequestTests {
    /// A throwaway CA made by the `openssl` CLI, and a way to sign CSRs with it.
    struct LocalCA {
        let directory: URL
        var certificate: URL { directory.appendingPathComponent("ca.pem") }

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-ca-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Self.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", directory.appendingPathComponent("ca.key").path,
                              "-out", certificate.path, "-days", "30", "-subj", "/O=avitui tests/CN=avitui test CA",
                              "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
            try "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n"
                .write(to: directory.appendingPathComponent("leaf.ext"), atomically: true, encoding: .utf8)
        }

        func sign(csr: String, days: Int = 365) throws -> String {
            let input = directory.appendingPathComponent("request-\(UUID().uuidString).csr")
            let output = directory.appendingPathComponent("signed-\(UUID().uuidString).pem")
            try csr.write(to: input, atomically: true, encoding: .utf8)
            try Self.openssl(["x509", "-req", "-in", input.path, "-CA", certificate.path, "-CAkey", directory.appendingPathComponent("ca.key").path,
                              "-CAcreateserial", "-days", "\(days)", "-sha256", "-extfile", directory.appendingPathComponent("leaf.ext").path,
                              "-out", output.path])
            return try String(contentsOf: output, encoding: .utf8)
        }

        /// A CSR for a key the controller does not hold.
        func foreignCSR() throws -> String {
            let out = directory.appendingPathComponent("foreign.csr")
            try Self.openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", directory.appendingPathComponent("foreign.key").path,
                              "-subj", "/CN=foreign.test", "-out", out.path])
            return try String(contentsOf: out, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }

        static func openssl(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
    }

    @Test("CSR made on the controller (pending, no dates), signed by a local openssl CA, completed with its chain, then rotated to and verified")
    func endToEnd() async throws {
        let fixture = try await RotationFixture.start()
        let ca = try LocalCA()
        defer { ca.remove() }
        let executor = fixture.executor()
        let made = try await executor.createSigningRequest(name: "sc-from-csr", subject: "CN=avi.example.test, O=Example, C=US")
        #expect(made.csrPEM.contains("BEGIN CERTIFICATE REQUEST"))
        let pending = try #require(try await fixture.client().certificate(named: "sc-from-csr"))
        #expect(pending.status == "SSL_CERTIFICATE_PENDING")
        #expect(pending.notAfter == nil, "no dates until the certificate arrives")
        #expect(pending.key == "<sensitive>", "the key stays on the controller")
        #expect(RotationCandidate(pending, inUseUUID: nil, now: Date()).isUsable == false, "pending objects are not candidates")

        // A certificate made from another key is refused before anything is sent.
        let foreign = try ca.sign(csr: try ca.foreignCSR())
        let writesBefore = fixture.stateChangingRequests.count
        await #expect(throws: SigningRequestError.mismatch("sc-from-csr")) {
            _ = try await executor.completeSigningRequest(name: "sc-from-csr", certificatePEM: foreign, chainPEM: nil, certificateSource: "foreign.pem")
        }
        #expect(fixture.stateChangingRequests.count == writesBefore)

        let signed = try ca.sign(csr: made.csrPEM)
        let chain = try String(contentsOf: ca.certificate, encoding: .utf8)
        let done = try await executor.completeSigningRequest(name: "sc-from-csr", certificatePEM: signed, chainPEM: chain, certificateSource: "signed.pem")
        #expect(done.status == "SSL_CERTIFICATE_FINISHED")
        #expect(done.notAfter != nil)
        #expect(done.createdCAs.map(\.name) == ["sc-from-csr-ca-1"])

        let run = try await fixture.rotate(executor: executor) { try $0.target(named: "sc-from-csr") }
        #expect(run.outcome?.result == .applied)
        #expect(run.verification?.passed == true)
        #expect(try await fixture.secureChannelRefs().first?.uuid == done.uuid)
        #expect(!fixture.stateChangingRequests.contains { $0.path.contains(fixture.defaultUUID ?? "-none-") })
        await fixture.finish()
    }

    @Test("--complete never writes a System-Default object: the default is not pending, nothing is sent")
    func completeRefusesTheDefault() async throws {
        let fixture = try await RotationFixture.start()
        let ca = try LocalCA()
        defer { ca.remove() }
        let signed = try ca.sign(csr: try ca.foreignCSR())
        await #expect(throws: SigningRequestError.self) {
            _ = try await fixture.executor().completeSigningRequest(name: RotationFixture.defaultName, certificatePEM: signed, chainPEM: nil,
                                                                   certificateSource: "signed.pem")
        }
        await #expect(throws: SigningRequestError.self) {
            _ = try await fixture.executor().createSigningRequest(name: "System-Default-Mine", subject: "CN=x")
        }
        #expect(fixture.stateChangingRequests.isEmpty)
        await fixture.finish()
    }

    @Test("a new certificate inside the critical 7 days is refused; inside 30 days step 6 says so")
    func criticalAndWarningDays() async throws {
        let fixture = try await RotationFixture.start()
        let context = try await fixture.executor().loadContext()
        let names = context.candidates(now: Date()).filter(\.isUsable).map(\.name)
        try #require(names.count >= 2)
        fixture.simulator.setCertificateNotAfter(name: names[0], Date().addingTimeInterval(5 * 3600))
        fixture.simulator.setCertificateNotAfter(name: names[1], Date().addingTimeInterval(20 * 86_400))
        let critical = try await fixture.rotate { try $0.target(named: names[0]) }
        #expect(critical.flow.step == .validate, "stopped at step 3")
        #expect(critical.flow.validation?.failures.contains { $0.detail.contains(" hours") && $0.detail.contains("critical") } == true,
                "\(critical.flow.validation?.failures ?? [])")
        var warned = try await fixture.rotate(dryRun: true) { try $0.target(named: names[1]) }
        #expect(RotationText.confirmWarnings(warned.flow).contains { $0.contains("expires within 30 days") })
        warned.flow.handle(.cancel)
        #expect(fixture.stateChangingRequests.isEmpty)
        await fixture.finish()
    }

    @Test("importing a private key into a controller whose identity was not verified (--insecure) is refused")
    func insecureImportRefused() async throws {
        let fixture = try await RotationFixture.start()
        let insecure = AviClient(settings: ConnectionSettings(controllers: [fixture.endpoint.url], username: fixture.endpoint.username,
                                                              password: fixture.endpoint.password, trust: TLSTrust(insecure: true)))
        let executor = RotationExecutor(client: insecure, pollInterval: 0.1, heartbeat: RotationFixture.heartbeat)
        let pair = try TestPKI.leaf(.ecP256)
        let run = try await fixture.rotate(executor: executor) { _ in
            .importing(try CertificateImport(ImportMaterial(certificatePEM: pair.certificatePEM, keyPEM: pair.keyPEM), name: "sc-insecure"))
        }
        #expect(run.flow.step == .validate)
        #expect(run.flow.validation?.failures.contains { $0.check == "controller identity" } == true)
        #expect(fixture.stateChangingRequests.isEmpty)
        await fixture.finish()
    }
}

extension RotationFixture {
    var defaultUUID: String? {
        guard let data = defaultBefore, let object = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
        return object["uuid"]?.stringValue
    }
}
