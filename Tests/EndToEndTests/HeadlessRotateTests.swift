import Foundation
import Simulator
import Testing

/// `avitui rotate` as a script runs it: exit statuses for a rotation that fails verification and is
/// rolled back, `--verify-only` on a healthy and a broken channel, the CSR path, an unverified import.
@Suite("headless: rotate", .serialized)
struct HeadlessRotateTests {
    static let heartbeat = "0.25"

    /// SEs present and healthy; peers answer a new certificate as `reaction` says.
    static func simulator(_ reaction: SecureChannelReaction) async throws -> (ControllerSimulator, SimulatorEndpoint) {
        let (simulator, endpoint) = try await Headless.simulator {
            $0.serviceEngines = 4
            $0.certificates = 8
            $0.alerts = 0
            $0.secureChannelReaction = reaction
            $0.heartbeatSeconds = Double(heartbeat) ?? 0.25
        }
        simulator.makeSecureChannelHealthy()
        return (simulator, endpoint)
    }

    static func environment(_ endpoint: SimulatorEndpoint) -> [String: String] {
        var environment = Headless.environment(endpoint)
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-rotate-\(UUID().uuidString)")
        environment["XDG_STATE_HOME"] = state.path
        return environment
    }

    /// A usable certificate, as `rotate` itself lists them when a name is unknown.
    static func usableName(_ environment: [String: String]) throws -> String {
        let run = try Headless.run(["rotate", "--to", "no-such-certificate", "--dry-run"], environment: environment)
        let list = try #require(run.stderr.range(of: "usable: ").map { run.stderr[$0.upperBound...] })
        return String(list.prefix { $0 != "," && $0 != " " && $0 != "\n" })
    }

    @Test func failedVerificationIsCaughtNamedAndRolledBackWithExit4() async throws {
        let (simulator, endpoint) = try await Self.simulator(.fail)
        defer { Task { try? await simulator.stop() } }
        let environment = Self.environment(endpoint)
        let name = try Self.usableName(environment)
        let run = try Headless.run(["rotate", "--to", name, "--yes", "--override-checks", "--rollback-on-failure",
                                    "--heartbeat-seconds", Self.heartbeat, "--commit-window", "1"], environment: environment)
        #expect(run.status == 4, "\(run.stdout)\n\(run.stderr)")
        let named = run.stdout.split(separator: "\n").first { $0.contains("did not come back:") } ?? ""
        #expect(named.contains("Avi-se-") && named.contains("controller node"), "\(run.stdout)")
        #expect(run.stdout.contains("[rollback] verification failed"))
        #expect(run.stdout.contains("rolled back: the previous certificate is in place"), "\(run.stdout)")
        let audit = try String(contentsOfFile: environment["XDG_STATE_HOME"]! + "/avitui/audit.jsonl", encoding: .utf8)
        #expect(audit.split(separator: "\n").count == 2)
        #expect(audit.contains("\"action\":\"rollback_after_failed_verification\""))
        #expect(simulator.mappingStatuses().values.allSatisfy { $0.hasSuffix("_SUCCESS") }, "the mappings recovered")
        // Without --rollback-on-failure the same failure exits 3 and prints the rollback as a command.
        let (again, endpoint2) = try await Self.simulator(.fail)
        defer { Task { try? await again.stop() } }
        let environment2 = Self.environment(endpoint2)
        let second = try Headless.run(["rotate", "--to", try Self.usableName(environment2), "--yes", "--override-checks",
                                       "--heartbeat-seconds", Self.heartbeat], environment: environment2)
        #expect(second.status == 3, "\(second.stdout)\n\(second.stderr)")
        #expect(second.stdout.contains("roll back to System-Default-Secure-Channel-Cert: avitui rotate --controller"))
        #expect(second.stdout.contains("--ca-file \(endpoint2.caFile.standardizedFileURL.path)"))
    }

