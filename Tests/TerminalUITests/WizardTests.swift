import AviAPI
import Console
import Crypto
import Foundation
import Simulator
import Testing
import X509
@testable import TerminalUI

/// The rotation wizard against the simulator over real TLS, each step drawn at 80x24 into the
/// buffer backend. Nothing may reach the simulator before the cluster name is typed.
@Suite("Rotation wizard")
struct WizardTests {
    static let size = Size(width: 80, height: 24)
    static let defaultName = "System-Default-Secure-Channel-Cert"
    /// The simulator's heartbeat, scaled down: step 7's six-heartbeat window is 0.6 s.
    static let heartbeat: TimeInterval = 0.1

    struct Harness {
        let simulator: ControllerSimulator
        let wizard: RotationWizard
        let directory: URL
        let defaultBefore: Data?
        let backend = BufferBackend(size: WizardTests.size)
        let context: ViewContext

        static func start(ready: Bool = true, settleTimeout: TimeInterval = 0, reaction: SecureChannelReaction = .ok,
                          certificates: Int = 6) async throws -> Harness {
            var options = SimulatorOptions()
            options.enforceSecureChannelChecks = reaction == .ok
            options.secureChannelReaction = reaction
            options.serviceEngines = 2
            options.certificates = certificates
            options.alerts = 0
            options.alertInterval = nil
            options.heartbeatSeconds = WizardTests.heartbeat
            let simulator = ControllerSimulator(options: options)
            let endpoint = try await simulator.start()
            if ready {
                simulator.satisfySecureChannelMustChecks()
            }
            let before = simulator.storedObjectJSON(type: "sslkeyandcertificate", name: defaultName)
            let client = AviClient(settings: ConnectionSettings(controllers: [endpoint.url], username: endpoint.username,
                                                                password: endpoint.password, trust: TLSTrust(caFile: endpoint.caFile.path),
                                                                limits: TransportLimits(connectTimeout: 30, requestTimeout: 60)))
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-wizard-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let wizard = RotationWizard(executor: RotationExecutor(client: client, pollInterval: 0.1, heartbeat: WizardTests.heartbeat, commitWindow: 1),
                                        auditLog: AuditLog(url: directory.appendingPathComponent("state/avitui/audit.jsonl")), settleTimeout: settleTimeout)
            let connection = ConnectionInfo(controller: endpoint.url.absoluteString, username: endpoint.username, tenant: "admin",
                                            readOnly: false, insecure: false)
            let context = ViewContext(snapshot: Snapshot(connection: connection), now: Date(), styles: .standard)
            return Harness(simulator: simulator, wizard: wizard, directory: directory, defaultBefore: before, context: context)
        }

        /// Draws the wizard over the whole 80x24 screen and returns the screen's text.
        func screen() -> String {
            var canvas = Canvas(size: WizardTests.size)
            wizard.render(into: &canvas, area: Rect(size: WizardTests.size), context: context)
            backend.draw(canvas)
            return backend.frame.lines.joined(separator: "\n")
        }

        @discardableResult
        func press(_ keys: Key...) -> Bool {
            var open = true
            for key in keys { open = wizard.handle(key, context: context) }
            return open
        }

        func type(_ text: String) { for character in text { _ = wizard.handle(.character(character), context: context) } }

        var writes: [RecordedRequest] { simulator.mutatingRequests().filter { $0.path != "/login" && $0.path != "/logout" } }

