import AviAPI
import ArgumentParser
import Console
import Exporter
import Foundation

/// `status --prometheus` and `status --textfile PATH`: one read of the cluster as the
/// Prometheus text format, on stdout or written atomically for node_exporter's textfile
/// collector. A cluster that cannot be read still gets its exposition (`avitui_probe_success`
/// 0), so the file stays fresh and the "probe failing" alert can fire; the error goes to
/// stderr and the exit status is 1. A bad command line or configuration writes nothing.
enum PrometheusStatus {
    static func run(_ options: ConnectionOptions, textfile: String?) async throws {
        let cluster = try clusterLabel(options)
        if let textfile { try checkDirectory(textfile) }
        var reading = ClusterReading(cluster: cluster, snapshot: nil)
        var failure: String?
        do {
            let opened = try await ControllerConnection.open(options, forceReadOnly: true)
            let store = SnapshotStore(Snapshot(connection: opened.connection))
            await Refresher(client: opened.client, store: store).refreshAllOnce()
            await opened.client.session.logout()
            reading.snapshot = store.latest()
            if reading.snapshot?.resourceStates.allSatisfy({ $0.error != nil }) == true {
                failure = reading.failure ?? "the controller answered no read"
            }
        } catch let error as AviError {
            if case .invalidConfiguration = error { throw error }
            reading.error = error.description
            failure = error.description
        }
        try emit(Exposition.render(SnapshotMetrics.samples(reading)), textfile: textfile)
        if let failure {
            Output.err("avitui: \(failure)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }

    /// `--all`: every selected profile read once, in parallel (Console/Fleet), one `cluster` label
    /// each. Exit status 1 only when no cluster could be read at all.
    static func runFleet(names: [String], tags: [String], textfile: String?) async throws {
        if let textfile { try checkDirectory(textfile) }
        let members = try FleetLoader.members(names: names, tags: tags)
        let poller = FleetPoller(members: members) { _, client, connection in SnapshotReader(client: client, connection: connection) }
        await poller.pollOnce()
        await poller.stop()
        let entries = poller.store.latest().entries
        let readings = entries.map { ClusterReading(cluster: $0.name, snapshot: $0.value, error: $0.error) }
        try emit(Exposition.render(readings.flatMap(SnapshotMetrics.samples)), textfile: textfile)
        if entries.allSatisfy({ $0.value == nil }) {
            Output.err("avitui: no cluster could be read: " + entries.map { "\($0.name): \($0.error ?? "no answer")" }.joined(separator: "; ") + "\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }

    private static func checkDirectory(_ textfile: String) throws {
        do { try TextfileWriter.checkDirectory(of: textfile) } catch let error as TextfileWriter.Failure {
            Output.err("avitui: \(error.description)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }

    private static func emit(_ bytes: [UInt8], textfile: String?) throws {
        if let textfile {
            do { try TextfileWriter.write(bytes, to: textfile) } catch let error as TextfileWriter.Failure {
                Output.err("avitui: \(error.description)\n")
                throw ExitCode(ExitStatus.failure.rawValue)
            }
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }

    /// The profile name when the controller address comes from a profile, else the controller's host.
    static func clusterLabel(_ options: ConnectionOptions) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let config = try ControllerConnection.loadConfig(environment: environment)
        let resolved = try ConnectionResolver(flags: options.flags, environment: environment, config: config).resolve()
        let addressGiven = options.controller != nil || !(environment["AVI_CONTROLLER"] ?? "").isEmpty
        if let profile = resolved.profile, !addressGiven { return profile.name }
        return ClusterLabel.forController(resolved.settings.controllers.first?.absoluteString ?? "")
    }
}
