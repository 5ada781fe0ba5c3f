import AviAPI
import Console
import Exporter
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Simulator
import Testing

/// A feed over a snapshot store that counts how often it is read.
final class StoreFeed: ClusterFeed, @unchecked Sendable {
    let cluster: String
    let store: SnapshotStore?
    private let lock = NSLock()
    private var reads = 0
    var error: String?

    init(cluster: String, store: SnapshotStore?, error: String? = nil) {
        self.cluster = cluster
        self.store = store
        self.error = error
    }

    func reading() -> ClusterReading {
        lock.withLock { reads += 1 }
        return ClusterReading(cluster: cluster, snapshot: store?.latest(), error: error)
    }

    var readCount: Int { lock.withLock { reads } }
}

/// One HTTP exchange with the listener, through URLSession (a real socket on loopback).
struct Exchange {
    var status: Int
    var headers: [String: String]
    var body: String

    static func send(_ method: String, _ url: String) async throws -> Exchange {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers[String(describing: key).lowercased()] = String(describing: value) }
        return Exchange(status: http.statusCode, headers: headers, body: String(decoding: data, as: UTF8.self))
    }
}

@Suite("exporter: listener and routes", .serialized)
struct ExporterServerTests {
    func fixtureCache() throws -> (MetricsCache, StoreFeed) {
        let feed = StoreFeed(cluster: "prod", store: SnapshotStore(try ExporterFixtures.fullSnapshot()))
        let dead = StoreFeed(cluster: "dr", store: nil, error: "login refused")
        return (MetricsCache(feeds: [feed, dead]), feed)
    }

