import Foundation
import Simulator
import Testing

/// `avitui status --prometheus` and `--textfile PATH` as cron or a systemd timer runs them.
@Suite("headless: status --prometheus and --textfile", .serialized)
struct HeadlessPrometheusTests {
    @Test func prometheusPrintsTheExposition() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        let run = try Headless.run(["status", "--prometheus"], environment: Headless.environment(endpoint))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("# TYPE avi_controller_cluster_quorum gauge\n"))
        #expect(run.stdout.contains("avi_controller_cluster_quorum{cluster=\"127.0.0.1\"} 1.0\n"))
        #expect(run.stdout.contains("avitui_probe_success{cluster=\"127.0.0.1\"} 1.0\n"))
        #expect(run.stdout.contains("avi_secure_channel_certificate_expiration_timestamp_seconds{cluster=\"127.0.0.1\",name=\"System-Default-Secure-Channel-Cert\"} "))
        #expect(run.stderr.isEmpty)
    }

    @Test func theClusterLabelIsTheProfileName() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        let environment = try Self.profileEnvironment(endpoint, profile: "prod-eu")
        let run = try Headless.run(["status", "--prometheus", "--profile", "prod-eu"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("avitui_probe_success{cluster=\"prod-eu\"} 1.0\n"))
    }

    @Test func textfileIsWrittenWholeAndReadable() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        let directory = try Self.temporaryDirectory()
        let path = directory.appendingPathComponent("avitui.prom").path
        try Data("stale\n".utf8).write(to: URL(fileURLWithPath: path))
        let run = try Headless.run(["status", "--textfile", path], environment: Headless.environment(endpoint))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("avi_controller_cluster_quorum{cluster=\"127.0.0.1\"} 1.0\n"))
        #expect(!text.contains("stale"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["avitui.prom"], "no temporary file left")
    }

    @Test func anUnreachableControllerStillWritesAFailedProbe() throws {
        let directory = try Self.temporaryDirectory()
        let path = directory.appendingPathComponent("avitui.prom").path
        let run = try Headless.run(["status", "--textfile", path, "--connect-timeout", "1"],
                                   environment: Headless.environment(nil, controller: "https://127.0.0.1:9"))
        #expect(run.status == 1)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("avitui_probe_success{cluster=\"127.0.0.1\"} 0.0\n"))
        #expect(!text.contains("avi_controller_cluster_quorum"))
    }

    @Test func aMissingDirectoryIsOneClearLine() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        let run = try Headless.run(["status", "--textfile", "/nonexistent-avitui/avitui.prom"], environment: Headless.environment(endpoint))
        #expect(run.status == 2)
        #expect(simulator.requestCount() == 0, "checked before the controller is read")
        #expect(run.stderr == "avitui: --textfile /nonexistent-avitui/avitui.prom: the directory /nonexistent-avitui does not exist — create it or choose another path\n")
    }

    @Test func jsonAndPrometheusTogetherIsAUsageError() throws {
        let run = try Headless.run(["status", "--json", "--prometheus"], environment: Headless.environment(nil, controller: "https://127.0.0.1:9"))
        #expect(run.status != 0)
        #expect(run.stderr.contains("--json cannot be combined with --prometheus or --textfile"))
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-textfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A config file with one profile for the simulator, its password in a 0600 file.
    static func profileEnvironment(_ endpoint: SimulatorEndpoint, profile: String) throws -> [String: String] {
        let directory = try temporaryDirectory()
        let passwordFile = directory.appendingPathComponent("password")
        try Data(endpoint.password.utf8).write(to: passwordFile)
        chmod(passwordFile.path, 0o600)
        let config = directory.appendingPathComponent("config.toml")
        try Data("""
            [profiles.\(profile)]
            controller = "\(endpoint.url.absoluteString)"
            username = "\(endpoint.username)"
            ca_file = "\(endpoint.caFile.path)"
            password_file = "\(passwordFile.path)"
            """.utf8).write(to: config)
        var environment = Headless.environment(nil)
        environment["AVITUI_CONFIG"] = config.path
        return environment
    }
}
