import AviAPI
@testable import Console
import Crypto
import _CryptoExtras
import Foundation
import Simulator
import SwiftASN1
import Testing
import X509

/// A simulator over real TLS plus a client trusting its CA, for the rotation tests. It keeps the
/// stored bytes of `System-Default-Secure-Channel-Cert` from the start so that `finish()` can
/// prove every test left it byte-identical.
struct RotationFixture {
    static let defaultName = "System-Default-Secure-Channel-Cert"

    let simulator: ControllerSimulator
    let endpoint: SimulatorEndpoint
    let defaultBefore: Data?
    let log = RequestLog()
    let auditURL: URL

    /// `ready`: no Service Engines, only no-access clouds, one controller node (the must-checks pass).
    /// The simulator's heartbeat, scaled down: step 7's six-heartbeat window is 1.2 s.
    static let heartbeat: TimeInterval = 0.2

    static func start(version: String = "31.2.1", enforceChecks: Bool = true, ready: Bool = true,
                      reaction: SecureChannelReaction = .ok) async throws -> RotationFixture {
        var options = SimulatorOptions()
        options.version = version
        options.enforceSecureChannelChecks = enforceChecks
        options.serviceEngines = 3
        options.certificates = 12
        options.alerts = 0
        options.alertInterval = nil
        options.heartbeatSeconds = heartbeat
        options.secureChannelReaction = reaction
        let simulator = ControllerSimulator(options: options)
        let endpoint = try await simulator.start()
        if ready {
            simulator.satisfySecureChannelMustChecks()
        }
        let before = simulator.storedObjectJSON(type: "sslkeyandcertificate", name: defaultName)
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-rotation-\(UUID().uuidString)/state/avitui/audit.jsonl")
        return RotationFixture(simulator: simulator, endpoint: endpoint, defaultBefore: before, auditURL: audit)
    }

    func client(readOnly: Bool = false) -> AviClient {
        AviClient(settings: ConnectionSettings(controllers: [endpoint.url], username: endpoint.username, password: endpoint.password,
                                               trust: TLSTrust(caFile: endpoint.caFile.path),
                                               // Generous: a TLS handshake on 2 loaded cores can take longer than the default 5 s.
                                               limits: TransportLimits(connectTimeout: 30, requestTimeout: 60), readOnly: readOnly), log: log)
    }

    func executor(readOnly: Bool = false, onWrite: @escaping @Sendable (HTTPMethod, String) async -> Void = { _, _ in }) -> RotationExecutor {
        RotationExecutor(client: client(readOnly: readOnly), pollInterval: 0.1, heartbeat: Self.heartbeat, commitWindow: 1.5,
                         willSendWrite: onWrite)
    }

    /// Writes that reached the simulator, the session's own login/logout aside.
    var stateChangingRequests: [RecordedRequest] {
        simulator.mutatingRequests().filter { $0.path != "/login" && $0.path != "/logout" }
    }

    /// The test's last word: the default certificate is byte-identical, then the simulator stops.
    func finish() async {
        let after = simulator.storedObjectJSON(type: "sslkeyandcertificate", name: Self.defaultName)
        #expect(defaultBefore != nil)
        #expect(after == defaultBefore, "System-Default-Secure-Channel-Cert changed")
        try? await simulator.stop()
        try? FileManager.default.removeItem(at: auditURL.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
    }
}

/// How far a test drives the workflow, and what came out.
struct RotationRun {
    var flow: RotationFlow
    var outcome: ApplyOutcome?
    var verification: VerificationReport?
    var audit: AuditEntry?
    var lastEffect: RotationEffect?
}

extension RotationFixture {
    /// Drives `RotationFlow` as the CLI does: steps 1–5, then (unless a dry run) the typed
    /// confirmation, apply, verify and audit. Stops where the flow refuses to go on.
    func rotate(executor: RotationExecutor? = nil, override: Bool = false, dryRun: Bool = false, settleTimeout: TimeInterval = 0,
                target: (RotationContext) throws -> RotationTarget) async throws -> RotationRun {
        let executor = executor ?? self.executor()
        let context = try await executor.loadContext()
        var flow = try RotationFlow.start(context: context, now: Date(), dryRun: dryRun)
        flow.handle(.next)
        flow.handle(.choose(try target(context)))
        flow.handle(.next)
        guard flow.step == .mustChecks else { return RotationRun(flow: flow) }
        if override { flow.handle(.overrideMustChecks(typed: RotationFlow.overridePhrase)) }
        flow.handle(.next)
        guard flow.step == .plan else { return RotationRun(flow: flow) }
        let afterPlan = flow.handle(.next)
        guard !dryRun else { return RotationRun(flow: flow, lastEffect: afterPlan) }
        guard case let .apply(plan)? = flow.handle(.confirm(typed: context.clusterName)) else { return RotationRun(flow: flow) }
        let outcome = await executor.apply(plan)
        var run = RotationRun(flow: flow, outcome: outcome)
        var effect = run.flow.handle(.applied(outcome))
        if case let .verify(applied)? = effect {
            let report = await executor.verify(applied, plan: plan, settleTimeout: settleTimeout)
            run.verification = report
            effect = run.flow.handle(.verified(report))
        }
        if case let .writeAudit(entry)? = effect {
            try AuditLog(url: auditURL).append(entry)
            run.audit = entry
            effect = run.flow.handle(.audited(error: nil))
        }
        run.lastEffect = effect
        return run
    }

