import Foundation
import Simulator
import Testing

/// Headless output says only what the data supports (issue 9 items 13, 15, 20, 21, 24): the
/// built binary against the simulator over real TLS.
@Suite("headless: truthful output", .serialized)
struct HeadlessTruthTests {
    static let contractKeys = ["controller", "version", "cluster", "service_engines", "secure_channel", "certificates", "alerts", "errors"]

    func object(_ run: HeadlessRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "stdout: \(run.stdout)")
    }

    @Test func aForbiddenClusterIsNullInStatusJSON() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        simulator.forbidReads(pathPrefix: "/api/cluster")
        let run = try Headless.run(["status", "--json"], environment: Headless.environment(endpoint))
        #expect(run.status == 0, "\(run.stderr)")
        let report = try object(run)
        let cluster = try #require(report["cluster"] as? [String: Any])
        #expect(cluster["quorum"] is NSNull, "quorum: \(String(describing: cluster["quorum"]))")
        #expect(cluster["state"] is NSNull && cluster["nodes"] is NSNull)
        let errors = try #require(report["errors"] as? [[String: Any]])
        #expect(errors.contains { $0["resource"] as? String == "cluster" && ($0["error"] as? String)?.contains("403") == true },
                "\(errors)")
        // What could be read is still there.
        #expect((report["service_engines"] as? [Any])?.count == 12)

        let text = try Headless.run(["status"], environment: Headless.environment(endpoint))
        #expect(!text.stdout.contains("NO QUORUM"), "\(text.stdout)")
        #expect(text.stdout.contains("Cluster  not read"), "\(text.stdout)")
        let check = try Headless.run(["check", "cluster"], environment: Headless.environment(endpoint))
        #expect(check.status == 3, "\(check.stdout)")
    }

    @Test func statusJSONOfAnUnreachableControllerHasEveryKeyAndAReason() throws {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        let environment = Headless.environment(nil, controller: "https://127.0.0.1:1")
        let run = try Headless.run(["status", "--json"], environment: environment)
        #expect(run.status != 0)
        let report = try object(run)
        for key in Self.contractKeys { #expect(report.keys.contains(key), "missing \(key) in \(run.stdout)") }
        #expect(report["version"] is NSNull && report["service_engines"] is NSNull)
        let cluster = try #require(report["cluster"] as? [String: Any])
        #expect(cluster["quorum"] is NSNull)
        let errors = try #require(report["errors"] as? [[String: Any]])
        #expect(errors.first?["resource"] as? String == "controller" && (errors.first?["error"] as? String)?.isEmpty == false)
        #expect(run.stderr.hasPrefix("avitui: "), "\(run.stderr)")
    }

    @Test func hostileControllerTextIsEscapedInJSONAndMadeSafeInText() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        let hostile = "SE down\u{9B}2J\u{202E}gpj.exe\u{200B}\u{90}q\u{9C}"
        simulator.addAlert(level: "ALERT_HIGH", summary: hostile, objectName: "se-\u{9B}1")
        let environment = Headless.environment(endpoint)
        for arguments in [["status", "--json"], ["alerts", "--json"]] {
            let run = try Headless.run(arguments, environment: environment)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            for raw in ["\u{9B}", "\u{202E}", "\u{200B}", "\u{90}", "\u{9C}"] {
                #expect(!run.stdout.contains(raw), "\(arguments) printed \(raw.debugDescription) raw")
            }
            #expect(run.stdout.contains("\\u009b") && run.stdout.contains("\\u202e"), "\(arguments): \(run.stdout.prefix(400))")
            #expect(run.stdout.contains("SE down"))
        }
        for arguments in [["status"], ["alerts"]] {
            let run = try Headless.run(arguments, environment: environment)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(run.stdout.contains("SE downgpj.exe"), "\(arguments): \(run.stdout)")
            #expect(!run.stdout.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0.value == 0x202E || $0.value == 0x200B })
        }
    }

    @Test func anExpiryHoursAgoIsWordedInHours() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        simulator.setCertificateNotAfter(name: "System-Default-Portal-Cert", Date().addingTimeInterval(-5 * 3600 - 600))
        let environment = Headless.environment(endpoint)
        let check = try Headless.run(["check", "certs", "--include", "System-Default-Portal-Cert"], environment: environment)
        #expect(check.firstLine.contains("System-Default-Portal-Cert (5 h ago)"), "\(check.stdout)")
        #expect(check.stdout.contains("expired 5 h ago"))
        let status = try Headless.run(["status"], environment: environment)
        #expect(status.stdout.contains("expired 5 h ago"), "\(status.stdout)")
        #expect(!status.stdout.contains("expired 1 d ago"))
    }

    /// `avitui … | head -1` closes the pipe early: the command ends quietly, never with a
    /// crash trace (issue 9 item 24).
    @Test(arguments: [["check", "certs"], ["status"], ["status", "--json"], ["alerts"]])
    func aClosedPipeEndsQuietly(_ arguments: [String]) async throws {
        let (simulator, endpoint) = try await Headless.simulator { $0.alerts = 400 }
        defer { Task { try? await simulator.stop() } }
        let process = Process()
        process.executableURL = Headless.binary
        process.arguments = arguments
        process.environment = Headless.environment(endpoint)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The reader goes away before anything is written.
        try out.fileHandleForReading.close()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: errors, as: UTF8.self)
        #expect(process.terminationReason == .exit, "\(arguments) ended by signal \(process.terminationStatus): \(stderr)")
        #expect(process.terminationStatus == 0, "\(arguments): \(stderr)")
        #expect(stderr.isEmpty, "\(arguments): \(stderr)")
    }
}
