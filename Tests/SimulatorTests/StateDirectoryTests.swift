import Foundation
import Testing
@testable import Simulator

/// A state directory keeps one CA across restarts and between simulators; temporary
/// state goes away when the simulator stops, and stale ones of dead owners are swept.
@Suite(.serialized) struct StateDirectoryTests {
    func options(_ directory: URL?) -> SimulatorOptions {
        var options = SimulatorOptions()
        options.stateDirectory = directory
        options.serviceEngines = 1
        options.certificates = 1
        options.alerts = 0
        options.alertInterval = nil
        return options
    }

    @Test func aStateDirectoryKeepsItsCAAcrossRestartsAndBetweenSimulators() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = ControllerSimulator(options: options(directory))
        let one = try await first.start()
        let caBytes = try Data(contentsOf: one.caFile)
        // A second simulator on the same directory while the first runs: the same CA, the file untouched.
        let second = ControllerSimulator(options: options(directory))
        let two = try await second.start()
        let secondBytes = try Data(contentsOf: two.caFile)
        #expect(two.caPEM == one.caPEM && secondBytes == caBytes)
        try await first.stop()
        try await second.stop()
        // A restart: still the same CA, so a client holding ca.pem still trusts it.
        let third = ControllerSimulator(options: options(directory))
        let three = try await third.start()
        let thirdBytes = try Data(contentsOf: one.caFile)
        #expect(three.caPEM == one.caPEM && thirdBytes == caBytes)
        // Over real TLS, verified with the ca.pem written at the first start.
        #expect(try CurlClient(three).get("/api/initial-data").status == 200)
        try await third.stop()
        #expect(FileManager.default.fileExists(atPath: directory.path), "a given state directory is never removed")
        let mode = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("ca-key.pem").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func temporaryStateIsRemovedOnStopAndStaleOnesAreSwept() async throws {
        // A stale directory whose owner is gone (a process that has exited).
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let stale = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-sim-stale\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data("\(dead.processIdentifier)\n".utf8).write(to: stale.appendingPathComponent("owner.pid"))

        let simulator = ControllerSimulator(options: options(nil))
        let endpoint = try await simulator.start()
        let directory = endpoint.caFile.deletingLastPathComponent()
        #expect(directory.lastPathComponent.hasPrefix("avitui-sim-") && FileManager.default.fileExists(atPath: endpoint.caFile.path))
        #expect(!FileManager.default.fileExists(atPath: stale.path), "a dead owner's directory is swept at start")
        try await simulator.stop()
        #expect(!FileManager.default.fileExists(atPath: directory.path), "temporary state is removed on stop")
    }
}
