import AviAPI
import Console
import Foundation
import Simulator
import Testing
@testable import TerminalUI

/// Issue 9 item 17: after a write of ours the console re-reads what it changed at once. The
/// refreshers run on a clock that never moves, so only the wizard's `afterWrite` can bring the
/// new secure-channel certificate into the snapshot (its cadence is 60 s).
@Suite("Re-read after a write")
struct RereadAfterWriteTests {
    @Test func aRotationInTheWizardShowsTheNewCertificateWithoutWaitingForTheCadence() async throws {
        var options = SimulatorOptions()
        options.enforceSecureChannelChecks = true
        options.serviceEngines = 2
        options.certificates = 6
        options.alerts = 0
        options.alertInterval = nil
        options.heartbeatSeconds = 0.1
        let simulator = ControllerSimulator(options: options)
        let endpoint = try await simulator.start()
        simulator.satisfySecureChannelMustChecks()
        let settings = ConnectionSettings(controllers: [endpoint.url], username: endpoint.username, password: endpoint.password,
                                          trust: TLSTrust(caFile: endpoint.caFile.path),
                                          // Generous: a TLS handshake on 2 loaded cores can take longer than the default 5 s.
                                          limits: TransportLimits(connectTimeout: 30, requestTimeout: 60))
        let client = AviClient(settings: settings)
        let connection = ConnectionInfo(controller: endpoint.url.absoluteString, username: endpoint.username, tenant: "admin",
                                        readOnly: false, insecure: false)
        let store = SnapshotStore(Snapshot(connection: connection))
        let clock = FixedWallClock(Date())
        let refresher = Refresher(client: client, store: store, clock: clock)
        await refresher.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-reread-\(UUID().uuidString)")
        defer {
            Task { await refresher.stop(); try? await simulator.stop() }
            try? FileManager.default.removeItem(at: directory)
        }
        try await Waiting.until("the first reads") { clock.waiting == 3 && store.latest().systemConfiguration.value != nil }
        let before = store.latest().certificateUsage.secureChannel

        let wizard = RotationWizard(executor: RotationExecutor(client: client, pollInterval: 0.1, heartbeat: 0.1, commitWindow: 1),
                                    auditLog: AuditLog(url: directory.appendingPathComponent("audit.jsonl")), settleTimeout: 0,
                                    afterWrite: RereadAfterWrite.using(refresher))
        let backend = BufferBackend(size: Size(width: 120, height: 40))
        let session = TerminalSession(backend: backend, theme: BuiltinThemes.defaultTheme)
        let app = ConsoleApp(session: session, dependencies: ConsoleApp.Dependencies(store: store, log: RequestLog(), clock: clock, wizard: wizard))
        app.draw()
        #expect(backend.shows("System-Default-Secure-Channel-Cert"), "\(backend.screenText)")

        // Steps 1–6 with the first usable existing certificate, then the typed cluster name.
        app.press(.character("w"))
        await wizard.settle()
        app.press(.enter)
        let index = try #require(wizard.currentState.candidates(now: Date()).firstIndex { $0.isUsable })
        for _ in 0..<(index + RotationWizardState.ExtraRow.allCases.count) { app.press(.down) }
        app.press(.enter, .enter, .enter, .enter)
        app.type(try #require(wizard.currentState.flow?.context.clusterName))
        app.press(.enter)
        await wizard.settle()
        let newName = try #require(wizard.currentState.flow?.plan?.afterName)
        #expect(newName != "System-Default-Secure-Channel-Cert")
        #expect(simulator.mutatingRequests().contains { $0.method == "PUT" && $0.path == "/api/systemconfiguration" })

        // The clock has not moved: only the re-read can have brought the change in.
        try await Waiting.until("the new secure-channel certificate in the snapshot") {
            let usage = store.latest().certificateUsage.secureChannel
            return !usage.isEmpty && usage != before
        }
        app.press(.enter)  // step 8: Enter closes the wizard
        app.press(.character("1"))
        app.step(nil)
        let row = backend.lines.first { $0.contains("channel cert") } ?? ""
        #expect(row.contains(newName), "\(backend.screenText)")
        app.press(.character("5"))
        #expect(backend.lines.contains { $0.contains(newName) && $0.contains("secure channel") }, "\(backend.screenText)")
    }
}
