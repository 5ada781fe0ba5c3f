import AviAPI
import Foundation

/// Reads the controller on a schedule and publishes snapshots. Three groups run on their
/// own cadence; each cycle is a constant number of (paged) requests whatever the number of
/// objects. A failing resource keeps its last value and retries with back-off.
public actor Refresher {
    public enum Group: CaseIterable, Sendable { case alerts, cluster, certificates }

    private let client: AviClient
    private let store: SnapshotStore
    private let clock: WallClock
    private let cadence: RefreshCadence
    private var tasks: [Task<Void, Never>] = []
    private var dueAt: [Group: Date] = [:]
    private var failures: [Group: Int] = [:]
    private var lastFullAlertRead: Date?
    /// The controller's alert count at the last read, to tell whether anything new arrived.
    private var alertTotal = -1
    private var paused = false

    public init(client: AviClient, store: SnapshotStore, clock: WallClock = SystemWallClock(), cadence: RefreshCadence = RefreshCadence()) {
        self.client = client
        self.store = store
        self.clock = clock
        self.cadence = cadence
        MemoryRelief.limitArenas()
    }

    /// Starts the background loops (idempotent).
    public func start() {
        guard tasks.isEmpty else { return }
        for group in Group.allCases {
            dueAt[group] = clock.now()
            tasks.append(Task { [weak self] in await self?.loop(group) })
        }
    }

    public func stop() {
        for task in tasks { task.cancel() }
        tasks = []
    }

    /// `r`: every group runs at once.
    public func refreshNow() {
        for group in Group.allCases { dueAt[group] = .distantPast }
    }

    /// `p`: no requests while paused; the screen keeps the last data with its age.
    public func setPaused(_ value: Bool) { paused = value }
    public var isPaused: Bool { paused }

    /// One full read of everything, concurrently: `status`, `check` and the first frame use it.
    public func refreshAllOnce() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.run(.cluster) }
            group.addTask { await self.run(.certificates) }
            group.addTask { await self.run(.alerts, full: true) }
        }
    }

    private func loop(_ group: Group) async {
        while !Task.isCancelled {
            let now = clock.now()
            if !paused, let due = dueAt[group], due <= now {
                dueAt[group] = now.addingTimeInterval(3600)  // held until the run finishes
                let fullAlerts = group == .alerts && (lastFullAlertRead.map { now.timeIntervalSince($0) >= cadence.allAlerts } ?? true)
                await run(group, full: fullAlerts)
            }
            try? await Task.sleep(nanoseconds: 200_000_000)
        }
    }

    private func schedule(_ group: Group, succeeded: Bool) -> Date {
        let base: TimeInterval
        switch group {
        case .alerts: base = cadence.alerts
        case .cluster: base = cadence.cluster
        case .certificates: base = cadence.certificates
        }
        failures[group] = succeeded ? 0 : (failures[group] ?? 0) + 1
        let delay = succeeded ? base : min(base, cadence.retryDelay(base: min(base, 5), failures: failures[group] ?? 1))
        let next = clock.now().addingTimeInterval(delay)
        dueAt[group] = next
        return next
    }

    func run(_ group: Group, full: Bool = false) async {
        switch group {
        case .cluster:
            async let runtime = Self.attempt { try await self.client.clusterRuntime() }
            async let config = Self.attempt { try await self.client.clusterConfig() }
            async let engines = Self.attempt { try await self.client.serviceEngines() }
            async let mappings = Self.attempt { try await self.client.secureChannelMappings() }
            let results = await (runtime, config, engines, mappings)
            let ok = results.0.isSuccess && results.1.isSuccess && results.2.isSuccess && results.3.isSuccess
            let next = schedule(.cluster, succeeded: ok)
            let now = clock.now()
            store.update { snapshot in
                snapshot.clusterRuntime = Self.apply(results.0, to: snapshot.clusterRuntime, now: now, next: next, requests: 1)
                snapshot.clusterConfig = Self.apply(results.1, to: snapshot.clusterConfig, now: now, next: next, requests: 1)
                snapshot.serviceEngines = Self.apply(results.2.map { $0.items }, to: snapshot.serviceEngines, now: now, next: next,
                                                     requests: results.2.value?.requests ?? 1)
                snapshot.secureChannel = Self.apply(results.3.map { $0.items }, to: snapshot.secureChannel, now: now, next: next,
                                                    requests: results.3.value?.requests ?? 1)
            }
        case .certificates:
            async let certificates = Self.attempt { try await self.client.certificates() }
            async let configuration = Self.attempt { try await self.client.systemConfiguration() }
            async let services = Self.attempt { try await self.client.virtualServicesWithCertificates() }
            async let clouds = Self.attempt { try await self.client.clouds() }
            let results = await (certificates, configuration, services, clouds)
            let ok = results.0.isSuccess && results.1.isSuccess && results.2.isSuccess && results.3.isSuccess
            let next = schedule(.certificates, succeeded: ok)
            let now = clock.now()
            store.update(deriving: true) { snapshot in
                snapshot.certificates = Self.apply(results.0.map { $0.items }, to: snapshot.certificates, now: now, next: next,
                                                   requests: results.0.value?.requests ?? 1)
                snapshot.systemConfiguration = Self.apply(results.1, to: snapshot.systemConfiguration, now: now, next: next, requests: 1)
                snapshot.virtualServices = Self.apply(results.2.map { $0.items }, to: snapshot.virtualServices, now: now, next: next,
                                                      requests: results.2.value?.requests ?? 1)
                snapshot.clouds = Self.apply(results.3.map { $0.items }, to: snapshot.clouds, now: now, next: next,
                                             requests: results.3.value?.requests ?? 1)
            }
            MemoryRelief.trim()
        case .alerts:
            let known = (count: alertTotal, newest: store.latest().alerts.value?.first?.uuid)
            let result = await Self.attempt { () -> CollectionResult<Alert> in
                if full { return try await self.client.allAlerts() }
                // A one-object probe first: an all-day console costs about 1 KB per cycle while nothing happens.
                let probe = try await self.client.newestAlerts(limit: 1)
                if probe.count == known.count, probe.items.first?.uuid == known.newest {
                    return CollectionResult(items: [], count: probe.count, requests: probe.requests)
                }
                let wanted = min(200, max(25, probe.count - known.count + 5))
                var page = try await self.client.newestAlerts(limit: wanted)
                page.requests += probe.requests
                return page
            }
            let next = schedule(.alerts, succeeded: result.isSuccess)
            let now = clock.now()
            if full && result.isSuccess { lastFullAlertRead = now }
            if case let .success(page) = result { alertTotal = page.count }
            if full { MemoryRelief.trim() }
            store.update { snapshot in
                switch result {
                case let .success(page):
                    let merged = full ? page.items : AlertMerge.merge(newest: page.items, into: snapshot.alerts.value ?? [])
                    snapshot.alerts = snapshot.alerts.succeeded(merged, at: now, requests: page.requests, next: next)
                case let .failure(error):
                    snapshot.alerts = snapshot.alerts.failed(error.description, at: now, retryAt: next)
                }
            }
        }
    }

    private static func attempt<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, AviError> {
        do { return .success(try await body()) } catch let error as AviError { return .failure(error) } catch {
            return .failure(.invalidConfiguration("\(error)"))
        }
    }

    private static func apply<T>(_ result: Result<T, AviError>, to resource: Resource<T>, now: Date, next: Date, requests: Int) -> Resource<T> {
        switch result {
        case let .success(value): return resource.succeeded(value, at: now, requests: requests, next: next)
        case let .failure(error): return resource.failed(error.description, at: now, retryAt: next)
        }
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
    var value: Success? { if case let .success(value) = self { return value } else { return nil } }
}

/// Merges the newest page of alerts into what is known, newest first, one entry per uuid.
public enum AlertMerge {
    public static let cap = 50_000

    public static func merge(newest: [Alert], into known: [Alert]) -> [Alert] {
        var seen = Set<String>()
        var merged: [Alert] = []
        merged.reserveCapacity(min(cap, known.count + newest.count))
        for alert in newest + known where seen.insert(alert.uuid).inserted {
            merged.append(alert)
        }
        merged.sort { ($0.timestamp ?? 0) > ($1.timestamp ?? 0) }
        return merged.count > cap ? Array(merged.prefix(cap)) : merged
    }
}
