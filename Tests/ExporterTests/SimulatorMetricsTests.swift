import AviAPI
import Console
import Exporter
import Foundation
import Simulator
import Testing

/// The exposition of what the refreshers read from the simulator over real TLS.
@Suite("exporter: metrics from the simulator", .serialized)
struct SimulatorMetricsTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    struct Harness {
        let simulator: ControllerSimulator
        let endpoint: SimulatorEndpoint
        let refresher: Refresher
        let store: SnapshotStore

        /// One read of every resource, then its exposition. Generous timeouts (above): a loaded
        /// machine may take seconds to answer, and a timed-out read would keep the last values.
        func samples() async throws -> ParsedExposition {
            await refresher.refreshAllOnce()
            return try ParsedExposition(Exposition.text(SnapshotMetrics.samples(ClusterReading(cluster: "lab", snapshot: store.latest()))))
        }
    }

    func start() async throws -> Harness {
        var options = SimulatorOptions()
        options.now = Self.now
        options.alertInterval = nil
        let simulator = ControllerSimulator(options: options)
        let endpoint = try await simulator.start()
        let settings = ConnectionSettings(controllers: [endpoint.url], username: endpoint.username, password: endpoint.password,
                                          trust: TLSTrust(caFile: endpoint.caFile.path),
                                          limits: TransportLimits(connectTimeout: 10, requestTimeout: 60), readOnly: true)
        let client = AviClient(settings: settings)
        let store = SnapshotStore(Snapshot(connection: ConnectionInfo(controller: endpoint.url.absoluteString, username: endpoint.username,
                                                                      tenant: "admin", readOnly: true, insecure: false)))
        return Harness(simulator: simulator, endpoint: endpoint, refresher: Refresher(client: client, store: store), store: store)
    }

    /// `not_after` of a certificate as the simulator stores it.
    static func notAfter(_ simulator: ControllerSimulator, certificate name: String) throws -> Double {
        let data = try #require(simulator.storedObjectJSON(type: "sslkeyandcertificate", name: name))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let text = try #require((object["certificate"] as? [String: Any])?["not_after"] as? String)
        return try #require(AviDate.parse(text)).timeIntervalSince1970
    }

    @Test func theSimulatorsClusterAsSeries() async throws {
        let harness = try await start()
        defer { Task { try? await harness.simulator.stop() } }
        let parsed = try await harness.samples()
        #expect(parsed.value("avitui_probe_success", ["cluster": "lab"]) == 1)
        #expect(parsed.value("avi_controller_cluster_quorum", ["cluster": "lab"]) == 1)
        #expect(parsed.values("avi_controller_node_active").map(\.value).reduce(0, +) == 3)
        #expect(parsed.values("avi_controller_node_active", where: ["role": "leader"]).count == 1)
        #expect(parsed.values("avi_service_engines").map(\.value).reduce(0, +) == 12)
        #expect(parsed.values("avi_secure_channel_mappings").map(\.value).reduce(0, +) == 15)
        #expect(parsed.values("avi_secure_channel_mappings", where: ["role": "controller"]).map(\.value).reduce(0, +) == 3)
        let expected = try Self.notAfter(harness.simulator, certificate: "System-Default-Secure-Channel-Cert")
        #expect(parsed.value("avi_secure_channel_certificate_expiration_timestamp_seconds",
                             ["cluster": "lab", "name": "System-Default-Secure-Channel-Cert"]) == expected)
        let certificates = parsed.values("avi_certificate_expiration_timestamp_seconds")
        #expect(certificates.count == harness.store.latest().certificates.value?.count)
        #expect(Set(certificates.compactMap { $0.labels["uuid"] }).count == certificates.count, "one series per certificate")
        #expect(harness.simulator.mutatingRequests().allSatisfy { $0.path == "/login" })
    }

    @Test func quorumLostShowsAsZero() async throws {
        let harness = try await start()
        defer { Task { try? await harness.simulator.stop() } }
        harness.simulator.setNodeState(index: 1, state: "CLUSTER_INACTIVE")
        harness.simulator.setNodeState(index: 2, state: "CLUSTER_INACTIVE")
        let parsed = try await harness.samples()
        #expect(parsed.value("avi_controller_cluster_quorum") == 0)
        #expect(parsed.values("avi_controller_node_active").map(\.value).reduce(0, +) == 1)
    }

    @Test func aCertificateDeletedOnTheControllerDisappears() async throws {
        let harness = try await start()
        defer { Task { try? await harness.simulator.stop() } }
        let before = try await harness.samples()
        // A certificate nothing refers to (no CA: other certificates' chains refer to those),
        // deleted by someone else through the API.
        let unused = try #require(before.values("avi_certificate_expiration_timestamp_seconds",
                                                where: ["in_use": "false", "type": "virtualservice"])
            .first { !($0.labels["name"] ?? "").hasPrefix("System-Default-") })
        let uuid = try #require(unused.labels["uuid"])
        let writer = AviSession(settings: ConnectionSettings(controllers: [harness.endpoint.url], username: harness.endpoint.username,
                                                             password: harness.endpoint.password,
                                                             trust: TLSTrust(caFile: harness.endpoint.caFile.path), readOnly: false))
        #expect(harness.store.latest().certificates.failure == nil, "the first read succeeded")
        _ = try await writer.send(.delete, "/api/sslkeyandcertificate/\(uuid)")
        #expect(harness.simulator.storedObjectJSON(type: "sslkeyandcertificate", name: try #require(unused.labels["name"])) == nil)
        let after = try await harness.samples()
        #expect(harness.store.latest().certificates.failure == nil, "the read after the delete succeeded (not kept from before)")
        #expect(after.values("avi_certificate_expiration_timestamp_seconds", where: ["uuid": uuid]).isEmpty)
        #expect(after.values("avi_certificate_not_before_timestamp_seconds", where: ["uuid": uuid]).isEmpty)
        #expect(after.values("avi_certificate_expiration_timestamp_seconds").count
                == before.values("avi_certificate_expiration_timestamp_seconds").count - 1)
    }

    @Test func anUnreachableControllerKeepsLastValuesAndFailsTheProbe() async throws {
        let harness = try await start()
        let before = try await harness.samples()
        try await harness.simulator.stop()
        let after = try await harness.samples()
        #expect(after.value("avitui_probe_success") == 0)
        #expect(after.value("avi_controller_cluster_quorum") == 1)
        #expect(after.value("avitui_last_success_timestamp_seconds", ["resource": "cluster"])
                == before.value("avitui_last_success_timestamp_seconds", ["resource": "cluster"]))
        #expect(after.values("avi_certificate_expiration_timestamp_seconds").count
                == before.values("avi_certificate_expiration_timestamp_seconds").count)
    }
}