    @Test func onlyGetAndHeadAreAnswered() throws {
        let (cache, _) = try fixtureCache()
        for method in ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"] {
            let response = ExporterRoutes.respond(method: method, target: "/metrics", cache: cache)
            #expect(response.status == 405, "\(method)")
            #expect(response.headers["Allow"] == "GET, HEAD")
        }
        #expect(ExporterRoutes.respond(method: "GET", target: "/metrics", cache: cache).status == 200)
        #expect(ExporterRoutes.respond(method: "HEAD", target: "/metrics", cache: cache).status == 200)
    }

    @Test func neverAProxy() throws {
        let (cache, _) = try fixtureCache()
        for target in ["https://10.0.0.5/api/systemconfiguration", "http://ctrl/api/cluster", "ctrl:443"] {
            #expect(ExporterRoutes.respond(method: "GET", target: target, cache: cache).status == 400, "\(target)")
        }
        for target in ["/api/systemconfiguration", "/api/cluster/runtime", "/login", "/metrics/../api"] {
            #expect(ExporterRoutes.respond(method: "GET", target: target, cache: cache).status == 404, "\(target)")
        }
    }

    @Test func probeTakesOnlyAKnownTarget() throws {
        let (cache, _) = try fixtureCache()
        let prod = ExporterRoutes.respond(method: "GET", target: "/probe?target=prod", cache: cache)
        #expect(prod.status == 200)
        #expect(prod.contentType == "text/plain; version=0.0.4; charset=utf-8")
        let parsed = try ParsedExposition(String(decoding: prod.body, as: UTF8.self))
        #expect(Set(parsed.samples.compactMap { $0.labels["cluster"] }) == ["prod"])
        #expect(parsed.value("avitui_probe_success") == 1)
        let dr = try ParsedExposition(String(decoding: ExporterRoutes.respond(method: "GET", target: "/probe?target=dr", cache: cache).body, as: UTF8.self))
        #expect(dr.value("avitui_probe_success", ["cluster": "dr"]) == 0)

        let unknown = ExporterRoutes.respond(method: "GET", target: "/probe?target=%3Cscript%3E", cache: cache)
        #expect(unknown.status == 404)
        #expect(!String(decoding: unknown.body, as: UTF8.self).contains("script"), "the target is not echoed")
        #expect(ExporterRoutes.respond(method: "GET", target: "/probe", cache: cache).status == 400)
        #expect(ExporterRoutes.respond(method: "GET", target: "/probe?target=", cache: cache).status == 400)
        // Credentials never come from the URL.
        for query in ["target=prod&password=secret", "target=prod&username=admin", "target=prod&controller=https://evil",
                      "target=prod&target=dr", "module=avi&target=prod"] {
            #expect(ExporterRoutes.respond(method: "GET", target: "/probe?\(query)", cache: cache).status == 400, "\(query)")
        }
    }

    @Test func metricsHoldEveryClusterAndHealthzAnswers() throws {
        let (cache, _) = try fixtureCache()
        let parsed = try ParsedExposition(String(decoding: ExporterRoutes.respond(method: "GET", target: "/metrics", cache: cache).body,
                                                 as: UTF8.self))
        #expect(parsed.value("avitui_probe_success", ["cluster": "prod"]) == 1)
        #expect(parsed.value("avitui_probe_success", ["cluster": "dr"]) == 0)
        #expect(parsed.value("avi_controller_cluster_quorum", ["cluster": "prod"]) == 1)
        let health = ExporterRoutes.respond(method: "GET", target: "/healthz", cache: cache)
        #expect(health.status == 200)
        #expect(String(decoding: health.body, as: UTF8.self) == "ok\n")
    }

    @Test func anUnchangedReadingIsNotRenderedAgain() throws {
        let store = SnapshotStore(try ExporterFixtures.fullSnapshot())
        let feed = StoreFeed(cluster: "prod", store: store)
        let cache = MetricsCache(feeds: [feed])
        let first = cache.metrics()
        #expect(cache.metrics() == first)
        #expect(feed.readCount == 2)
        // A newer snapshot (one certificate gone) shows at once.
        store.update { snapshot in snapshot.certificates.value?.removeFirst() }
        let second = String(decoding: cache.metrics(), as: UTF8.self)
        #expect(!second.contains("name=\"web-cert\""))
        #expect(String(decoding: first, as: UTF8.self).contains("name=\"web-cert\""))
    }

    @Test func listenAddresses() throws {
        #expect(try ListenAddress.parse("127.0.0.1:9799") == ListenAddress(host: "127.0.0.1", port: 9799))
        #expect(try ListenAddress.parse("[::1]:9100") == ListenAddress(host: "::1", port: 9100))
        #expect(try ListenAddress.parse("localhost:0").isLoopback)
        #expect(try ListenAddress.parse("127.10.0.1:80").isLoopback)
        #expect(try !ListenAddress.parse("0.0.0.0:9799").isLoopback)
        #expect(try !ListenAddress.parse("10.0.0.5:9799").isLoopback)
        #expect(try !ListenAddress.parse("[::]:9799").isLoopback)
        #expect(try !ListenAddress.parse("127.example.com:9799").isLoopback)
        for bad in ["9799", ":9799", "127.0.0.1", "127.0.0.1:http", "127.0.0.1:70000", "[::1]9799", "::1:9799"] {
            #expect(throws: ListenAddress.Invalid.self, "\(bad)") { try ListenAddress.parse(bad) }
        }
        #expect(ListenAddress.defaultValue.isLoopback)
    }

    @Test func servesOverLoopbackAndRefusesOtherMethods() async throws {
        let (cache, _) = try fixtureCache()
        let server = try await ExporterServer.start(ListenAddress(host: "127.0.0.1", port: 0), cache: cache)
        defer { Task { await server.stop() } }
        let base = "http://127.0.0.1:\(server.port)"
        let metrics = try await Exchange.send("GET", base + "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(try ParsedExposition(metrics.body).value("avitui_probe_success", ["cluster": "prod"]) == 1)
        let head = try await Exchange.send("HEAD", base + "/metrics")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.headers["content-length"] == String(metrics.body.utf8.count))
        let post = try await Exchange.send("POST", base + "/metrics")
        #expect(post.status == 405)
        #expect(post.headers["allow"] == "GET, HEAD")
        #expect(try await Exchange.send("DELETE", base + "/probe?target=prod").status == 405)
        #expect(try await Exchange.send("GET", base + "/probe?target=nope").status == 404)
        #expect(try await Exchange.send("GET", base + "/healthz").status == 200)
    }

    @Test func aPortInUseIsOneClearLine() async throws {
        let (cache, _) = try fixtureCache()
        let first = try await ExporterServer.start(ListenAddress(host: "127.0.0.1", port: 0), cache: cache)
        defer { Task { await first.stop() } }
        let address = ListenAddress(host: "127.0.0.1", port: first.port)
        do {
            let second = try await ExporterServer.start(address, cache: cache)
            await second.stop()
            Issue.record("a second listener on \(address) started")
        } catch let error as ExporterServer.StartFailure {
            #expect(error.description == "cannot listen on \(address): the port is in use — stop what uses it or choose another with --listen")
        }
    }

    @Test func stateChangesAreLoggedOncePerChange() throws {
        let lines = LockedLines()
        let log = ClusterStateLog { lines.append($0) }
        let store = SnapshotStore(try ExporterFixtures.fullSnapshot())
        let up = ClusterReading(cluster: "prod", snapshot: store.latest())
        log.observe([up, ClusterReading(cluster: "dr", snapshot: nil)])
        log.observe([up])
        #expect(lines.all == ["avitui exporter: cluster prod up (3 nodes, 2 SEs, 2 certificates)\n"])
        log.observe([ClusterReading(cluster: "prod", snapshot: store.latest(), error: "controller 127.0.0.1:1 unreachable")])
        log.observe([ClusterReading(cluster: "prod", snapshot: store.latest(), error: "controller 127.0.0.1:1 unreachable")])
        log.observe([up])
        #expect(lines.all.count == 3)
        #expect(lines.all[1] == "avitui exporter: cluster prod down: controller 127.0.0.1:1 unreachable\n")
    }

    /// Scrapes read the cache: however many, the controller sees no request.
    @Test func scrapesNeverReachTheController() async throws {
        var options = SimulatorOptions()
        options.alertInterval = nil
        let simulator = ControllerSimulator(options: options)
        let endpoint = try await simulator.start()
        defer { Task { try? await simulator.stop() } }
        let settings = ConnectionSettings(controllers: [endpoint.url], username: endpoint.username, password: endpoint.password,
                                          trust: TLSTrust(caFile: endpoint.caFile.path), readOnly: true)
        let store = SnapshotStore(Snapshot(connection: ConnectionInfo(controller: endpoint.url.absoluteString, username: endpoint.username,
                                                                      tenant: "admin", readOnly: true, insecure: false)))
        await Refresher(client: AviClient(settings: settings), store: store).refreshAllOnce()
        let cache = MetricsCache(feeds: [StoreFeed(cluster: "lab", store: store)])
        let server = try await ExporterServer.start(ListenAddress(host: "127.0.0.1", port: 0), cache: cache)
        defer { Task { await server.stop() } }
        simulator.resetCounters()
        for path in ["/metrics", "/probe?target=lab", "/healthz", "/metrics", "/probe?target=lab"] {
            #expect(try await Exchange.send("GET", "http://127.0.0.1:\(server.port)\(path)").status == 200)
        }
        #expect(simulator.requestCount() == 0)
    }
}

final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
