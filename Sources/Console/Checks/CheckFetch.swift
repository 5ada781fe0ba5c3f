import AviAPI
import Foundation

/// What each check reads, and nothing more: a certificate check must not page through
/// ten thousand alerts before it can answer a monitoring system.
public enum CheckKind: String, Sendable, CaseIterable {
    case certificates = "certs"
    case cluster
    case secureChannel = "secure-channel"
}

/// Reads the resources one check needs into a snapshot, concurrently; a failing read
/// leaves its resource with an error and no value, which the check reports as UNKNOWN.
public enum CheckFetch {
    public static func snapshot(for kind: CheckKind, client: AviClient, connection: ConnectionInfo,
                                clock: WallClock = SystemWallClock(), inUse: Bool = true) async -> Snapshot {
        var snapshot = Snapshot(connection: connection)
        switch kind {
        case .certificates:
            async let certificates = attempt { try await client.certificates().items }
            async let configuration = attempt { try await client.systemConfiguration() }
            async let services = attempt { inUse ? try await client.virtualServicesWithCertificates().items : [] }
            snapshot.certificates = resource(await certificates, clock)
            snapshot.systemConfiguration = resource(await configuration, clock)
            snapshot.virtualServices = resource(await services, clock)
            snapshot.deriveIndexes()
        case .cluster:
            async let runtime = attempt { try await client.clusterRuntime() }
            async let config = attempt { try await client.clusterConfig() }
            snapshot.clusterRuntime = resource(await runtime, clock)
            snapshot.clusterConfig = resource(await config, clock)
        case .secureChannel:
            // Service Engines only to name the mappings; the check does not depend on them.
            async let mappings = attempt { try await client.secureChannelMappings().items }
            async let engines = attempt { try await client.serviceEngines().items }
            snapshot.secureChannel = resource(await mappings, clock)
            snapshot.serviceEngines = resource(await engines, clock)
        }
        return snapshot
    }

    private static func attempt<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    private static func resource<T>(_ result: Result<T, Error>, _ clock: WallClock) -> Resource<T> {
        switch result {
        case let .success(value): return Resource(value: value, fetchedAt: clock.now(), requests: 1)
        case let .failure(error):
            let failure = error as? AviError ?? (error is CancellationError ? .cancelled : .malformedResponse(path: "", detail: "\(error)"))
            return Resource(failure: failure, failedAt: clock.now())
        }
    }
}
