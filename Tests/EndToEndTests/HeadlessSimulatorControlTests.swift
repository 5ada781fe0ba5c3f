import Foundation
import Testing

/// `avitui sim --control-endpoints`: faults staged from another process (issue 10 item 21), seen
/// by `avitui status` exactly as the console would see them on a real controller.
@Suite("sim: faults from another process", .serialized)
struct HeadlessSimulatorControlTests {
    struct Ready: Decodable {
        let url: String
        let ca_file: String
        let username: String
        let password: String
    }

    /// Starts `avitui sim` with `arguments`, waits for its ready file, runs `body`, stops it.
    static func withSimulator(_ arguments: [String], _ body: (Ready) async throws -> Void) async throws {
        let ready = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-control-\(UUID().uuidString).json")
        let process = Process()
        process.executableURL = Headless.binary
        process.arguments = ["sim", "--ready-file", ready.path, "--alert-interval", "0", "--ses", "2", "--certs", "2", "--alerts", "0"] + arguments
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: ready)
        }
        let deadline = Date().addingTimeInterval(60)
        while (try? Data(contentsOf: ready))?.isEmpty ?? true, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        let info = try JSONDecoder().decode(Ready.self, from: try Data(contentsOf: ready))
        try await body(info)
    }

    /// POSTs to a control endpoint over TLS (python3's urllib, verified with the simulator's CA).
    static func control(_ ready: Ready, _ pathAndQuery: String, body: String = "") throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", """
            import ssl, sys, urllib.request
            context = ssl.create_default_context(cafile=sys.argv[1])
            request = urllib.request.Request(sys.argv[2], data=sys.stdin.buffer.read(), method="POST")
            urllib.request.urlopen(request, context=context, timeout=30).read()
            """, ready.ca_file, ready.url + pathAndQuery]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(body.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func status(_ ready: Ready, password: String) throws -> HeadlessRun {
        try Headless.run(["status", "--json"], environment: [
            "AVI_CONTROLLER": ready.url, "AVI_USERNAME": ready.username, "AVI_PASSWORD": password, "AVI_CA_FILE": ready.ca_file,
            "XDG_CONFIG_HOME": "/nonexistent", "NO_COLOR": "1",
        ])
    }

    /// `cluster.leader` of a `status --json` run; nil when the run printed no such object.
    static func leader(of run: HeadlessRun) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return (object?["cluster"] as? [String: Any])?["leader"] as? String
    }

    @Test func aPasswordChangedFromAnotherShellIsRefusedThenTheNewOneWorks() async throws {
        try await Self.withSimulator(["--control-endpoints"]) { ready in
            #expect(try Self.status(ready, password: ready.password).status == 0)
            #expect(try Self.control(ready, "/_simulator/password?username=\(ready.username)", body: "changed-elsewhere\n") == 0)
            let refused = try Self.status(ready, password: ready.password)
            #expect(refused.status != 0)
            #expect(!refused.stderr.contains(ready.password) && !refused.stdout.contains(ready.password), "the password is never printed")
            #expect(try Self.status(ready, password: "changed-elsewhere").status == 0)
        }
    }

    @Test func aFailoverStagedFromAnotherShellChangesTheLeader() async throws {
        try await Self.withSimulator(["--control-endpoints"]) { ready in
            let before = try Self.status(ready, password: ready.password)
            #expect(before.status == 0, "\(before.stderr)")
            #expect(try Self.control(ready, "/_simulator/failover?down_for=0") == 0)
            let after = try Self.status(ready, password: ready.password)
            #expect(after.status == 0, "\(after.stderr)")
            #expect(Self.leader(of: before) != nil)
            #expect(Self.leader(of: before) != Self.leader(of: after), "\(before.stdout)\n\(after.stdout)")
            // Malformed answers under one path: that read fails, named, the rest is read.
            #expect(try Self.control(ready, "/_simulator/malformed?path_prefix=/api/alert") == 0)
            let malformed = try Self.status(ready, password: ready.password)
            #expect(malformed.stdout.contains("alerts"), "\(malformed.stdout)")
            #expect(malformed.stdout.contains("\"errors\""))
            #expect(try Self.control(ready, "/_simulator/nonsense") != 0, "an unknown control endpoint is a 404")
        }
    }

    @Test func theSimulatorFailsOverOnItsOwnEveryFewSeconds() async throws {
        try await Self.withSimulator(["--failover-every", "2", "--failover-down-seconds", "0.5"]) { ready in
            // A run may land in a fail-over's 503 window: only the leaders of answered runs count.
            var leaders: Set<String> = []
            let deadline = Date().addingTimeInterval(30)
            while leaders.count < 2, Date() < deadline {
                if let leader = Self.leader(of: try Self.status(ready, password: ready.password)) { leaders.insert(leader) }
                try await Task.sleep(for: .milliseconds(500))
            }
            #expect(leaders.count >= 2, "the leader changed by itself: \(leaders)")
        }
        let refused = try Headless.run(["sim", "--failover-every", "5", "--failover-down-seconds", "10"], environment: [:])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--failover-every must be longer than --failover-down-seconds"))
    }
}
