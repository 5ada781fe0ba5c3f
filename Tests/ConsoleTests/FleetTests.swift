import AviAPI
import Console
import Foundation
import Simulator
import Testing

/// A config file on disk with one profile per simulator (password files mode 0600).
struct FleetFixture {
    let directory: URL
    var text = ""

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Adds `[profiles.NAME]` for `endpoint` (or a dead address), with `password` in a 0600 file.
    mutating func add(_ name: String, endpoint: SimulatorEndpoint?, password: String? = nil, controller: String? = nil,
                      extra: String = "") throws {
        let file = directory.appendingPathComponent("\(name).password")
        try Data(((password ?? endpoint?.password ?? "unused") + "\n").utf8).write(to: file)
        chmod(file.path, 0o600)
        text += """
            [profiles.\(name)]
            controller = "\(controller ?? endpoint?.url.absoluteString ?? "https://127.0.0.1:1")"
            username = "\(endpoint?.username ?? "admin")"
            password_file = "\(file.path)"
            \(endpoint.map { "ca_file = \"\($0.caFile.path)\"" } ?? "")
            \(extra)

            """
    }

    func config() throws -> ConfigFile { try ConfigFile.parse(text, path: directory.appendingPathComponent("config.toml").path) }

    func members(_ selection: FleetSelection = FleetSelection()) throws -> [FleetMember] {
        let config = try config()
        return FleetMember.resolve(try selection.profiles(in: config), config: config, environment: ["HOME": directory.path])
    }
}

@Suite("Fleet: selection, light summaries, polling many clusters")
struct FleetTests {
    static func simulator(_ configure: (inout SimulatorOptions) -> Void = { _ in }) async throws -> (ControllerSimulator, SimulatorEndpoint) {
        var options = SimulatorOptions()
        options.alertInterval = nil
        configure(&options)
        let simulator = ControllerSimulator(options: options)
        return (simulator, try await simulator.start())
    }

    @Test func profilesCarryTagsAndColourAndTheFilterSelectsByThem() throws {
        let config = try ConfigFile.parse("""
            [profiles.prod-ams]
            controller = "a.example"
            tags = { env = "prod", site = "ams" }
            color = "bright-red"
            [profiles.prod-fra]
            controller = "b.example"
            tags = { env = "prod", site = "fra" }
            [profiles.lab]
            controller = "c.example"
            tags = ["lab"]
            """, path: "c.toml")
        #expect(config.profiles["prod-ams"]?.tags == ["env": "prod", "site": "ams"])
        #expect(config.profiles["prod-ams"]?.color == "bright-red")
        #expect(try FleetSelection().profiles(in: config).map(\.name) == ["lab", "prod-ams", "prod-fra"])
        #expect(try FleetSelection(tags: ["env=prod"]).profiles(in: config).map(\.name) == ["prod-ams", "prod-fra"])
        #expect(try FleetSelection(tags: ["env=prod", "site=fra"]).profiles(in: config).map(\.name) == ["prod-fra"])
        #expect(try FleetSelection(tags: ["lab"]).profiles(in: config).map(\.name) == ["lab"])
        #expect(try FleetSelection(names: ["prod-fra", "lab"], tags: ["env=prod"]).profiles(in: config).map(\.name) == ["prod-fra"])
    }

    @Test func badSelectionsAreOneClearLine() throws {
        let config = try ConfigFile.parse("[profiles.a]\ncontroller = \"a\"\ntags = { env = \"prod\" }\n", path: "c.toml")
        #expect(throws: ConfigError.self) { try FleetSelection(names: ["nope"]).profiles(in: config) }
        do { _ = try FleetSelection(names: ["nope"]).profiles(in: config) } catch {
            #expect("\(error)".contains("no profile 'nope'; known: a"))
        }
        do { _ = try FleetSelection(tags: ["env=dev"]).profiles(in: config) } catch {
            #expect("\(error)".contains("no profile has tag env=dev; tags in use: env=prod"))
        }
        do { _ = try FleetSelection().profiles(in: ConfigFile(path: "c.toml")) } catch {
            #expect("\(error)".contains("defines no profiles"))
        }
        #expect(throws: ConfigError.self) { try ConfigFile.parse("[profiles.a]\ncolor = \"chartreuse-ish\"\n", path: "c.toml") }
        #expect(throws: ConfigError.self) { try ConfigFile.parse("[profiles.a]\ntags = { env = 3 }\n", path: "c.toml") }
    }

