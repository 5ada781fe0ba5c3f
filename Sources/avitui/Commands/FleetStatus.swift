import ArgumentParser
import Console
import Foundation

/// `avitui status --all [--json]`: every selected cluster read once, in parallel (a bounded
/// number at once, each with its own timeouts), printed worst first.
enum FleetStatus {
    static func run(names: [String], tags: [String], json: Bool) async throws {
        try await runReportingErrors {
            let members = try FleetLoader.members(names: names, tags: tags)
            let poller = FleetPoller(members: members) { _, client, connection in SnapshotReader(client: client, connection: connection) }
            await poller.pollOnce()
            await poller.stop()
            let state = poller.store.latest()
            let now = Date()
            if json {
                FileHandle.standardOutput.write(try FleetStatusReport(state, now: now).json())
            } else {
                let rows = FleetOrder().sorted(state.entries, now: now) { ClusterSummary($0, now: now) }
                    .map { FleetRow($0.mapValue { ClusterSummary($0, now: now) }, now: now) }
                Output.out(FleetText.render(rows))
            }
            // No cluster could be read at all: nothing useful was printed.
            if state.entries.allSatisfy({ $0.value == nil }) { throw ExitCode(ExitStatus.failure.rawValue) }
        }
    }
}
