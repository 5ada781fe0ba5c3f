import Foundation
import Simulator
import Testing

/// `avitui alerts` in a pipe: lines, JSON lines, filters, and --follow seeing new alerts,
/// surviving a failover and stopping quietly on SIGINT or a closed pipe.
@Suite("headless: alerts", .serialized)
struct HeadlessAlertsTests {
    @Test func printsOneLinePerAlertNewestLast() async throws {
        let (simulator, endpoint) = try await Headless.simulator { $0.alerts = 30 }
        defer { Task { try? await simulator.stop() } }
        let environment = Headless.environment(endpoint)

        let run = try Headless.run(["alerts"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 30)
        let times = lines.map { String($0.prefix(20)) }
        #expect(times == times.sorted())
        #expect(lines.allSatisfy { $0.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (HIGH  |MEDIUM|LOW   ) .+: "#, options: .regularExpression) != nil })

        let high = try Headless.run(["alerts", "--level", "high", "--json"], environment: environment)
        #expect(high.status == 0)
        let objects = try high.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(!objects.isEmpty && objects.count < 30)
        #expect(objects.allSatisfy { $0["level"] as? String == "ALERT_HIGH" && $0["uuid"] is String && $0["time"] is String })

        let none = try Headless.run(["alerts", "--since", "0s"], environment: environment)
        #expect(none.status == 0)
        #expect(none.stdout.isEmpty)

        let bad = try Headless.run(["alerts", "--since", "soon"], environment: environment)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--since 'soon' is not a duration"))
    }

    @Test func followSeesANewAlertAndStopsOnSIGINT() async throws {
        let (simulator, endpoint) = try await Headless.simulator { $0.alerts = 5 }
        defer { Task { try? await simulator.stop() } }
        let follow = try FollowedProcess(["alerts", "--follow", "--interval", "0.2"], environment: Headless.environment(endpoint))
        defer { follow.terminate() }
        #expect(await waitForLines(follow, 5))

        simulator.addAlert(level: "ALERT_HIGH", summary: "headless follow test", objectName: "se-follow-1")
        #expect(await follow.waitForOutput(containing: "se-follow-1: headless follow test"))
        let lines = follow.output.text.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.last?.contains(" HIGH   se-follow-1: headless follow test") == true)

        follow.interrupt()
        #expect(await follow.waitForExit() == 0)
        #expect(follow.errors.text.isEmpty)
    }

    @Test func followSurvivesAFailover() async throws {
        let (simulator, endpoint) = try await Headless.simulator { $0.alerts = 1 }
        defer { Task { try? await simulator.stop() } }
        let follow = try FollowedProcess(["alerts", "--follow", "--interval", "0.2", "--since", "1w"], environment: Headless.environment(endpoint))
        defer { follow.terminate() }
        #expect(await waitForLines(follow, 1))

        simulator.failover(downFor: 1.5)
        #expect(await follow.waitForErrors(containing: "still following"))
        simulator.addAlert(level: "ALERT_MEDIUM", summary: "after the failover", objectName: "ctrl")
        #expect(await follow.waitForOutput(containing: "ctrl: after the failover"))
        #expect(follow.errors.text.contains("the controller answers again"))
        follow.interrupt()
        #expect(await follow.waitForExit() == 0)
    }

    @Test func followSurvivesAControllerRestart() async throws {
        // The restarted simulator has the same seed, so it reissues the alert uuids it used
        // before — the new alert below gets the same uuid as the one printed before the restart.
        var options = SimulatorOptions()
        options.alertInterval = nil
        options.alerts = 2
        options.stateDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-restart-\(UUID().uuidString)")
        let first = ControllerSimulator(options: options)
        let endpoint = try await first.start()
        options.port = endpoint.port
        let follow = try FollowedProcess(["alerts", "--follow", "--interval", "0.2"], environment: Headless.environment(endpoint))
        defer { follow.terminate() }
        #expect(await waitForLines(follow, 2))
        first.addAlert(level: "ALERT_HIGH", summary: "before the restart", objectName: "ctrl-1")
        #expect(await follow.waitForOutput(containing: "ctrl-1: before the restart"))

        try await first.stop()
        #expect(await follow.waitForErrors(containing: "still following"))
        let second = ControllerSimulator(options: options)
        _ = try await second.start()  // same port, same CA file path (a new CA written there)
        defer { Task { try? await second.stop() } }
        #expect(await follow.waitForErrors(containing: "the controller answers again"))
        second.addAlert(level: "ALERT_HIGH", summary: "after the restart", objectName: "ctrl-2")
        #expect(await follow.waitForOutput(containing: "ctrl-2: after the restart"))
        // The restarted controller's history (same uuids, new times) is not printed again.
        #expect(follow.output.text.split(separator: "\n").count == 4)
        follow.interrupt()
        #expect(await follow.waitForExit() == 0)
    }

    @Test func followEndsQuietlyWhenThePipeCloses() async throws {
        let (simulator, endpoint) = try await Headless.simulator { $0.alerts = 3 }
        defer { Task { try? await simulator.stop() } }
        let follow = try FollowedProcess(["alerts", "--follow", "--interval", "0.2"], environment: Headless.environment(endpoint))
        defer { follow.terminate() }
        #expect(await waitForLines(follow, 3))

        follow.closeReadingEnd()  // as when `grep -m1` or `head` exits
        simulator.addAlert(level: "ALERT_LOW", summary: "nobody reads this", objectName: "se-x")
        #expect(await follow.waitForExit() == 0)
        #expect(follow.errors.text.isEmpty)
    }

    private func waitForLines(_ follow: FollowedProcess, _ count: Int) async -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if follow.output.text.split(separator: "\n").count >= count { return true }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return false
    }
}
