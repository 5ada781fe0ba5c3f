import AviAPI
import ArgumentParser
import Console
import Foundation
import Simulator
import TerminalUI

/// `avitui demo`: a simulated controller in this process on a free loopback
/// port, trusted through its own CA file, and the console opened on it —
/// no setup, no credentials asked.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the console on a simulated controller (no setup, no credentials).",
        // --version is the program's, as on every command; the release is --controller-version.
        version: AviTUI.version)

    @Option(name: .long, help: "Service Engines to simulate.")
    var ses = 12

    @Option(name: .long, help: "Certificates to simulate (besides the System-Default ones).")
    var certs = 40

    @Option(name: .long, help: "Alerts to start with (a new one arrives every few seconds).")
    var alerts = 200

    @Option(name: .long, help: "Seed for the generated data.")
    var seed: UInt64 = 1

    @Option(name: .customLong("controller-version"), help: ArgumentHelp("Controller release to emulate.", valueName: "VERSION"))
    var controllerVersion = "31.2.1"

    @Flag(name: .long, help: "Read-only: nothing but reads can leave the process.")
    var readOnly = false

    @Flag(name: .long, help: "Log in as the simulator's read-only user (read-only is then detected from its roles).")
    var monitorUser = false

    @Option(name: .long, help: ArgumentHelp("N simulated clusters (different releases and states) in the fleet console.", valueName: "N"))
    var fleet: Int?

    @Option(name: .customLong("secure-channel-reaction"),
            help: "How the simulated SEs and follower nodes answer a new secure-channel certificate: ok (re-authenticate), fail, or partial (some fail, chosen from the seed).")
    var secureChannelReaction: SecureChannelReaction?

    @Option(name: .customLong("heartbeat-seconds"),
            help: ArgumentHelp("Seconds between the simulated controller's heartbeats (default 10); the wizard's step 7 watches six of them.", valueName: "SECS"))
    var heartbeatSeconds: Double?

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        guard ses >= 0, certs >= 0, alerts >= 0 else { throw ValidationError("--ses, --certs and --alerts cannot be negative") }
        if let fleet, !(1...64).contains(fleet) { throw ValidationError("--fleet takes 1 to 64 clusters") }
        if let heartbeatSeconds, !(heartbeatSeconds > 0) { throw ValidationError("--heartbeat-seconds must be more than 0") }
        if fleet != nil, secureChannelReaction != nil || heartbeatSeconds != nil {
            throw ValidationError("--secure-channel-reaction and --heartbeat-seconds are for the one-cluster demo: leave out --fleet")
        }
    }

    func run() async throws {
        try await runReportingErrors {
            try ConsoleLauncher.checkTerminal(ProcessInfo.processInfo.environment)
            let theme = try display.loadTheme(configured: nil)
            if let fleet {
                let (members, simulators) = try await DemoFleet.start(count: fleet, seed: seed, alerts: alerts)
                try await FleetLauncher.run(members: members, theme: theme, forceReadOnly: readOnly,
                                            options: FleetPollOptions(interval: FleetPollOptions.interval(forClusters: members.count)),
                                            auditLog: AuditLog(url: XDGPaths().demoAuditLog))
                withExtendedLifetime(simulators) {}
                return
            }
            var options = SimulatorOptions()
            options.serviceEngines = ses
            options.certificates = certs
            options.alerts = alerts
            options.seed = seed
            options.version = controllerVersion
            options.secureChannelReaction = secureChannelReaction ?? .ok
            options.heartbeatSeconds = heartbeatSeconds ?? options.heartbeatSeconds
            let simulator = ControllerSimulator(options: options)
            let endpoint: SimulatorEndpoint
            do { endpoint = try await simulator.start() } catch {
                throw AviError.invalidConfiguration("the simulator could not start: \(error)")
            }
            let username = monitorUser ? endpoint.readOnlyUsername : endpoint.username
            let password = monitorUser ? endpoint.readOnlyPassword : endpoint.password
            let log = RequestLog()
            var settings = ConnectionSettings(controllers: [endpoint.url], username: username, password: password,
                                              trust: TLSTrust(caFile: endpoint.caFile.path), readOnly: readOnly)
            var client = AviClient(settings: settings, log: log)
            let login = try await client.session.connect()
            var reason: String? = readOnly ? "--read-only" : nil
            if !readOnly, await !client.canWriteSystemConfiguration() {
                await client.session.logout()
                reason = "user \(username) cannot write the system configuration"
                settings.readOnly = true
                client = AviClient(settings: settings, log: log)
                _ = try await client.session.connect()
            }
            let connection = ConnectionInfo(
                controller: endpoint.url.absoluteString, addresses: [endpoint.url.absoluteString], username: username, tenant: "admin",
                apiVersion: await client.session.apiVersion, controllerVersion: login.version?.version, readOnly: settings.readOnly,
                readOnlyReason: reason, insecure: false, trust: "simulator CA \(endpoint.caFile.path)")
            // The simulator is not stopped on the way out: closing its TLS connections politely
            // takes seconds, and the process is ending anyway (the OS closes the sockets).
            // The temporary CA file goes with the console, however it ends (a crash is swept by the next start).
            defer { simulator.removeTemporaryState() }
            // The wizard watches the simulator's own (scaled) heartbeats.
            try await ConsoleLauncher.run(client: client, connection: connection, log: log, theme: theme,
                                          heartbeat: options.heartbeatSeconds, auditLog: AuditLog(url: XDGPaths().demoAuditLog))
            withExtendedLifetime(simulator) {}
        }
    }
}