    @Test func theLightSummaryAgreesWithTheFullSnapshot() async throws {
        let (simulator, endpoint) = try await Self.simulator { $0.serviceEngines = 30; $0.certificates = 60 }
        defer { Task { try? await simulator.stop() } }
        simulator.failSecureChannelMappings(count: 2)
        simulator.setCertificateNotAfter(name: "System-Default-Secure-Channel-Cert", Date().addingTimeInterval(3 * 86_400 + 3600))
        simulator.addAlert(level: "ALERT_HIGH", summary: "x", objectName: "y")
        let settings = ConnectionSettings(controllers: [endpoint.url], username: endpoint.username, password: endpoint.password,
                                          trust: TLSTrust(caFile: endpoint.caFile.path), readOnly: true)
        let client = AviClient(settings: settings)
        try await client.session.connect()
        let light = try await ClusterSummaryReader(client: client).poll()
        let store = SnapshotStore(Snapshot(connection: ConnectionInfo(controller: "x", username: "u", tenant: "admin",
                                                                      controllerVersion: light.controllerVersion, readOnly: true, insecure: false)))
        await Refresher(client: client, store: store).refreshAllOnce()
        let full = ClusterSummary(store.latest(), now: Date())
        #expect(light.partErrors.isEmpty, "\(light.partErrors)")
        #expect(light.clusterState == full.clusterState && light.clusterState != nil)
        #expect(light.nodesActive == full.nodesActive && light.leader == full.leader && light.hasQuorum == true)
        #expect(light.serviceEnginesTotal == 30 && light.serviceEnginesUp == full.serviceEnginesUp)
        #expect(light.mappingsNotAuthenticated == full.mappingsNotAuthenticated && (light.mappingsNotAuthenticated ?? 0) >= 1)
        #expect(light.secureChannelCertificate?.name == "System-Default-Secure-Channel-Cert")
        #expect(light.secureChannelCertificate?.daysLeft(now: Date()) == 3)
        #expect(light.secureChannelCertificate == full.secureChannelCertificate)
        #expect(light.soonestCertificates.map(\.name) == full.soonestCertificates.map(\.name))
        #expect(light.soonestCertificates.count == 3)
        #expect(light.alertsHigh == full.alertsHigh && (light.alertsHigh ?? 0) >= 1)
        #expect(light.controllerVersion == "31.2.1")
    }

    @Test func theSummaryReadCostsAFewRequestsWhateverTheScale() async throws {
        var counts: [Int] = []
        for scale in [10, 450] {
            let (simulator, endpoint) = try await Self.simulator { $0.serviceEngines = scale / 10; $0.certificates = scale; $0.alerts = scale }
            let client = AviClient(settings: ConnectionSettings(controllers: [endpoint.url], username: endpoint.username,
                                                                password: endpoint.password, trust: TLSTrust(caFile: endpoint.caFile.path),
                                                                readOnly: true))
            try await client.session.connect()
            simulator.resetCounters()
            _ = try await ClusterSummaryReader(client: client).poll()
            counts.append(simulator.requestCount())
            try? await simulator.stop()
        }
        #expect(counts[0] == counts[1], "requests for 10 and 450 certificates/alerts: \(counts)")
        #expect(counts[0] <= 8)
    }

    @Test func deadRefusingAndMisconfiguredClustersAreRowsNotFailures() async throws {
        let (good, goodEndpoint) = try await Self.simulator()
        let (refusing, refusingEndpoint) = try await Self.simulator()
        let (broken, brokenEndpoint) = try await Self.simulator { $0.version = "22.1.6" }
        defer { Task { try? await good.stop(); try? await refusing.stop(); try? await broken.stop() } }
        broken.failSecureChannelMappings(count: 6)
        var fixture = try FleetFixture()
        try fixture.add("good", endpoint: goodEndpoint)
        try fixture.add("tunnels", endpoint: brokenEndpoint)
        try fixture.add("dead", endpoint: nil)
        try fixture.add("wrongpass", endpoint: refusingEndpoint, password: "not-the-password")
        fixture.text += "[profiles.nofile]\ncontroller = \"\(goodEndpoint.url.absoluteString)\"\nusername = \"admin\"\n"
        let poller = FleetPoller(members: try fixture.members()) { _, client, _ in ClusterSummaryReader(client: client) }
        await poller.pollOnce()
        var state = poller.store.latest()
        #expect(state.entry(named: "good")?.value?.clusterState == "CLUSTER_UP_HA_ACTIVE")
        #expect(state.entry(named: "tunnels")?.value?.controllerVersion == "22.1.6")
        #expect(state.entry(named: "dead")?.failure == .unreachable)
        #expect(state.entry(named: "dead")?.nextAttempt != nil, "a dead cluster is retried later")
        #expect(state.entry(named: "wrongpass")?.failure == .loginRefused)
        #expect(state.entry(named: "wrongpass")?.nextAttempt == nil)
        #expect(state.entry(named: "nofile")?.failure == .configuration)
        #expect(state.entry(named: "nofile")?.error?.contains("password_file") == true)

        // The refused password is never sent again (account lockout), whatever happens next.
        let loginsBefore = refusing.mutatingRequests().filter { $0.path == "/login" }.count
        await poller.refreshNow()
        await poller.pollOnce()
        #expect(refusing.mutatingRequests().filter { $0.path == "/login" }.count == loginsBefore)
        #expect(loginsBefore == 1)

        state = poller.store.latest()
        let order = FleetOrder().sorted(state.entries, now: Date()) { $0 }.map(\.name)
        #expect(Array(order.prefix(3)).sorted() == ["dead", "nofile", "wrongpass"])
        #expect(Array(order.suffix(2)) == ["tunnels", "good"], "\(state.entries.map { ($0.name, $0.value?.mappingsNotAuthenticated, $0.value?.serviceEnginesDown, $0.value?.hasQuorum) })")
        #expect(good.mutatingRequests().allSatisfy { $0.path == "/login" }, "fleet polling only reads")
    }

