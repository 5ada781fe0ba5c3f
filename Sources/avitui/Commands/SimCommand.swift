import ArgumentParser
import Dispatch
import Foundation
import Simulator

/// `avitui sim`: runs only the simulated controller until SIGINT/SIGTERM.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run a simulated Avi controller (HTTPS on loopback) until interrupted.",
        // --version is the program's, as on every command; the release is --controller-version.
        version: AviTUI.version
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free port).")
    var port = 0

    @Option(name: .customLong("ready-file"), help: "Write {url, ca_file, username, password} here once connections are accepted.")
    var readyFile: String?

    @Option(name: .customLong("controller-version"),
            help: ArgumentHelp("Controller release to emulate: 31.2.1, 30.2.2, 22.1.6, 20.1.9, 18.2.10 or 17.2.18.", valueName: "VERSION"))
    var controllerVersion = "31.2.1"

    @Option(help: "Seed for the generated data.")
    var seed: UInt64 = 1

    @Option(name: .customLong("ses"), help: "Number of Service Engines.")
    var serviceEngines = 12

    @Option(name: .customLong("certs"), help: "Certificates beyond the System-Default-* ones.")
    var certificates = 40

    @Option(help: "Number of seeded alerts.")
    var alerts = 200

    @Option(name: .customLong("alert-interval"), help: "Seconds between new alerts (0 = none).")
    var alertInterval: Double = 5

    @Flag(name: .customLong("enforce-secure-channel-checks"), help: "Refuse secure-channel certificate changes unless the must-checks pass.")
    var enforceSecureChannelChecks = false

    @Option(name: .customLong("secure-channel-reaction"),
            help: "How SEs and follower nodes answer a new secure-channel certificate: ok (re-authenticate), fail, or partial (some fail, chosen from the seed).")
    var secureChannelReaction: SecureChannelReaction = .ok

    @Option(name: .customLong("heartbeat-seconds"),
            help: "Seconds between controller heartbeats; an SE whose secure channel fails is declared down after 6 missed ones.")
    var heartbeatSeconds: Double = 10

    @Option(name: .customLong("latency-ms"), help: "Delay added to every answer, in milliseconds.")
    var latencyMilliseconds = 0

    @Flag(name: .customLong("control-endpoints"),
          help: "Serve /_simulator/* on the same port: stats, reset, mapping-status, failover, malformed, drop, latency, expire-sessions, password, node-state (see avitui(1)).")
    var controlEndpoints = false

    @Option(name: .customLong("session-idle-timeout"), help: "Idle session timeout in seconds.")
    var sessionIdleTimeout: Double = 15 * 60

    @Option(help: "Admin user name.")
    var username = "admin"

    @Option(name: .customLong("password-file"), help: "File holding the admin password (default: a random one).")
    var passwordFile: String?

    @Option(name: .customLong("state-dir"), help: "Directory for ca.pem (default: a fresh temporary directory).")
    var stateDirectory: String?

    @Option(name: .customLong("failover-every"),
            help: ArgumentHelp("Fail the leader over every SECONDS (it answers 503 for --failover-down-seconds, then another node leads).", valueName: "SECONDS"))
    var failoverEvery: Double?

    @Option(name: .customLong("failover-down-seconds"), help: ArgumentHelp("How long a fail-over answers 503.", valueName: "SECONDS"))
    var failoverDownSeconds: Double = 10

    func validate() throws {
        if let failoverEvery, !(failoverEvery > failoverDownSeconds) {
            throw ValidationError("--failover-every must be longer than --failover-down-seconds (\(failoverDownSeconds) s)")
        }
        guard failoverDownSeconds >= 0 else { throw ValidationError("--failover-down-seconds must not be negative") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard serviceEngines >= 0, certificates >= 0, alerts >= 0 else {
            throw ValidationError("--ses, --certs and --alerts must not be negative")
        }
        guard heartbeatSeconds > 0 else { throw ValidationError("--heartbeat-seconds must be more than 0") }
        guard alertInterval >= 0, latencyMilliseconds >= 0, sessionIdleTimeout > 0 else {
            throw ValidationError("--alert-interval, --latency-ms must not be negative and --session-idle-timeout must be positive")
        }
    }

    func run() async throws {
        var options = SimulatorOptions()
        options.host = host
        options.port = port
        options.version = controllerVersion
        options.seed = seed
        options.serviceEngines = serviceEngines
        options.certificates = certificates
        options.alerts = alerts
        options.alertInterval = alertInterval > 0 ? alertInterval : nil
        options.enforceSecureChannelChecks = enforceSecureChannelChecks
        options.secureChannelReaction = secureChannelReaction
        options.heartbeatSeconds = heartbeatSeconds
        options.latency = Double(latencyMilliseconds) / 1000
        options.controlEndpoints = controlEndpoints
        options.sessionIdleTimeout = sessionIdleTimeout
        options.username = username
        if let passwordFile {
            let text = try String(contentsOfFile: passwordFile, encoding: .utf8)
            let password = text.trimmingCharacters(in: .newlines)
            guard !password.isEmpty else { throw ValidationError("the password file \(passwordFile) is empty") }
            options.password = password
        }
        if let stateDirectory { options.stateDirectory = URL(fileURLWithPath: stateDirectory, isDirectory: true) }

        let simulator = ControllerSimulator(options: options)
        let endpoint = try await simulator.start()
        if let readyFile { try simulator.writeReadyFile(to: URL(fileURLWithPath: readyFile)) }
        let message = "avitui sim: controller \(controllerVersion) listening on \(endpoint.url.absoluteString)\n"
            + "avitui sim: CA certificate \(endpoint.caFile.path)\n"
            + "avitui sim: user \(endpoint.username)" + (passwordFile == nil ? " (password in the ready file)" : "") + "\n"
        FileHandle.standardError.write(Data(message.utf8))
        let failovers = failoverEvery.map { every in
            Task { [failoverDownSeconds] in
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: UInt64(every * 1_000_000_000))
                    if Task.isCancelled { break }
                    FileHandle.standardError.write(Data("avitui sim: leader fail-over (503 for \(failoverDownSeconds) s)\n".utf8))
                    simulator.failover(downFor: failoverDownSeconds)
                }
            }
        }
        await SignalNotice([SIGINT, SIGTERM]).wait()
        failovers?.cancel()
        FileHandle.standardError.write(Data("avitui sim: stopping\n".utf8))
        try await simulator.stop()
    }
}

extension SecureChannelReaction: ExpressibleByArgument {}
