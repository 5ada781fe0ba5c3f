import Foundation
import Testing

/// `avitui sim` processes, one config file with a profile per simulator (and dead or broken
/// ones), and `status --all` / `check --all` run as a monitoring system would.
final class SimulatorFleet: @unchecked Sendable {
    let home: URL
    private var processes: [Process] = []
    private(set) var config = ""

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-fleet-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("config/avitui"), withIntermediateDirectories: true)
    }

    /// Starts `avitui sim` and adds a profile for it; `password` overrides the right one.
    func addSimulator(_ profile: String, version: String, extra: [String] = [], password: String? = nil, tags: String = "") throws {
        let ready = home.appendingPathComponent("\(profile).ready.json")
        let process = Process()
        process.executableURL = Headless.binary
        process.arguments = ["sim", "--ready-file", ready.path, "--controller-version", version, "--alert-interval", "0",
                             "--state-dir", home.appendingPathComponent("\(profile)-state").path] + extra
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        processes.append(process)
        let deadline = Date().addingTimeInterval(60)
        var object: [String: String]?
        while Date() < deadline {
            if let data = try? Data(contentsOf: ready), let parsed = try? JSONSerialization.jsonObject(with: data) as? [String: String] {
                object = parsed
                break
            }
            usleep(100_000)
        }
        guard let object, let url = object["url"], let ca = object["ca_file"], let user = object["username"], let secret = object["password"]
        else { throw CocoaError(.fileReadNoSuchFile) }
        try addProfile(profile, controller: url, username: user, password: password ?? secret, caFile: ca, tags: tags)
    }

    func addProfile(_ profile: String, controller: String, username: String = "admin", password: String? = "unused", caFile: String? = nil,
                    tags: String = "") throws {
        var lines = ["[profiles.\(profile)]", "controller = \"\(controller)\"", "username = \"\(username)\""]
        if let password {
            let file = home.appendingPathComponent("\(profile).password")
            try Data((password + "\n").utf8).write(to: file)
            chmod(file.path, 0o600)
            lines.append("password_file = \"\(file.path)\"")
        }
        if let caFile { lines.append("ca_file = \"\(caFile)\"") }
        if !tags.isEmpty { lines.append("tags = \(tags)") }
        config += lines.joined(separator: "\n") + "\n\n"
        try Data(config.utf8).write(to: home.appendingPathComponent("config/avitui/config.toml"))
    }

    var environment: [String: String] {
        ["PATH": "/usr/bin:/bin", "HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
         "XDG_STATE_HOME": home.appendingPathComponent("state").path, "LANG": "C.UTF-8"]
    }

    func run(_ arguments: [String]) throws -> HeadlessRun { try Headless.run(arguments, environment: environment) }

    func stop() {
        for process in processes where process.isRunning { process.terminate() }
        for process in processes { process.waitUntilExit() }
    }
}

@Suite("Headless fleet: status --all and check --all against several simulators, one dead", .serialized)
struct HeadlessFleetTests {
    static let contractKeys = ["controller", "version", "cluster", "service_engines", "secure_channel", "certificates", "alerts"]

    func fleet() throws -> SimulatorFleet {
        let fleet = try SimulatorFleet()
        try fleet.addSimulator("ams-prod", version: "31.2.1", tags: "{ env = \"prod\", site = \"ams\" }")
        try fleet.addSimulator("fra-prod", version: "22.1.6", extra: ["--ses", "4"], tags: "{ env = \"prod\", site = \"fra\" }")
        try fleet.addSimulator("lab", version: "20.1.9", extra: ["--ses", "0"], tags: "{ env = \"lab\" }")
        try fleet.addProfile("dead", controller: "https://127.0.0.1:1", tags: "{ env = \"prod\" }")
        return fleet
    }

