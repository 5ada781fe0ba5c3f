import Foundation
import Simulator

/// Runs the built `avitui` binary against an in-process simulator, as a monitoring
/// system or a shell would: environment variables in, exit status and text out.
struct HeadlessRun: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
    var firstLine: String { stdout.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "" }
}

enum Headless {
    /// `.build/debug/avitui`, found from this file's place in the checkout.
    static var binary: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/avitui")
    }

    /// A simulator with no spontaneous alerts, so every test decides what happens.
    static func simulator(_ configure: (inout SimulatorOptions) -> Void = { _ in }) async throws -> (ControllerSimulator, SimulatorEndpoint) {
        var options = SimulatorOptions()
        options.alertInterval = nil
        configure(&options)
        let simulator = ControllerSimulator(options: options)
        return (simulator, try await simulator.start())
    }

    /// The environment a cron job or a Nagios command definition would give: credentials
    /// in AVI_* variables, an empty home so no user config file interferes.
    static func environment(_ endpoint: SimulatorEndpoint?, controller: String? = nil) -> [String: String] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avitui-headless-home").path
        var environment = ["PATH": "/usr/bin:/bin", "HOME": home, "XDG_CONFIG_HOME": home + "/config",
                           "XDG_STATE_HOME": home + "/state", "LANG": "C.UTF-8"]
        if let endpoint {
            environment["AVI_CONTROLLER"] = controller ?? endpoint.url.absoluteString
            environment["AVI_USERNAME"] = endpoint.username
            environment["AVI_PASSWORD"] = endpoint.password
            environment["AVI_CA_FILE"] = endpoint.caFile.path
        } else if let controller {
            environment["AVI_CONTROLLER"] = controller
            environment["AVI_USERNAME"] = "admin"
            environment["AVI_PASSWORD"] = "unused"
        }
        return environment
    }

    /// Runs to completion (the checks bound themselves with --timeout).
    static func run(_ arguments: [String], environment: [String: String]) throws -> HeadlessRun {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errorData = LockedData()
        let reader = Thread { errorData.append(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isFinished { usleep(1000) }
        return HeadlessRun(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                           stderr: String(decoding: errorData.data, as: UTF8.self))
    }
}

/// Bytes read on another thread.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = Data()
    private var finished = false

    func append(_ data: Data) {
        lock.lock()
        buffer.append(data)
        finished = true
        lock.unlock()
    }

    func add(_ data: Data) {
        lock.lock()
        buffer.append(data)
        lock.unlock()
    }

    var data: Data {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }

    var text: String { String(decoding: data, as: UTF8.self) }

    var isFinished: Bool {
        lock.lock()
        defer { lock.unlock() }
        return finished
    }
}

/// A long-running `avitui alerts --follow`, read line by line as it writes.
final class FollowedProcess: @unchecked Sendable {
    let process = Process()
    let output = LockedData()
    let errors = LockedData()
    private let out = Pipe(), err = Pipe()

    init(_ arguments: [String], environment: [String: String]) throws {
        process.executableURL = Headless.binary
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [output] handle in Self.drain(handle, into: output) }
        err.fileHandleForReading.readabilityHandler = { [errors] handle in Self.drain(handle, into: errors) }
        try process.run()
    }

    /// At end of file the handler would be called again and again: stop it.
    private static func drain(_ handle: FileHandle, into buffer: LockedData) {
        let data = handle.availableData
        if data.isEmpty { handle.readabilityHandler = nil } else { buffer.add(data) }
    }

    /// Waits until stdout contains `text`; false after `seconds` (a safety net, not a timing assertion).
    func waitForOutput(containing text: String, seconds: Double = 30) async -> Bool {
        await waitUntil(seconds: seconds) { self.output.text.contains(text) }
    }

    func waitForErrors(containing text: String, seconds: Double = 30) async -> Bool {
        await waitUntil(seconds: seconds) { self.errors.text.contains(text) }
    }

    /// Waits for the process to end; nil if it is still running after `seconds`.
    func waitForExit(seconds: Double = 15) async -> Int32? {
        guard await waitUntil(seconds: seconds, { !self.process.isRunning }) else { return nil }
        return process.terminationStatus
    }

    /// The reader goes away, as when `grep` or `head` exits.
    func closeReadingEnd() {
        out.fileHandleForReading.readabilityHandler = nil
        try? out.fileHandleForReading.close()
    }

    func interrupt() { process.interrupt() }

    func terminate() {
        if process.isRunning { process.terminate() }
        out.fileHandleForReading.readabilityHandler = nil
        err.fileHandleForReading.readabilityHandler = nil
    }

    private func waitUntil(seconds: Double, _ condition: @escaping @Sendable () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return condition()
    }
}