    @Test func aSlowClusterDoesNotHoldTheOthersBack() async throws {
        let (fast, fastEndpoint) = try await Self.simulator()
        let (slow, slowEndpoint) = try await Self.simulator()
        defer { Task { try? await fast.stop(); try? await slow.stop() } }
        slow.setLatency(6)
        var fixture = try FleetFixture()
        try fixture.add("fast", endpoint: fastEndpoint)
        try fixture.add("slow", endpoint: slowEndpoint)
        try fixture.add("dead", endpoint: nil)
        let poller = FleetPoller(members: try fixture.members(), options: FleetPollOptions(maxConcurrent: 2)) { _, client, _ in
            ClusterSummaryReader(client: client)
        }
        await poller.start()
        defer { Task { await poller.stop() } }
        var state = poller.store.latest()
        for _ in 0..<300 where state.entry(named: "fast")?.value == nil {
            try await Task.sleep(nanoseconds: 100_000_000)
            state = poller.store.latest()
        }
        #expect(state.entry(named: "fast")?.value != nil)
        // The slow cluster (6 s per answer, login and reads) cannot have answered yet.
        #expect(state.entry(named: "slow")?.isLoading == true)
    }
}

@Suite("Fleet check: the worst of several results")
struct FleetCheckTests {
    @Test func criticalBeatsWarningBeatsUnknownBeatsOK() {
        func result(_ status: PluginStatus) -> CheckResult {
            CheckResult(service: "CERTS", status: status, summary: status.label.lowercased(), perfData: [PerfDatum("expired", 1)])
        }
        let warning = FleetCheck.combine(service: "CERTS", [("a", result(.ok)), ("b", result(.unknown)), ("c", result(.warning))])
        #expect(warning.status == .warning, "WARNING outranks UNKNOWN although its exit code is lower")
        #expect(warning.details == ["c: WARNING - warning", "b: UNKNOWN - unknown", "a: OK - ok"])
        #expect(warning.perfData.map(\.label) == ["c_expired", "b_expired", "a_expired"])
        #expect(warning.summary == "3 clusters: 1 WARNING (c), 1 UNKNOWN (b), 1 OK")
        let critical = FleetCheck.combine(service: "CERTS", [("a", result(.warning)), ("b", result(.critical)), ("c", result(.unknown))])
        #expect(critical.status == .critical)
        #expect(critical.statusLine.hasPrefix("AVI CERTS CRITICAL - 3 clusters: 1 CRITICAL (b), 1 WARNING (a), 1 UNKNOWN (c) | b_expired=1;;;0"))
        #expect(FleetCheck.combine(service: "CERTS", [("a", result(.ok))]).summary == "the 1 cluster is OK")
        #expect(FleetCheck.combine(service: "CERTS", []).status == .unknown)
    }

    @Test func theFleetIntervalGrowsWithTheFleetBeyondSixteenClusters() {
        #expect(FleetPollOptions.interval(forClusters: 1) == 10)
        #expect(FleetPollOptions.interval(forClusters: 16) == 10)
        #expect(FleetPollOptions.interval(forClusters: 50) == 32)
        #expect(FleetPollOptions.interval(forClusters: 200) == 125)
        // Polls per second of the whole fleet never pass the budget.
        for clusters in [8, 17, 50, 200] {
            #expect(Double(clusters) / FleetPollOptions.interval(forClusters: clusters) <= FleetPollOptions.pollsPerSecond)
        }
    }
}
