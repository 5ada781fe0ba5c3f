import AviAPI
import Console
import Foundation
import Simulator
import Testing

@Suite("Refresher and status report against the simulator")
struct RefresherTests {
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
        let client = AviClient(settings: settings)
        let store = SnapshotStore(Snapshot(connection: ConnectionInfo(controller: endpoint.url.absoluteString, username: endpoint.username,
                                                                      tenant: "admin", controllerVersion: options.version,
                                                                      readOnly: true, insecure: false)))
        return (simulator, client, store)
    }

    @Test func oneFullReadFillsEveryResource() async throws {
        let (simulator, client, store) = try await start()
        defer { Task { try? await simulator.stop() } }
        let refresher = Refresher(client: client, store: store, clock: FixedWallClock(Self.now))
        await refresher.refreshAllOnce()
        let snapshot = store.latest()
        for state in snapshot.resourceStates {
            #expect(state.error == nil, "\(state.name): \(state.error ?? "")")
            #expect(state.fetchedAt == Self.now)
        }
        #expect(snapshot.serviceEngines.value?.count == 12)
        #expect(snapshot.secureChannel.value?.count == 15, "12 SEs and 3 controller nodes")
        let usage = snapshot.certificateUsage
        let secureChannelCertificates = (snapshot.certificates.value ?? []).filter { usage.isSecureChannel($0) }
        #expect(secureChannelCertificates.map(\.name) == ["System-Default-Secure-Channel-Cert"])
        #expect(simulator.mutatingRequests().filter { $0.path != "/login" }.isEmpty)
    }

    @Test func requestsPerCycleDoNotGrowWithTheNumberOfServiceEngines() async throws {
        var counts: [Int] = []
        for engines in [12, 120] {
            let (simulator, client, store) = try await start { $0.serviceEngines = engines }
            let refresher = Refresher(client: client, store: store, clock: FixedWallClock(Self.now))
            await refresher.refreshAllOnce()
            simulator.resetCounters()
            await refresher.refreshAllOnce()
            counts.append(simulator.requestCount())
            try? await simulator.stop()
        }
        #expect(counts[0] == counts[1], "requests per cycle: \(counts)")
    }

    @Test func statusReportHasTheDocumentedKeys() async throws {
        let (simulator, client, store) = try await start()
        defer { Task { try? await simulator.stop() } }
        await Refresher(client: client, store: store, clock: FixedWallClock(Self.now)).refreshAllOnce()
        let data = try StatusReport(store.latest(), now: Self.now).json()
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["controller", "version", "cluster", "service_engines", "secure_channel", "certificates", "alerts"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let cluster = try #require(json["cluster"] as? [String: Any])
        #expect(cluster["state"] is String)
        let nodes = try #require(cluster["nodes"] as? [[String: Any]])
        #expect(nodes.count == 3)
        for node in nodes { for key in ["name", "ip", "role", "state", "up_since"] { #expect(node[key] != nil, "node lacks \(key)") } }
        let certificates = try #require(json["certificates"] as? [[String: Any]])
        for certificate in certificates {
            #expect(certificate["name"] is String && certificate["type"] is String && certificate["used_for"] is [String])
            #expect(certificate["days_left"] is Int)
            let notAfter = try #require(certificate["not_after"] as? String)
            #expect(notAfter.hasSuffix("Z") && notAfter.contains("T"))
        }
        let channel = try #require(certificates.first { $0["name"] as? String == "System-Default-Secure-Channel-Cert" })
        #expect((channel["used_for"] as? [String])?.contains("secure_channel") == true)
        #expect(certificates.contains { ($0["days_left"] as? Int ?? 0) < 0 }, "the simulator seeds expired certificates")

    }

    @Test func aFailingResourceKeepsItsLastValue() async throws {
        let (simulator, client, store) = try await start()
        defer { Task { try? await simulator.stop() } }
        let clock = FixedWallClock(Self.now)
        let refresher = Refresher(client: client, store: store, clock: clock)
        await refresher.refreshAllOnce()
        clock.advance(by: 30)
        simulator.setMalformedBodies(true, pathPrefix: "/api/cluster/runtime")
        await refresher.refreshAllOnce()
        let runtime = store.latest().clusterRuntime
        #expect(runtime.value != nil)
        #expect(runtime.error?.contains("/api/cluster/runtime") == true)
        #expect(runtime.age(now: clock.now()) == 30)
        #expect(runtime.nextAttempt != nil)
    }

    @Test func aCertificateNotYetValidIsNotOK() throws {
        let json = #"""
            {"uuid": "c1", "name": "early", "type": "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE",
             "certificate": {"not_before": "2027-01-01 00:00:00", "not_after": "2028-01-01 00:00:00"}}
            """#
        let certificate = try JSONDecoder().decode(SSLKeyAndCertificate.self, from: Data(json.utf8))
        var snapshot = Snapshot(connection: ConnectionInfo(controller: "c", username: "u", tenant: "admin", readOnly: true, insecure: false))
        snapshot.certificates = Resource(value: [certificate], fetchedAt: Self.now)
        let report = StatusReport(snapshot, now: Self.now)
        #expect(report.certificates?.first?.expiry == "not_yet_valid")
        let later = StatusReport(snapshot, now: try #require(AviDate.parse("2027-06-01 00:00:00")))
        #expect(later.certificates?.first?.expiry == "ok")
    }
}
