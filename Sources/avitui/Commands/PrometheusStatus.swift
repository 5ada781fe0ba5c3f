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
        if let textfile {
            do { try TextfileWriter.checkDirectory(of: textfile) } catch let error as TextfileWriter.Failure {
                Output.err("avitui: \(error.description)\n")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
        }
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
        let bytes = Exposition.render(SnapshotMetrics.samples(reading))
        if let textfile {
            do { try TextfileWriter.write(bytes, to: textfile) } catch let error as TextfileWriter.Failure {
                Output.err("avitui: \(error.description)\n")
                throw ExitCode(ExitStatus.failure.rawValue)
            }
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
        if let failure {
            Output.err("avitui: \(failure)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
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
