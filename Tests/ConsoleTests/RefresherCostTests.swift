import AviAPI
import Console
import Foundation
import Simulator
import Testing

/// What an idle console asks of the controller (issue 14 item 3), against the simulator's
/// own byte and request counters.
@Suite("Refresher: an idle cycle probes instead of reading everything again")
struct RefresherCostTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    func start(_ configure: (inout SimulatorOptions) -> Void = { _ in }) async throws -> (ControllerSimulator, AviClient, SnapshotStore) {
        var options = SimulatorOptions()
        options.now = Self.now
        options.alertInterval = nil
        configure(&options)
        let simulator = ControllerSimulator(options: options)
        let endpoint = try await simulator.start()
        let settings = ConnectionSettings(controllers: [endpoint.url], username: endpoint.username, password: endpoint.password,
                                          trust: TLSTrust(caFile: endpoint.caFile.path), readOnly: true)
        let store = SnapshotStore(Snapshot(connection: ConnectionInfo(controller: endpoint.url.absoluteString, username: endpoint.username,
                                                                      tenant: "admin", readOnly: true, insecure: false)))
        return (simulator, AviClient(settings: settings), store)
    }

    @Test func anIdleCycleCostsAFractionOfAFullRead() async throws {
        let (simulator, client, store) = try await start { $0.certificates = 300; $0.alerts = 400; $0.serviceEngines = 40 }
        defer { Task { try? await simulator.stop() } }
        let clock = FixedWallClock(Self.now)
        let refresher = Refresher(client: client, store: store, clock: clock)
        await refresher.refreshAllOnce()
        simulator.resetCounters()
        await refresher.refreshAllOnce()
        let full = simulator.servedBytes()
        simulator.resetCounters()
        clock.advance(by: 5)
        await refresher.refreshAllOnce(forced: false)
        let idle = simulator.servedBytes()
        let paths = simulator.servedByPath()
        #expect(idle * 50 < full, "idle cycle \(idle) B vs full read \(full) B: \(paths)")
        #expect(paths["/api/sslkeyandcertificate"]?.requests == 1, "only the change marker")
        #expect(paths["/api/securechannelmapping"]?.requests == 1, "only the change marker")
        #expect(paths["/api/alert"]?.requests == 1, "only the newest-alert probe")
        #expect(paths["/api/serviceengine"] == nil, "SEs are not due 5 s after a read")
        let snapshot = store.latest()
        #expect(snapshot.certificates.value?.count == 306 && snapshot.certificates.fetchedAt == clock.now())
        #expect(snapshot.serviceEngines.fetchedAt == Self.now, "an SE list not read keeps its age")
    }

    @Test func aForcedCycleCostsTheSameRequestsAtAnyScale() async throws {
        var counts: [Int] = []
        var paths: [[String: (requests: Int, bytes: Int)]] = []
        for engines in [12, 120] {
            let (simulator, client, store) = try await start { $0.serviceEngines = engines }
            let refresher = Refresher(client: client, store: store, clock: FixedWallClock(Self.now))
            await refresher.refreshAllOnce()
            simulator.resetCounters()
            await refresher.refreshAllOnce()
            counts.append(simulator.requestCount())
            paths.append(simulator.servedByPath())
            #expect(store.latest().resourceStates.allSatisfy { $0.error == nil }, "\(store.latest().resourceStates)")
            try? await simulator.stop()
        }
        #expect(counts[0] == counts[1], "requests per cycle: \(counts) \(paths.map { $0.mapValues(\.requests) })")
    }

    @Test func aChangeIsReadAtTheNextCycle() async throws {
        let (simulator, client, store) = try await start { $0.certificates = 30 }
        defer { Task { try? await simulator.stop() } }
        let clock = FixedWallClock(Self.now)
        let refresher = Refresher(client: client, store: store, clock: clock)
        await refresher.refreshAllOnce()
        let certificate = try #require(store.latest().certificates.value?.first { !$0.isSystemDefault && $0.type == .virtualService })
        let newDate = try #require(AviDate.parse("2031-02-03 04:05:06"))
        simulator.setCertificateNotAfter(name: certificate.name, newDate)
        let mapping = try #require(store.latest().secureChannel.value?.first { !$0.isController && $0.status.isAuthenticated })
        simulator.setMappingStatus(name: mapping.name, status: "SECURE_CHANNEL_AUTH_SSH_FAILED")
        simulator.addAlert(level: "ALERT_HIGH", summary: "Service Engine down", objectName: "Avi-se-test")
        clock.advance(by: 5)
        simulator.resetCounters()
        await refresher.refreshAllOnce(forced: false)
        let snapshot = store.latest()
        #expect(snapshot.certificates.value?.first { $0.uuid == certificate.uuid }?.notAfter == newDate)
        #expect(snapshot.secureChannel.value?.first { $0.uuid == mapping.uuid }?.status == .authSSHFailed)
        #expect(snapshot.alerts.value?.first?.summary == "Service Engine down")
        let alertRequests = simulator.servedByPath()["/api/alert"]?.requests
        #expect(alertRequests == 2, "the probe and one small page of what is new")
    }

    @Test func removedAlertsAreForgottenWithoutReadingEveryAlert() async throws {
        let (simulator, client, store) = try await start { $0.alerts = 60 }
        defer { Task { try? await simulator.stop() } }
        let clock = FixedWallClock(Self.now)
        let refresher = Refresher(client: client, store: store, clock: clock, cadence: RefreshCadence(allAlerts: 300))
        await refresher.refreshAllOnce()
        simulator.resetCounters()
        await refresher.refreshAllOnce()
        let fullAlertRead = try #require(simulator.servedByPath()["/api/alert"]?.bytes)
        let before = try #require(store.latest().alerts.value)
        let removed = try #require(before.last)
        simulator.removeAlert(uuid: removed.uuid)
        clock.advance(by: 301)
        simulator.resetCounters()
        await refresher.refreshAllOnce(forced: false)
        let after = try #require(store.latest().alerts.value)
        #expect(after.count == before.count - 1)
        #expect(!after.contains { $0.uuid == removed.uuid })
        let pruneRead = simulator.servedByPath()["/api/alert"]
        #expect(pruneRead?.requests == 3, "the probe, the newest few, the uuids")
        #expect((pruneRead?.bytes ?? .max) * 2 < fullAlertRead, "uuids only, not every alert: \(String(describing: pruneRead)) vs \(fullAlertRead) B")
    }
}
