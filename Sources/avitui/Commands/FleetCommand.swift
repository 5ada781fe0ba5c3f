import AviAPI
import ArgumentParser
import Console
import Foundation

/// `avitui fleet [--profile NAME ...] [--tag TAG ...]`: the console over several clusters,
/// worst first; Enter opens one cluster's console, Esc comes back.
struct FleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Open the console over several clusters (every profile of the config file by default), worst first.",
        discussion: """
            One row per cluster: profile, release, cluster state, nodes, leader, SEs up, tunnels not authenticated, \
            secure-channel certificate days, soonest certificate, HIGH alerts and data age. Enter opens that \
            cluster's console (its own read-only setting and wizard), Esc comes back, :ctx NAME jumps from anywhere. \
            Passwords come only from each profile's password_file. Nothing on the fleet screen writes.
            """)

    @Option(name: .long, help: ArgumentHelp("A profile of the config file (repeatable; default: every profile).", valueName: "NAME"))
    var profile: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only profiles with this tag, KEY=VALUE or a bare word (repeatable).", valueName: "TAG"))
    var tag: [String] = []

    @Option(name: .customLong("max-concurrent"), help: "Clusters read at the same time (default 6).")
    var maxConcurrent = 6

    @Flag(name: .long, help: "Every cluster's console read-only, whatever its profile says.")
    var readOnly = false

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        guard maxConcurrent >= 1 else { throw ValidationError("--max-concurrent must be at least 1") }
    }

    func run() async throws {
        try await runReportingErrors {
            let environment = ProcessInfo.processInfo.environment
            try ConsoleLauncher.checkTerminal(environment)
            let config = try ControllerConnection.loadConfig(environment: environment)
            let theme = try display.loadTheme(configured: config.theme)
            let members = try FleetLoader.members(names: profile, tags: tag)
            try await FleetLauncher.run(members: members, theme: theme, forceReadOnly: readOnly,
                                        options: FleetPollOptions(interval: FleetPollOptions.interval(forClusters: members.count),
                                                                  maxConcurrent: maxConcurrent))
        }
    }
}