    /// The secure-channel refs as the controller holds them now.
    func secureChannelRefs() async throws -> [AviRef] {
        try await client().systemConfiguration().secureChannelCertificateRefs
    }
}

/// Test certificates made on the spot (RSA keygen is fast enough in debug).
enum TestPKI {
    struct Pair {
        let certificatePEM: String
        /// Traditional (PKCS#1) for RSA, PKCS#8 for EC.
        let keyPEM: String
        let pkcs8PEM: String
        let key: Certificate.PrivateKey
        let certificate: Certificate
    }

    enum Kind { case rsa2048, ecP256, ecP384 }

    static func leaf(_ kind: Kind, commonName: String = "secure-channel.test", days: Int = 365,
                     issuer: Pair? = nil, isCA: Bool = false, serverAuth: Bool = true) throws -> Pair {
        let now = Date()
        let key: Certificate.PrivateKey
        let keyPEM: String
        let pkcs8: String
        switch kind {
        case .rsa2048:
            let rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            key = Certificate.PrivateKey(rsa)
            keyPEM = rsa.pemRepresentation
            pkcs8 = rsa.pkcs8PEMRepresentation
        case .ecP256:
            let ec = P256.Signing.PrivateKey()
            key = Certificate.PrivateKey(ec)
            keyPEM = ec.pemRepresentation
            pkcs8 = ec.pemRepresentation
        case .ecP384:
            let ec = P384.Signing.PrivateKey()
            key = Certificate.PrivateKey(ec)
            keyPEM = ec.pemRepresentation
            pkcs8 = ec.pemRepresentation
        }
        let subject = try DistinguishedName {
            OrganizationName("avitui tests")
            CommonName(commonName)
        }
        let signer = issuer?.key ?? key
        let signature: Certificate.SignatureAlgorithm
        if _RSA.Signing.PublicKey(signer.publicKey) != nil { signature = .sha256WithRSAEncryption }
        else if P384.Signing.PublicKey(signer.publicKey) != nil { signature = .ecdsaWithSHA384 }
        else { signature = .ecdsaWithSHA256 }
        let extensions = try Certificate.Extensions {
            if isCA {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            } else {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage(serverAuth ? [.serverAuth, .clientAuth] : [.emailProtection])
            }
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(Double(days) * 86_400),
            issuer: issuer?.certificate.subject ?? subject, subject: subject, signatureAlgorithm: signature,
            extensions: extensions, issuerPrivateKey: signer)
        return Pair(certificatePEM: try certificate.serializeAsPEM().pemString + "\n", keyPEM: keyPEM + "\n",
                    pkcs8PEM: pkcs8 + "\n", key: key, certificate: certificate)
    }

    /// The traditional (PKCS#1 / SEC1) form of a key, from the `openssl` CLI.
    static func traditional(_ keyPEM: String) throws -> String {
        try openssl(keyPEM) { input, output in ["pkey", "-traditional", "-in", input, "-out", output] }
    }

    /// Encrypts a key with the `openssl` CLI: PKCS#8 PBES2 (`pkcs8: true`) or legacy PEM encryption.
    static func encrypt(_ keyPEM: String, passphrase: String, pkcs8: Bool) throws -> String {
        try openssl(keyPEM) { input, output in
            pkcs8 ? ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", input, "-out", output, "-passout", "pass:\(passphrase)"]
                : ["pkey", "-traditional", "-aes256", "-in", input, "-out", output, "-passout", "pass:\(passphrase)"]
        }
    }

    static func openssl(_ keyPEM: String, arguments: (String, String) -> [String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.pem")
        let output = directory.appendingPathComponent("out.pem")
        try keyPEM.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments(input.path, output.path)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return try String(contentsOf: output, encoding: .utf8)
    }
}
