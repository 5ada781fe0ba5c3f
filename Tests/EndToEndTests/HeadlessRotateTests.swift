import Foundation
import Simulator
import Testing

/// `avitui rotate` as a script runs it: exit statuses for a rotation that fails verification and is
/// rolled back, `--verify-only` on a healthy and a broken channel, the CSR path, an unverified import.
@Suite("headless: rotate", .serialized)
struct HeadlessRotateTests {
    static let heartbeat = "0.25"
    // Every run below passes --connect-timeout 30: a TLS handshake on 2 loaded cores can outlast the default 5 s.

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
        let run = try Headless.run(["rotate", "--connect-timeout", "30", "--to", "no-such-certificate", "--dry-run"], environment: environment)
        let list = try #require(run.stderr.range(of: "usable: ").map { run.stderr[$0.upperBound...] })
        return String(list.prefix { $0 != "," && $0 != " " && $0 != "\n" })
    }

    @Test func failedVerificationIsCaughtNamedAndRolledBackWithExit4() async throws {
        let (simulator, endpoint) = try await Self.simulator(.fail)
        defer { Task { try? await simulator.stop() } }
        let environment = Self.environment(endpoint)
        let name = try Self.usableName(environment)
        let run = try Headless.run(["rotate", "--connect-timeout", "30", "--to", name, "--yes", "--override-checks", "--rollback-on-failure",
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
        let second = try Headless.run(["rotate", "--connect-timeout", "30", "--to", try Self.usableName(environment2), "--yes", "--override-checks",
                                       "--heartbeat-seconds", Self.heartbeat], environment: environment2)
        #expect(second.status == 3, "\(second.stdout)\n\(second.stderr)")
        #expect(second.stdout.contains("roll back to System-Default-Secure-Channel-Cert: avitui rotate --controller"))
        #expect(second.stdout.contains("--ca-file \(endpoint2.caFile.standardizedFileURL.path)"))
    }

    /// Ctrl-C while the rollback's watch runs (a real SIGINT to the real binary): the rollback's
    /// write is finished and read back, the watch stops, and exit status, stderr and the audit
    /// log all say the same true thing — rolled back, the mappings' fate unknown.
    @Test func ctrlCDuringTheRollbackLeavesATruthfulRecord() async throws {
        // A 3-s heartbeat: the rollback's clean watch lasts at least 18 s, so the interrupt sent on
        // its first progress line lands inside it however loaded the machine is.
        let (simulator, endpoint) = try await Headless.simulator {
            $0.serviceEngines = 4
            $0.certificates = 8
            $0.alerts = 0
            $0.secureChannelReaction = .fail
            $0.heartbeatSeconds = 3
        }
        simulator.makeSecureChannelHealthy()
        defer { Task { try? await simulator.stop() } }
        let environment = Self.environment(endpoint)
        let name = try Self.usableName(environment)
        let process = Process()
        process.executableURL = Headless.binary
        process.arguments = ["rotate", "--connect-timeout", "30", "--to", name, "--yes", "--override-checks", "--rollback-on-failure", "--heartbeat-seconds", "3"]
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let out = StreamedText(), err = StreamedText()
        process.standardOutput = out.pipe
        process.standardError = err.pipe
        try process.run()
        out.start()
        err.start()
        defer { if process.isRunning { process.terminate() } }
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, process.isRunning, !Self.rollbackWatchStarted(out.text) {
            try await Task.sleep(for: .milliseconds(50))
        }
        try #require(process.isRunning && Self.rollbackWatchStarted(out.text), "the rollback's watch never showed:\n\(out.text)\n\(err.text)")
        kill(process.processIdentifier, SIGINT)
        let ended = Date().addingTimeInterval(60)
        while process.isRunning, Date() < ended { try await Task.sleep(for: .milliseconds(50)) }
        try #require(!process.isRunning, "still running a minute after Ctrl-C:\n\(out.text)\n\(err.text)")
        let stdout = out.finish(), stderr = err.finish()

        #expect(process.terminationStatus == 3, "applied, not verified: \(stdout)\n\(stderr)")
        let puts = simulator.mutatingRequests().filter { $0.method == "PUT" && $0.path == "/api/systemconfiguration" }
        #expect(puts.count == 2, "the change and the rollback")
        #expect(stderr.contains("avitui: Ctrl-C during the rollback — the rollback to System-Default-Secure-Channel-Cert is applied (read back), but whether the mappings came back is unknown"), "\(stderr)")
        #expect(stdout.contains("WARN rolled back (read back: the previous certificate is in place)"), "\(stdout)")
        #expect(!stdout.contains("did not restore"), "not judged, so not called a failure")
        let audit = try String(contentsOfFile: environment["XDG_STATE_HOME"]! + "/avitui/audit.jsonl", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(audit.count == 2, "\(audit)")
        let last = audit.last ?? ""
        #expect(last.contains("\"action\":\"rollback_after_failed_verification\""))
        #expect(last.contains("\"outcome\":\"applied\""))
        #expect(last.contains("whether they came back is unknown"), "\(last)")
        // What the controller holds agrees: the secure channel is back on the default.
        let configuration = try #require(simulator.storedObjectJSON(type: "systemconfiguration", name: "default"))
        let defaultObject = try #require(simulator.storedObjectJSON(type: "sslkeyandcertificate", name: "System-Default-Secure-Channel-Cert"))
        let defaultUUID = try #require((try JSONSerialization.jsonObject(with: defaultObject) as? [String: Any])?["uuid"] as? String)
        let channel = (try JSONSerialization.jsonObject(with: configuration) as? [String: Any])?["secure_channel_configuration"] as? [String: Any]
        let refs = channel?["sslkeyandcertificate_refs"] as? [String] ?? []
        #expect(refs.count == 1 && refs.allSatisfy { $0.hasSuffix(defaultUUID) }, "\(refs)")
    }

    /// The rollback's first progress line is on stdout: its PUT was sent and read back.
    static func rollbackWatchStarted(_ text: String) -> Bool {
        guard let header = text.range(of: "[rollback] verification failed") else { return false }
        return text[header.upperBound...].contains("watching the secure-channel mappings:")
    }

    @Test func verifyOnlyIsZeroWhenHealthyAndThreeWhenBroken() async throws {
        let (simulator, endpoint) = try await Self.simulator(.ok)
        defer { Task { try? await simulator.stop() } }
        var environment = Self.environment(endpoint)
        let healthy = try Headless.run(["rotate", "--connect-timeout", "30", "--verify-only", "--heartbeat-seconds", Self.heartbeat, "--read-only"], environment: environment)
        #expect(healthy.status == 0, "\(healthy.stdout)\n\(healthy.stderr)")
        #expect(healthy.stdout.contains("ok   secure-channel mappings settled"))
        let broken = try #require(simulator.mappingStatuses().keys.first { $0.hasPrefix("se-") })
        simulator.setMappingStatus(name: broken, status: "SECURE_CHANNEL_AUTH_TOKEN_FAILED")
        environment["NO_COLOR"] = "1"
        let failed = try Headless.run(["rotate", "--connect-timeout", "30", "--verify-only", "--heartbeat-seconds", Self.heartbeat], environment: environment)
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
        let made = try Headless.run(["rotate", "--connect-timeout", "30", "--csr", "--name", "sc-csr", "--subject", "CN=avi.example.test, O=Example, C=US",
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
        let completed = try Headless.run(["rotate", "--connect-timeout", "30", "--complete", "sc-csr", "--cert", signed, "--chain", ca], environment: environment)
        #expect(completed.status == 0, "\(completed.stdout)\n\(completed.stderr)")
        #expect(completed.stdout.contains("completed sc-csr: SSL_CERTIFICATE_FINISHED"))
        #expect(simulator.mutatingRequests().filter { $0.path == "/logout" }.count == 2, "the completion logged out before exiting")
        let rotated = try Headless.run(["rotate", "--connect-timeout", "30", "--to", "sc-csr", "--yes", "--heartbeat-seconds", Self.heartbeat], environment: environment)
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
        let run = try Headless.run(["rotate", "--connect-timeout", "30", "--cert", certificate, "--key", key, "--insecure", "--yes"], environment: environment)
        #expect(run.status == 1)
        #expect(run.stderr.contains("--insecure checks nothing"), "\(run.stderr)")
        #expect(simulator.mutatingRequests().isEmpty, "not even a login")
    }
}

/// A child's output read as it comes (a thread per pipe), for tests that act on a line.
final class StreamedText: @unchecked Sendable {
    let pipe = Pipe()
    private let lock = NSLock()
    private var data = Data()
    private var done = false

    func start() {
        let handle = pipe.fileHandleForReading
        Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock { data.append(chunk) }
            }
            lock.withLock { done = true }
        }.start()
    }

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

    /// Everything, once the writer closed its end (bounded: a child's grandchild may hold it).
    func finish() -> String {
        let deadline = Date().addingTimeInterval(10)
        while !lock.withLock({ done }), Date() < deadline { usleep(10_000) }
        return text
    }
}
