import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Simulator
import Testing

/// `avitui exporter` as systemd runs it: profiles from a config file, stderr as the log, SIGTERM to stop.
@Suite("headless: exporter", .serialized)
struct HeadlessExporterTests {
    /// A config file with one profile per (name, simulator endpoint or dead address).
    static func config(_ profiles: [(name: String, endpoint: SimulatorEndpoint?)]) throws -> [String: String] {
        let directory = try HeadlessPrometheusTests.temporaryDirectory()
        var text = ""
        for (name, endpoint) in profiles {
            let passwordFile = directory.appendingPathComponent("\(name).password")
            try Data((endpoint?.password ?? "unused-password").utf8).write(to: passwordFile)
            chmod(passwordFile.path, 0o600)
            text += """
                [profiles.\(name)]
                controller = "\(endpoint?.url.absoluteString ?? "https://127.0.0.1:9")"
                username = "\(endpoint?.username ?? "admin")"
                ca_file = "\(endpoint?.caFile.path ?? "/etc/ssl/certs/ca-certificates.crt")"
                password_file = "\(passwordFile.path)"

                """
        }
        let config = directory.appendingPathComponent("config.toml")
        try Data(text.utf8).write(to: config)
        var environment = Headless.environment(nil)
        environment["AVITUI_CONFIG"] = config.path
        return environment
    }

    static func get(_ url: String) async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: url)))
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func servesSeveralProfilesOneDeadAndStopsOnSIGTERM() async throws {
        let (first, firstEndpoint) = try await Headless.simulator()
        let (second, secondEndpoint) = try await Headless.simulator { $0.version = "22.1.6" }
        defer { Task { try? await first.stop(); try? await second.stop() } }
        let environment = try Self.config([("prod", firstEndpoint), ("lab", secondEndpoint), ("dead", nil)])
        let exporter = try FollowedProcess(["exporter", "--all", "--listen", "127.0.0.1:0", "--interval", "2"], environment: environment)
        defer { exporter.terminate() }
        #expect(await exporter.waitForErrors(containing: "cluster lab up"))
        #expect(await exporter.waitForErrors(containing: "cluster prod up"))
        #expect(await exporter.waitForErrors(containing: "cluster dead down"))
        let log = exporter.errors.text
        let start = try #require(log.split(separator: "\n").first { $0.hasPrefix("avitui exporter: listening on http://127.0.0.1:") })
        let afterHost = try #require(start.range(of: "http://127.0.0.1:")).upperBound
        let port = try #require(Int(start[afterHost...].prefix { $0.isNumber }))
        #expect(start.contains("3 clusters: dead, lab, prod"))

        let metrics = try await Self.get("http://127.0.0.1:\(port)/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains("avitui_probe_success{cluster=\"prod\"} 1.0\n"))
        #expect(metrics.body.contains("avitui_probe_success{cluster=\"lab\"} 1.0\n"))
        #expect(metrics.body.contains("avitui_probe_success{cluster=\"dead\"} 0.0\n"))
        #expect(metrics.body.contains("avi_controller_cluster_quorum{cluster=\"lab\"} 1.0\n"))
        let probe = try await Self.get("http://127.0.0.1:\(port)/probe?target=lab")
        #expect(probe.status == 200)
        #expect(probe.body.contains("avi_controller_cluster_quorum{cluster=\"lab\"} 1.0\n"))
        #expect(!probe.body.contains("cluster=\"prod\""))
        #expect(try await Self.get("http://127.0.0.1:\(port)/probe?target=staging").status == 404)

        // Only reads and logins reached the controllers.
        for simulator in [first, second] {
            #expect(simulator.mutatingRequests().allSatisfy { $0.method == "POST" && ($0.path == "/login" || $0.path == "/logout") })
        }
        kill(exporter.process.processIdentifier, SIGTERM)
        #expect(await exporter.waitForExit() == 0)
        #expect(exporter.errors.text.contains("avitui exporter: stopping\n"))
        for password in [firstEndpoint.password, secondEndpoint.password, "unused-password"] {
            #expect(!exporter.errors.text.contains(password), "the log never holds a password")
        }
    }

    @Test func statusAllPrometheusHasOneClusterLabelPerProfile() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        let environment = try Self.config([("prod", endpoint), ("dead", nil)])
        let run = try Headless.run(["status", "--all", "--prometheus"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("avitui_probe_success{cluster=\"prod\"} 1.0\n"))
        #expect(run.stdout.contains("avitui_probe_success{cluster=\"dead\"} 0.0\n"))
        #expect(run.stdout.contains("avi_controller_cluster_quorum{cluster=\"prod\"} 1.0\n"))
        #expect(run.stdout.components(separatedBy: "# TYPE avitui_probe_success gauge").count == 2, "one family for every cluster")

        let path = try HeadlessPrometheusTests.temporaryDirectory().appendingPathComponent("avitui.prom").path
        let written = try Headless.run(["status", "--all", "--textfile", path], environment: environment)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("avitui_probe_success{cluster=\"dead\"} 0.0\n"))
    }

    @Test func aNonLoopbackAddressNeedsConfirmation() throws {
        let run = try Headless.run(["exporter", "--all", "--listen", "0.0.0.0:9799"], environment: Headless.environment(nil))
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.hasPrefix("avitui: --listen 0.0.0.0:9799 is not a loopback address"))
        #expect(run.stderr.contains("--allow-non-loopback"))
    }

    @Test func anUnknownProfileIsOneLine() throws {
        let environment = try Self.config([("prod", nil)])
        let run = try Headless.run(["exporter", "--profile", "staging", "--listen", "127.0.0.1:0"], environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("staging"))
    }

    @Test func aPortInUseIsOneLine() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        let environment = try Self.config([("prod", endpoint)])
        let run = try Headless.run(["exporter", "--profile", "prod", "--listen", "127.0.0.1:\(endpoint.port)"], environment: environment)
        #expect(run.status == 1)
        #expect(run.stderr == "avitui: cannot listen on 127.0.0.1:\(endpoint.port): the port is in use — stop what uses it or choose another with --listen\n")
    }
}
