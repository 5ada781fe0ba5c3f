import AviAPI
import ArgumentParser
import Console
import Foundation
import Simulator
import TerminalUI

/// `avitui bench-render` (hidden; used by `make bench`): frame times of the largest screens,
/// drawn into the buffer backend from a snapshot read from an in-process simulator at scale.
struct BenchRenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-render", abstract: "Measure frame times into the buffer backend (for make bench).",
        shouldDisplay: false)

    @Option var width = 200
    @Option var height = 60
    @Option var ses = 250
    @Option var certs = 5000
    @Option var alerts = 10_000
    @Option var frames = 300

    func run() async throws {
        var options = SimulatorOptions()
        options.serviceEngines = ses
        options.certificates = certs
        options.alerts = alerts
        options.alertInterval = nil
        let simulator = ControllerSimulator(options: options)
        let endpoint = try await simulator.start()
        do {
            try await measure(endpoint: endpoint)
        } catch {
            try? await simulator.stop()
            throw error
        }
        try? await simulator.stop()
    }

    private func measure(endpoint: SimulatorEndpoint) async throws {
        let log = RequestLog()
        let client = AviClient(settings: ConnectionSettings(controllers: [endpoint.url], username: endpoint.username,
                                                            password: endpoint.password, trust: TLSTrust(caFile: endpoint.caFile.path),
                                                            readOnly: true), log: log)
        let login = try await client.session.connect()
        let store = SnapshotStore(Snapshot(connection: ConnectionInfo(
            controller: endpoint.url.absoluteString, username: endpoint.username, tenant: "admin",
            controllerVersion: login.version?.version, readOnly: true, insecure: false)))
        await Refresher(client: client, store: store).refreshAllOnce()

        let backend = BufferBackend(size: Size(width: width, height: height))
        let session = TerminalSession(backend: backend, theme: BuiltinThemes.defaultTheme)
        let app = ConsoleApp(session: session, dependencies: ConsoleApp.Dependencies(store: store, log: log))
        var figures: [String: [String: Double]] = [:]
        for (name, key) in [("certificates_frame", "5"), ("alerts_frame", "6")] {
            app.step(.character(Character(key)))
            figures[name] = Self.measure(frames) { app.draw() }
            figures[name.replacingOccurrences(of: "_frame", with: "_key_to_frame")] = Self.measure(frames) {
                app.step(.down)
            }
        }
        figures.merge(try await measureWizard(endpoint: endpoint, store: store)) { _, new in new }
        let rows = (store.latest().certificates.value?.count ?? 0, store.latest().alerts.value?.count ?? 0)
        figures["rows"] = ["certificates": Double(rows.0), "alerts": Double(rows.1)]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        FileHandle.standardOutput.write(try encoder.encode(figures))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// The rotation wizard's step 2 at scale (issue 10: every key answered in under 50 ms): a
    /// key and the frame it causes, moving through the candidates and typing a search. Nothing
    /// is written: the wizard never gets past step 2.
    private func measureWizard(endpoint: SimulatorEndpoint, store: SnapshotStore) async throws -> [String: [String: Double]] {
        let client = AviClient(settings: ConnectionSettings(controllers: [endpoint.url], username: endpoint.username,
                                                            password: endpoint.password, trust: TLSTrust(caFile: endpoint.caFile.path)))
        _ = try await client.session.connect()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let wizard = RotationWizard(executor: RotationExecutor(client: client),
                                    auditLog: AuditLog(url: directory.appendingPathComponent("audit.jsonl")))
        let context = ViewContext(snapshot: store.latest(), now: Date(), styles: .standard)
        var canvas = Canvas(size: Size(width: width, height: height))
        let area = Rect(x: 0, y: 0, width: width, height: height)
        wizard.open(context: context)
        await wizard.settle()
        _ = wizard.handle(.enter, context: context)  // step 2: the candidates
        var figures: [String: [String: Double]] = [:]
        figures["wizard_step2_key_to_frame"] = Self.measure(frames) {
            _ = wizard.handle(.down, context: context)
            wizard.render(into: &canvas, area: area, context: context)
        }
        _ = wizard.handle(.character("/"), context: context)
        let typed = Array("grafana-prod")
        var index = 0
        figures["wizard_search_key_to_frame"] = Self.measure(typed.count) {
            _ = wizard.handle(.character(typed[index % typed.count]), context: context)
            index += 1
            wizard.render(into: &canvas, area: area, context: context)
        }
        figures["wizard_candidates"] = ["count": Double(wizard.currentState.candidateList.count)]
        await wizard.settle()
        await client.session.logout()
        return figures
    }

    /// Median and 99th percentile of `count` runs of `body`, in milliseconds.
    static func measure(_ count: Int, _ body: () -> Void) -> [String: Double] {
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        samples.sort()
        let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
        return ["median_ms": samples[samples.count / 2], "p99_ms": p99, "max_ms": samples.last ?? 0]
    }
}
