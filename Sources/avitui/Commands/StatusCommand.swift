import AviAPI
import ArgumentParser
import Console
import Foundation

/// `avitui status [--json]`: one snapshot of everything, printed once.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print one snapshot of the cluster, Service Engines, secure channel, certificates and alerts.")

    @OptionGroup var connection: ConnectionOptions

    @Flag(name: .long, help: "Print JSON (keys documented in avitui(1)).")
    var json = false

    @Flag(name: .long, help: "Print the Prometheus text format (metrics listed in avitui(1)).")
    var prometheus = false

    @Option(name: .long, help: ArgumentHelp("Write the Prometheus text format to PATH atomically, for node_exporter's textfile collector.",
                                            valueName: "PATH"), completion: .file(extensions: ["prom"]))
    var textfile: String?

    func validate() throws {
        if json && (prometheus || textfile != nil) { throw ValidationError("--json cannot be combined with --prometheus or --textfile") }
    }

    @OptionGroup var fleet: FleetOptions

    func run() async throws {
        if fleet.isFleet && !prometheus && textfile == nil { return try await FleetStatus.run(names: connection.profile.map { [$0] } ?? [], tags: fleet.tag, json: json) }
        try await runReportingErrors {
            if prometheus || textfile != nil {
                if fleet.isFleet {
                    return try await PrometheusStatus.runFleet(names: connection.profile.map { [$0] } ?? [], tags: fleet.tag, textfile: textfile)
                }
                return try await PrometheusStatus.run(connection, textfile: textfile)
            }
            let opened: ControllerConnection
            do {
                opened = try await ControllerConnection.open(connection, forceReadOnly: true)
            } catch {
                // A `| jq` pipeline still gets every contract key (nulls) and the reason.
                if json {
                    let reason = (error as? AviError)?.description ?? (error as? ConfigError)?.description ?? "\(error)"
                    let report = StatusReport(unreachable: ControllerConnection.describe(connection), error: reason, now: Date())
                    Output.out(try report.json())
                }
                throw error
            }
            let store = SnapshotStore(Snapshot(connection: opened.connection))
            let refresher = Refresher(client: opened.client, store: store)
            await refresher.refreshAllOnce()
            await opened.client.session.logout()
            let snapshot = store.latest()
            let now = Date()
            if json {
                Output.out(try StatusReport(snapshot, now: now).json())
            } else {
                Output.out(StatusText.render(snapshot, now: now, color: Output.useColor))
            }
            // Every resource failed: the controller answered nothing useful.
            if snapshot.resourceStates.allSatisfy({ $0.error != nil }) { throw ExitCode(ExitStatus.failure.rawValue) }
        }
    }
}