    @Test func verifyOnlyIsZeroWhenHealthyAndThreeWhenBroken() async throws {
        let (simulator, endpoint) = try await Self.simulator(.ok)
        defer { Task { try? await simulator.stop() } }
        var environment = Self.environment(endpoint)
        let healthy = try Headless.run(["rotate", "--verify-only", "--heartbeat-seconds", Self.heartbeat, "--read-only"], environment: environment)
        #expect(healthy.status == 0, "\(healthy.stdout)\n\(healthy.stderr)")
        #expect(healthy.stdout.contains("ok   secure-channel mappings settled"))
        let broken = try #require(simulator.mappingStatuses().keys.first { $0.hasPrefix("se-") })
        simulator.setMappingStatus(name: broken, status: "SECURE_CHANNEL_AUTH_TOKEN_FAILED")
        environment["NO_COLOR"] = "1"
        let failed = try Headless.run(["rotate", "--verify-only", "--heartbeat-seconds", Self.heartbeat], environment: environment)
        #expect(failed.status == 3, "\(failed.stdout)\n\(failed.stderr)")
        #expect(failed.stdout.contains("AUTH_TOKEN_FAILED"))
        #expect(simulator.mutatingRequests().allSatisfy { $0.path == "/login" || $0.path == "/logout" }, "nothing written")
    }

    @Test func signingRequestMadeOnTheControllerThenCompletedThenUsed() async throws {
        let (simulator, endpoint) = try await Self.simulator(.ok)
        defer { Task { try? await simulator.stop() } }
        simulator.satisfySecureChannelMustChecks()
        let environment = Self.environment(endpoint)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-csr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csrFile = directory.appendingPathComponent("request.csr").path
        let made = try Headless.run(["rotate", "--csr", "--name", "sc-csr", "--subject", "CN=avi.example.test, O=Example, C=US",
                                     "--csr-out", csrFile], environment: environment)
        #expect(made.status == 0, "\(made.stdout)\n\(made.stderr)")
        // The session is closed before the process ends, not left to a task the exit races (CI stop 15: SIGSEGV at exit).
        #expect(simulator.mutatingRequests().filter { $0.path == "/logout" }.count == 1, "the CSR run logged out before exiting")
        #expect(try String(contentsOfFile: csrFile, encoding: .utf8).contains("BEGIN CERTIFICATE REQUEST"))
        func openssl(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "openssl \(arguments.first ?? "")")
        }
        let ca = directory.appendingPathComponent("ca.pem").path
        let caKey = directory.appendingPathComponent("ca.key").path
        let ext = directory.appendingPathComponent("leaf.ext").path
        let signed = directory.appendingPathComponent("signed.pem").path
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", ca, "-days", "30",
                     "-subj", "/CN=avitui e2e CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"])
        try "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n".write(toFile: ext, atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", csrFile, "-CA", ca, "-CAkey", caKey, "-CAcreateserial", "-days", "200", "-sha256",
                     "-extfile", ext, "-out", signed])
        let completed = try Headless.run(["rotate", "--complete", "sc-csr", "--cert", signed, "--chain", ca], environment: environment)
        #expect(completed.status == 0, "\(completed.stdout)\n\(completed.stderr)")
        #expect(completed.stdout.contains("completed sc-csr: SSL_CERTIFICATE_FINISHED"))
        #expect(simulator.mutatingRequests().filter { $0.path == "/logout" }.count == 2, "the completion logged out before exiting")
        let rotated = try Headless.run(["rotate", "--to", "sc-csr", "--yes", "--heartbeat-seconds", Self.heartbeat], environment: environment)
        #expect(rotated.status == 0, "\(rotated.stdout)\n\(rotated.stderr)")
        // The key was never sent: no request body carried a private key.
        #expect(!simulator.mutatingRequests().contains { $0.body.contains("PRIVATE KEY") })
    }

    @Test func importingAKeyWithInsecureIsRefused() async throws {
        let (simulator, endpoint) = try await Self.simulator(.ok)
        defer { Task { try? await simulator.stop() } }
        var environment = Self.environment(endpoint)
        environment["AVI_CA_FILE"] = nil
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-insecure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("leaf.pem").path
        let key = directory.appendingPathComponent("leaf.key").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
                             "-out", certificate, "-days", "200", "-subj", "/CN=insecure.test"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let run = try Headless.run(["rotate", "--cert", certificate, "--key", key, "--insecure", "--yes"], environment: environment)
        #expect(run.status == 1)
        #expect(run.stderr.contains("--insecure checks nothing"), "\(run.stderr)")
        #expect(simulator.mutatingRequests().isEmpty, "not even a login")
    }
}
