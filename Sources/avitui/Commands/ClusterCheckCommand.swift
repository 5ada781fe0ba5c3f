import ArgumentParser
import Console

/// `avitui check cluster`.
struct ClusterCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "CRITICAL without quorum (a majority of the nodes active), WARNING when a node is not active.",
        discussion: "Also WARNING while the cluster is not up (starting, processing, rebooting) even with quorum.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var check: CheckOptions
    @OptionGroup var fleet: FleetOptions

    func run() async throws {
        try await CheckRunner.run(.cluster, service: ClusterCheck.service, connection: connection, options: check, fleet: fleet) {
            ClusterCheck().evaluate($0, now: $1)
        }
    }
}
