import Foundation
import Testing

/// `demo` and `sim` as commands: `--version` is the program's; the release is `--controller-version`.
@Suite struct HeadlessSimulatorOptionsTests {
    @Test func versionIsTheProgramsAndTheReleaseHasItsOwnName() async throws {
        for command in ["demo", "sim"] {
            let run = try Headless.run([command, "--version"], environment: [:])
            #expect(run.status == 0, "\(command) --version: \(run.stderr)")
            #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil,
                    "\(command) --version printed \(run.stdout)")
            let help = try Headless.run([command, "--help"], environment: [:])
            #expect(help.stdout.contains("--controller-version"), "\(command) --help")
        }
        let ready = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-ready-\(UUID().uuidString).json")
        let process = Process()
        process.executableURL = Headless.binary
        process.arguments = ["sim", "--controller-version", "22.1.6", "--ready-file", ready.path, "--alert-interval", "0",
                             "--ses", "1", "--certs", "1", "--alerts", "0"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            try? FileManager.default.removeItem(at: ready)
        }
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: ready.path), Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(FileManager.default.fileExists(atPath: ready.path), "sim --controller-version did not start")
        process.terminate()
        process.waitUntilExit()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("controller 22.1.6 listening"), "\(text)")
    }

    /// `demo` takes the simulator's reaction options (the tmux walk of the wizard's rollback uses
    /// them); bad values are one clear line, before any terminal or simulator is set up.
    @Test func demoTakesTheSecureChannelReactionOptions() throws {
        let help = try Headless.run(["demo", "--help"], environment: [:])
        #expect(help.stdout.contains("--secure-channel-reaction"))
        #expect(help.stdout.contains("--heartbeat-seconds"))
        for (arguments, message) in [(["--heartbeat-seconds", "0"], "--heartbeat-seconds must be more than 0"),
                                     (["--secure-channel-reaction", "sometimes"], "--secure-channel-reaction"),
                                     (["--fleet", "2", "--secure-channel-reaction", "fail"], "are for the one-cluster demo: leave out --fleet")] {
            let run = try Headless.run(["demo"] + arguments, environment: ["TERM": "xterm-256color"])
            #expect(run.status != 0, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }
}
