import AviAPI
import Foundation

/// Reads one cluster of a fleet; `FleetPoller` calls `poll` on its cadence, one reader per
/// cluster, after the session is logged in. A reader keeps whatever state it needs between
/// polls (last values, what is due), so readers are classes or actors.
///
/// `poll` throws only when the cluster as a whole could not be read (unreachable, login
/// refused, 503 during a leader change); a part that fails is reported inside `Output`.
public protocol ClusterReader: AnyObject, Sendable {
    associatedtype Output: Sendable
    func poll() async throws -> Output
}

/// The whole picture of a cluster, as the single-cluster console reads it: every resource
/// through a `Refresher` (full alert read the first time, then the newest page), for
/// `status --all` and the exporter. Output: the cluster's `Snapshot`.
public actor SnapshotReader: ClusterReader {
    public let store: SnapshotStore
    private let client: AviClient
    private let refresher: Refresher
    private var polls = 0
    private let clock: WallClock
    /// nil: the certificate group every poll; else only when this long has passed since its last success.
    private let certificateInterval: TimeInterval?

    /// `certificateInterval`: read certificates, the system configuration, VS references and clouds
    /// only that often (the exporter polls every 15 s but certificates change rarely and cost the
    /// most requests); nil reads them every poll.
    public init(client: AviClient, connection: ConnectionInfo, clock: WallClock = SystemWallClock(),
                certificateInterval: TimeInterval? = nil) {
        self.client = client
        self.clock = clock
        self.certificateInterval = certificateInterval
        store = SnapshotStore(Snapshot(connection: connection))
        refresher = Refresher(client: client, store: store, clock: clock)
    }

    private var certificatesDue: Bool {
        guard let certificateInterval, let last = store.latest().certificates.fetchedAt else { return true }
        return clock.now().timeIntervalSince(last) >= certificateInterval - 0.5
    }

    /// One full read; throws when not a single resource could be read (the cluster's own
    /// failure, e.g. unreachable), so the fleet shows it as that cluster's error.
    public func poll() async throws -> Snapshot {
        // One small typed read first: a refused login or an unreachable cluster surfaces as an
        // `AviError`, so the poller can tell "never retry this password" from "try again later".
        _ = try await client.clusterRuntime()
        polls += 1
        if polls == 1 {
            await refresher.refreshAllOnce()
        } else {
            let certificates = certificatesDue
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.refresher.run(.cluster) }
                if certificates { group.addTask { await self.refresher.run(.certificates) } }
                group.addTask { await self.refresher.run(.alerts) }
            }
        }
        let snapshot = store.latest()
        let states = snapshot.resourceStates
        if states.allSatisfy({ $0.error != nil }), let first = states.first?.error {
            throw FleetReadError(message: first)
        }
        return snapshot
    }
}

/// A cluster-level failure described by text (the refresher keeps errors as text).
public struct FleetReadError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