    @Test func statusAllJSONIsOneObjectPerProfileWorstFirst() throws {
        let fleet = try fleet()
        defer { fleet.stop() }
        let run = try fleet.run(["status", "--all", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["generated_at"] is String)
        let clusters = try #require(object["clusters"] as? [[String: Any]])
        #expect(clusters.count == 4)
        #expect(clusters.first?["profile"] as? String == "dead", "the unreachable cluster comes first")
        #expect((clusters.first?["error"] as? String)?.contains("127.0.0.1:1") == true)
        for cluster in clusters {
            for key in Self.contractKeys + ["profile", "error"] { #expect(cluster.keys.contains(key), "\(cluster["profile"] ?? "?") lacks \(key)") }
        }
        let byProfile = Dictionary(uniqueKeysWithValues: clusters.map { ($0["profile"] as? String ?? "", $0) })
        #expect(byProfile["ams-prod"]?["error"] is NSNull)
        #expect(byProfile["fra-prod"]?["version"] as? String == "22.1.6")
        #expect(byProfile["lab"]?["version"] as? String == "20.1.9")
        #expect((byProfile["lab"]?["service_engines"] as? [Any])?.isEmpty == true)
        #expect((byProfile["ams-prod"]?["certificates"] as? [Any])?.isEmpty == false)
        // The healthy lab (no SEs, every mapping authenticated) comes last.
        #expect(clusters.last?["profile"] as? String == "lab")

        let tagged = try fleet.run(["status", "--tag", "site=fra", "--json"])
        let taggedObject = try #require(try JSONSerialization.jsonObject(with: Data(tagged.stdout.utf8)) as? [String: Any])
        #expect((taggedObject["clusters"] as? [[String: Any]])?.map { $0["profile"] as? String } == ["fra-prod"])

        let text = try fleet.run(["status", "--all"])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("PROFILE") == true)
        #expect(lines.dropFirst().first?.hasPrefix("dead") == true)
        #expect(lines.contains { $0.hasPrefix("dead: cannot reach 127.0.0.1:1") })
        #expect(lines.contains { $0.hasPrefix("ams-prod") && $0.contains("CLUSTER_UP_HA_ACTIVE") && $0.contains("31.2.1") })
    }

    @Test func checkAllExitsWithTheWorstAndPrefixesPerfdata() throws {
        let fleet = try fleet()
        defer { fleet.stop() }
        // Seeded SEs include some whose mapping is not authenticated: CRITICAL beats the dead cluster's UNKNOWN.
        let channel = try fleet.run(["check", "secure-channel", "--all", "--timeout", "40"])
        #expect(channel.status == 2, "\(channel.stdout)\(channel.stderr)")
        #expect(channel.firstLine.hasPrefix("AVI SECURE-CHANNEL CRITICAL - 4 clusters: "))
        #expect(channel.firstLine.contains("1 UNKNOWN (dead)"))
        #expect(channel.firstLine.contains(" ams-prod_not_authenticated="))
        #expect(channel.firstLine.contains(" lab_total="))
        let long = channel.stdout.split(separator: "\n").dropFirst().map(String.init)
        #expect(long.count == 4, "one long-output line per profile: \(long)")
        #expect(long.contains { $0.hasPrefix("dead: UNKNOWN - cannot reach 127.0.0.1:1") })
        #expect(long.last?.hasPrefix("lab: OK") == true)

        // Every live cluster OK, one dead: UNKNOWN is the worst.
        let cluster = try fleet.run(["check", "cluster", "--all"])
        #expect(cluster.status == 3, "\(cluster.stdout)")
        #expect(cluster.firstLine.hasPrefix("AVI CLUSTER UNKNOWN - 4 clusters: 1 UNKNOWN (dead), 3 OK"))

        let live = try fleet.run(["check", "cluster", "--tag", "site"])
        #expect(live.status == 0, "\(live.stdout)")
        #expect(live.firstLine.hasPrefix("AVI CLUSTER OK - all 2 clusters OK"))
    }

    @Test func badSelectionsAndBadProfilesAreOneClearLine() throws {
        let fleet = try SimulatorFleet()
        defer { fleet.stop() }
        let empty = try fleet.run(["status", "--all"])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("no profiles") && empty.stderr.split(separator: "\n").count == 1, "\(empty.stderr)")
        let emptyCheck = try fleet.run(["check", "certs", "--all"])
        #expect(emptyCheck.status == 3)
        #expect(emptyCheck.firstLine.hasPrefix("AVI CERTS UNKNOWN - "))

        try fleet.addSimulator("good", version: "30.2.2")
        try fleet.addSimulator("wrongpass", version: "31.2.1", password: "not-it")
        try fleet.addProfile("nofile", controller: "https://127.0.0.1:1", password: nil)
        let unknown = try fleet.run(["status", "--all", "--profile", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no profile 'nope'; known: good, nofile, wrongpass"))

        let run = try fleet.run(["status", "--all", "--json"])
        #expect(run.status == 0)
        let clusters = try #require((try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["clusters"] as? [[String: Any]])
        let errors = Dictionary(uniqueKeysWithValues: clusters.map { ($0["profile"] as? String ?? "", $0["error"] as? String) })
        #expect(errors["wrongpass"]??.contains("wrong username or password") == true)
        #expect(errors["nofile"]??.contains("password_file") == true)
        #expect(errors["good"] == .some(nil))
        #expect(clusters.last?["profile"] as? String == "good")
    }
}