        func finish() async {
            #expect(simulator.storedObjectJSON(type: "sslkeyandcertificate", name: WizardTests.defaultName) == defaultBefore)
            try? await simulator.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// A fresh P-256 certificate and PKCS#8 key written to files.
    static func writePEMs(in directory: URL) throws -> (cert: String, key: String) {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("wizard.test") }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey), notValidBefore: Date().addingTimeInterval(-60),
            notValidAfter: Date().addingTimeInterval(200 * 86_400), issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions { Critical(BasicConstraints.notCertificateAuthority) },
            issuerPrivateKey: .init(key))
        let certPath = directory.appendingPathComponent("new.crt")
        let keyPath = directory.appendingPathComponent("new.key")
        try (try certificate.serializeAsPEM().pemString).write(to: certPath, atomically: true, encoding: .utf8)
        try key.pemRepresentation.write(to: keyPath, atomically: true, encoding: .utf8)
        return (certPath.path, keyPath.path)
    }

    @Test("every step at 80x24: import, validate, checks, plan, confirm (nothing sent before), apply, audit")
    func walkThrough() async throws {
        let harness = try await Harness.start()
        let files = try Self.writePEMs(in: harness.directory)
        harness.wizard.open(context: harness.context)
        #expect(harness.screen().contains("reading the controller"))
        await harness.wizard.settle()

        var screen = harness.screen()
        #expect(screen.contains("[1/8] Current certificate"))
        #expect(screen.contains("in use: \(Self.defaultName)"))
        #expect(screen.split(separator: "\n").count == 24)

        harness.press(.enter)
        screen = harness.screen()
        #expect(screen.contains("[2/8] Choose the new certificate"))
        #expect(screen.contains("› "))
        #expect(screen.contains("import from PEM files"))
        // The default is in use already: its row is greyed with the reason, and cannot be chosen.
        #expect(screen.contains("return to the default — already in use by the secure channel"))
        harness.press(.home, .down, .down, .enter)
        #expect(harness.screen().contains("[2/8]"))
        #expect(harness.wizard.currentState.message?.contains("already in use") == true)
        harness.press(.home)

        harness.press(.character("i"))
        harness.type(files.cert)
        harness.press(.tab)
        harness.type(files.key)
        harness.press(.tab, .tab)
        harness.type("sc-from-wizard")
        screen = harness.screen()
        #expect(screen.contains("› new object name (optional): sc-from-wizard"))
        harness.press(.enter)
        await harness.wizard.settle()

        screen = harness.screen()
        #expect(screen.contains("[3/8] Local validation"))
        #expect(screen.contains("key matches"))
        #expect(screen.contains("sc-from-wizard"))

        // Esc from the validation of an import returns to the form, fields kept.
        harness.press(.escape)
        screen = harness.screen()
        #expect(screen.contains("[2/8]"))
        #expect(screen.contains("new object name (optional): sc-from-wizard"))
        #expect(harness.wizard.currentState.importing)
        #expect(harness.wizard.currentState.form[.certificate] == files.cert)
        harness.press(.enter)
        await harness.wizard.settle()
        #expect(harness.screen().contains("[3/8] Local validation"))

        harness.press(.enter)
        screen = harness.screen()
        #expect(screen.contains("[4/8] Must-checks"))
        #expect(screen.contains("pass no Service Engines"))

        harness.press(.enter)
        screen = harness.screen()
        #expect(screen.contains("[5/8] Plan"))
        // The change first, as a diff, before any call or body.
        let planLines = screen.split(separator: "\n").map(String.init)
        let diffAt = try #require(planLines.firstIndex { $0.contains("the change (- before, + after):") })
        #expect(planLines[diffAt + 1].contains("secure_channel_configuration.sslkeyandcertificate_refs"))
        // The controller answers the ref as a full URL, longer than a row: the marker stays with the
        // value and the rest hangs under it, ending with the name, before the + line.
        let beforeRef = try #require(harness.wizard.currentState.flow?.plan?.beforeRefs.first?.raw)
        #expect(planLines[diffAt + 2].contains("│-   [\(beforeRef.prefix(20))"), "\(screen)")
        let afterAt = try #require(planLines.firstIndex { $0.contains("+   [<uuid of the new object>] (sc-from-wizard)") }, "\(screen)")
        #expect(afterAt > diffAt + 2)
        #expect(planLines[diffAt + 3..<afterAt].allSatisfy { $0.hasPrefix("│    ") })
        #expect(planLines[diffAt + 2..<afterAt].joined().contains("(\(Self.defaultName))"))
        #expect(!screen.contains("\"certificate\": {"), "bodies only on demand")
        #expect(harness.screen().contains("PgDn/PgUp page"))
        // Bodies (b) keep their indentation and show PEM elided, never as a wrapped run of \n.
        harness.press(.character("b"))
        var planText = ""
        for _ in 0..<6 { planText += harness.screen(); harness.press(.pageDown) }
        #expect(planText.contains("-----BEGIN CERTIFICATE----- … ("))
        #expect(!planText.contains("\\n"))
        #expect(planText.contains("         \"certificate\": {"))
        for _ in 0..<6 { harness.press(.pageUp) }

        harness.press(.enter)
        screen = harness.screen()
        #expect(screen.contains("[6/8] Confirm and apply"))
        #expect(screen.contains("nothing has been sent yet"))
        #expect(screen.contains("PUT /api/systemconfiguration"))
        #expect(harness.writes.isEmpty)

        // Esc goes back a step; a wrong name sends nothing.
        harness.press(.escape)
        #expect(harness.screen().contains("[5/8] Plan"))
        harness.press(.enter)
        harness.type("wrong")
        harness.press(.enter)
        #expect(harness.screen().contains("is not the cluster name"))
        #expect(harness.writes.isEmpty)

        let clusterName = try #require(harness.wizard.currentState.flow?.context.clusterName)
        harness.type(clusterName)
        harness.press(.enter)
        #expect(harness.screen().contains("applying the change"))
        await harness.wizard.settle()

        screen = harness.screen()
        #expect(screen.contains("[8/8] Audit and rollback"))
        #expect(screen.contains("The controller accepted the change."))
        #expect(screen.contains("recorded in"))
        #expect(screen.contains("to roll back:"))
        #expect(harness.writes.map { "\($0.method) \($0.path)" } == ["POST /api/sslkeyandcertificate", "PUT /api/systemconfiguration"])
        // No way back after the change; Enter closes.
        harness.press(.escape)
        #expect(harness.screen().contains("[8/8]"))
        #expect(harness.press(.enter) == false)
        await harness.finish()
    }

    @Test("failed must-checks stop at step 4 at 80x24; Esc walks back and closes with nothing sent")
    func mustChecksStop() async throws {
        let harness = try await Harness.start(ready: false)
        harness.wizard.open(context: harness.context)
        await harness.wizard.settle()
        harness.press(.enter)
        // The first usable candidate.
        let now = Date()
        let candidates = harness.wizard.currentState.candidates(now: now)
        let index = try #require(candidates.firstIndex { $0.isUsable })
        for _ in 0..<(index + RotationWizardState.ExtraRow.allCases.count) { harness.press(.down) }
        harness.press(.enter, .enter)
        var screen = harness.screen()
        #expect(screen.contains("[4/8] Must-checks"))
        #expect(screen.contains("FAIL no Service Engines"))
        #expect(screen.contains("type 'override'"))
        #expect(screen.contains("press o"))
        #expect(!screen.contains("--override-checks"))
        harness.press(.enter)
        #expect(harness.screen().contains("[4/8]"))
        harness.press(.character("o"))
        #expect(harness.screen().contains("and Enter to go on anyway"))
        harness.type("nope")
        harness.press(.enter)
        screen = harness.screen()
        #expect(screen.contains("[4/8]"))
        #expect(harness.wizard.currentState.flow?.overrideConfirmed == false)
        // Esc leaves the override prompt first, then walks back.
        #expect(harness.press(.escape))
        #expect(harness.screen().contains("[4/8]"))
        #expect(!harness.screen().contains("and Enter to go on anyway"))
        #expect(harness.press(.escape, .escape, .escape))
        #expect(harness.screen().contains("[1/8]"))
        #expect(harness.press(.escape) == false)
        #expect(harness.writes.isEmpty)
        await harness.finish()
    }

    @Test("a read-only session shows why, and tiny areas do not crash")
    func readOnlyAndTiny() async throws {
        let harness = try await Harness.start()
        let client = AviClient(settings: ConnectionSettings(controllers: [URL(string: "https://127.0.0.1:1")!], username: "u", password: "p"))
        let wizard = RotationWizard(executor: RotationExecutor(client: client), auditLog: AuditLog(url: harness.directory),
                                    readOnlyReason: "--read-only")
        wizard.open(context: harness.context)
        var canvas = Canvas(size: Self.size)
        wizard.render(into: &canvas, area: Rect(size: Self.size), context: harness.context)
        #expect(canvas.lines.joined().contains("read-only"))
        for size in [Size(width: 1, height: 1), Size(width: 0, height: 0), Size(width: 30, height: 5)] {
            var small = Canvas(size: size)
            wizard.render(into: &small, area: Rect(size: size), context: harness.context)
        }
        #expect(wizard.handle(.escape, context: harness.context) == false)
        await harness.finish()
    }

    /// Waits (bounded) for the wizard's background work to reach a state.
    static func wait(for harness: Harness, _ condition: (RotationWizardState) -> Bool) async {
        for _ in 0..<400 where !condition(harness.wizard.currentState) { try? await Task.sleep(nanoseconds: 25_000_000) }
    }

    /// Steps 1–6 with the first usable existing certificate, up to the typed cluster name.
    static func applyFirstUsable(_ harness: Harness) async throws {
        harness.wizard.open(context: harness.context)
        await harness.wizard.settle()
        harness.press(.enter)
        let index = try #require(harness.wizard.currentState.candidates(now: Date()).firstIndex { $0.isUsable })
        for _ in 0..<(index + RotationWizardState.ExtraRow.allCases.count) { harness.press(.down) }
        harness.press(.enter, .enter, .enter, .enter)
        #expect(harness.screen().contains("[6/8]"))
        harness.type(try #require(harness.wizard.currentState.flow?.context.clusterName))
        harness.press(.enter)
    }

    @Test("step 7 shows live progress, Esc stops watching (the change stays applied), step 8's footer is clean")
    func verifyProgressAndEsc() async throws {
        let harness = try await Harness.start(settleTimeout: 60)
        try await Self.applyFirstUsable(harness)
        await Self.wait(for: harness) { $0.watchProgress != nil }
        var screen = harness.screen()
        #expect(screen.contains("[7/8] Verify"))
        #expect(screen.contains("s of 60 s"))
        #expect(screen.contains("authenticated"))
        #expect(screen.contains("Esc stops watching"))
        harness.press(.character("x"))
        #expect(harness.wizard.currentState.message?.contains("wait for it to finish") == true)
        harness.press(.escape)
        #expect(harness.screen().contains("the change stays applied"))
        await harness.wizard.settle()
        screen = harness.screen()
        #expect(screen.contains("[8/8] Audit and rollback"))
        #expect(screen.contains("stopped by the operator"))
        #expect(!screen.contains("wait for it to finish"))
        #expect(screen.contains("Enter close"))
        await harness.finish()
    }
}
