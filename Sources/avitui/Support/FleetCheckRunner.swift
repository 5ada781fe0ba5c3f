import AviAPI
import Console
import Foundation

/// `check ... --all`: the check's reads on every selected cluster in parallel (bounded), each
/// with its own session and timeouts, all within `--timeout`; a cluster that failed or did not
/// answer in time is UNKNOWN with its reason, and the fleet's result combines them (FleetCheck).
enum FleetCheckRunner {
    /// One check's reads on one cluster (the poller logs in first).
    final class CheckReader: ClusterReader, @unchecked Sendable {
        let kind: CheckKind
        let client: AviClient
        let connection: ConnectionInfo

        init(kind: CheckKind, client: AviClient, connection: ConnectionInfo) {
            self.kind = kind
            self.client = client
            self.connection = connection
        }

        func poll() async throws -> Snapshot { await CheckFetch.snapshot(for: kind, client: client, connection: connection) }
    }

    static func result(_ kind: CheckKind, service: String, names: [String], tags: [String], timeout: Double,
                       evaluate: @escaping @Sendable (Snapshot, Date) -> CheckResult) async -> CheckResult {
        let members: [FleetMember]
        do { members = try FleetLoader.members(names: names, tags: tags) } catch {
            return .unknown(service, (error as? AviError)?.description ?? "\(error)")
        }
        let poller = FleetPoller(members: members) { _, client, connection in
            CheckReader(kind: kind, client: client, connection: connection)
        }
        // Whatever has not answered by the deadline is reported as such; the rest is not held back.
        _ = await FirstResult.race({ await poller.pollOnce(); return true }, orAfter: timeout) { false }
        await poller.stop()
        let now = Date()
        let results = poller.store.latest().entries.map { entry -> (profile: String, result: CheckResult) in
            if let error = entry.error { return (entry.name, .unknown(service, error)) }
            guard let snapshot = entry.value else {
                return (entry.name, .unknown(service, "no answer from the controller within \(Int(timeout.rounded())) s"))
            }
            return (entry.name, evaluate(snapshot, now))
        }
        return FleetCheck.combine(service: service, results)
    }
}
