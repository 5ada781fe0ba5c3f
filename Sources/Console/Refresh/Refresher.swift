import AviAPI
import Foundation

/// Reads the controller on a schedule and publishes snapshots. Three groups run on their
/// own cadence; each cycle is a constant number of (paged) requests whatever the number of
/// objects. A failing resource keeps its last value and retries with back-off.
///
/// What an idle cycle costs the controller: collections with a change marker (certificates,
/// virtual services, mappings) are probed with one small request and read again only when
/// the marker moved; alerts read only what is new; SEs (whose runtime has no marker) are
/// read on their own slower cadence. `refreshNow` and `refreshAllOnce` read everything.
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
    private var changeGuard = ChangeGuard()
    /// Set by `refreshNow`: the next cycle of each group reads everything.
    private var forced: Set<Group> = []
    private var lastEngineRead: Date?
    /// A mapping changed: read the SEs at the next cluster cycle. (Not on every SE alert: a
    /// chatty alert stream would bring back the 5 s full SE read.)
    private var enginesStale = false
    private var lastAlertPrune: Date?

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
        forced = Set(Group.allCases)
    }

    /// `p`: no requests while paused; the screen keeps the last data with its age.
    public func setPaused(_ value: Bool) { paused = value }
    public var isPaused: Bool { paused }

    /// One full read of everything, concurrently: `status`, `check` and the first frame use it.
    /// With `forced: false`, one cycle of each group as the schedule runs it (change probes).
    public func refreshAllOnce(forced: Bool = true) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.run(.cluster, full: forced) }
            group.addTask { await self.run(.certificates, full: forced) }
            group.addTask { await self.run(.alerts, full: forced) }
        }
    }

    private func loop(_ group: Group) async {
        while !Task.isCancelled {
            let now = clock.now()
            if !paused, let due = dueAt[group], due <= now {
                dueAt[group] = now.addingTimeInterval(3600)  // held until the run finishes
                let full = forced.remove(group) != nil || (group == .alerts && lastFullAlertRead == nil)
                await run(group, full: full)
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
            let started = clock.now()
            let enginesDue = full || enginesStale || lastEngineRead.map { started.timeIntervalSince($0) >= cadence.serviceEngines } ?? true
            if enginesDue { enginesStale = false }
            async let runtime = Self.attempt { try await self.client.clusterRuntime() }
            async let config = Self.attempt { try await self.client.clusterConfig() }
            async let engines = Self.attempt { () -> CollectionResult<ServiceEngine>? in
                if !enginesDue { return nil }
                return try await self.client.serviceEngines()
            }
            async let mappings = Self.attempt {
                try await self.guardedRead("/api/securechannelmapping", maxAge: self.cadence.unchangedMappings, full: full) {
                    try await self.client.secureChannelMappings()
                }
            }
            let results = await (runtime, config, engines, mappings)
            let ok = results.0.isSuccess && results.1.isSuccess && results.2.isSuccess && results.3.isSuccess
            if enginesDue, results.2.isSuccess { lastEngineRead = started } else if enginesDue { enginesStale = true }
            // A mapping that changed may mean an SE went down or came back: look at the SEs too.
            if !full, case .success(.some) = results.3, lastEngineRead != nil, !enginesDue { enginesStale = true }
            let next = schedule(.cluster, succeeded: ok)
            let now = clock.now()
            store.update { snapshot in
                snapshot.clusterRuntime = Self.apply(results.0, to: snapshot.clusterRuntime, now: now, next: next, requests: 1)
                snapshot.clusterConfig = Self.apply(results.1, to: snapshot.clusterConfig, now: now, next: next, requests: 1)
                snapshot.serviceEngines = Self.apply(results.2, to: snapshot.serviceEngines, now: now, next: next, probe: nil)
                snapshot.secureChannel = Self.apply(results.3, to: snapshot.secureChannel, now: now, next: next, probe: 1)
            }
        case .certificates:
            async let certificates = Self.attempt {
                try await self.guardedRead("/api/sslkeyandcertificate", maxAge: self.cadence.unchangedCertificates, full: full) {
                    try await self.client.certificates()
                }
            }
            async let configuration = Self.attempt { try await self.client.systemConfiguration() }
            async let services = Self.attempt {
                try await self.guardedRead("/api/virtualservice", maxAge: self.cadence.unchangedCertificates, full: full) {
                    try await self.client.virtualServicesWithCertificates()
                }
            }
            async let clouds = Self.attempt { try await self.client.clouds() }
            let results = await (certificates, configuration, services, clouds)
            let ok = results.0.isSuccess && results.1.isSuccess && results.2.isSuccess && results.3.isSuccess
            let next = schedule(.certificates, succeeded: ok)
            let now = clock.now()
            let readCertificates: Bool
            if case .success(.some) = results.0 { readCertificates = true } else { readCertificates = false }
            store.update(deriving: true) { snapshot in
                snapshot.certificates = Self.apply(results.0, to: snapshot.certificates, now: now, next: next, probe: 1)
                snapshot.systemConfiguration = Self.apply(results.1, to: snapshot.systemConfiguration, now: now, next: next, requests: 1)
                snapshot.virtualServices = Self.apply(results.2, to: snapshot.virtualServices, now: now, next: next, probe: 1)
                snapshot.clouds = Self.apply(results.3.map { Optional($0) }, to: snapshot.clouds, now: now, next: next, probe: 1)
            }
            if readCertificates { MemoryRelief.trim() }
        case .alerts:
            let held = store.latest().alerts.value ?? []
            let known = (count: alertTotal, newest: held.first?.uuid)
            let pruneDue = lastAlertPrune.map { clock.now().timeIntervalSince($0) >= cadence.allAlerts } ?? true
            let result = await Self.attempt { () -> AlertRead in
                if full { return AlertRead(page: try await self.client.allAlerts(), replaces: true) }
                // A one-object probe first: an all-day console costs well under 1 KB per cycle while nothing happens.
                let probe = try await self.client.alertMarker()
                var items = held
                var requests = 1
                var replaced = false
                if probe.count != known.count || probe.newest != known.newest {
                    // Only what is new (and a small margin); more than a page behind means a full read.
                    let wanted = probe.count - known.count + 5
                    if wanted > 200 { return AlertRead(page: try await self.client.allAlerts(), replaces: true, pruned: true) }
                    let page = try await self.client.newestAlerts(limit: max(5, wanted))
                    items = AlertMerge.merge(newest: page.items, into: held)
                    requests += page.requests
                    replaced = true
                }
                var pruned = false
                if items.count > probe.count, pruneDue {
                    // The controller holds fewer alerts than we do: some were removed. Their uuids alone tell which.
                    let live = try await self.client.alertUUIDs()
                    let liveSet = Set(live.items.map(\.uuid))
                    items = items.filter { liveSet.contains($0.uuid) }
                    if items.count < liveSet.count { return AlertRead(page: try await self.client.allAlerts(), replaces: true, pruned: true) }
                    requests += live.requests
                    replaced = true
                    pruned = true
                }
                return AlertRead(page: CollectionResult(items: replaced ? items : [], count: probe.count, requests: requests),
                                 replaces: replaced, pruned: pruned)
            }
            let next = schedule(.alerts, succeeded: result.isSuccess)
            let now = clock.now()
            if full && result.isSuccess { lastFullAlertRead = now }
            if case let .success(read) = result {
                alertTotal = read.page.count
                if read.pruned || full { lastAlertPrune = now }
            }
            if full { MemoryRelief.trim() }
            store.update { snapshot in
                switch result {
                case let .success(read):
                    let alerts = read.replaces ? read.page.items : (snapshot.alerts.value ?? [])
                    snapshot.alerts = snapshot.alerts.succeeded(alerts, at: now, requests: read.page.requests, next: next,
                                                                unusable: read.replaces ? read.page.unusable : nil, unchanged: !read.replaces)
                case let .failure(error):
                    snapshot.alerts = snapshot.alerts.failed(error.description, at: now, retryAt: next)
                }
            }
        }
    }

    /// What one alert cycle read: the alerts to hold from now on (`replaces`), or nothing new.
    private struct AlertRead: Sendable {
        var page: CollectionResult<Alert>
        var replaces: Bool
        var pruned = false
    }

    /// Reads a collection when its change marker moved, when forced, or when its last full read
    /// is older than `maxAge`; nil when the probe shows nothing changed.
    private func guardedRead<Item: Sendable>(_ path: String, maxAge: TimeInterval, full: Bool,
                                             read: @Sendable () async throws -> CollectionResult<Item>) async throws -> CollectionResult<Item>? {
        let marker = try await client.changeMarker(path)
        if !full, changeGuard.isCurrent(path, marker: marker, now: clock.now(), maxAge: maxAge) { return nil }
        let started = clock.now()
        var result = try await read()
        result.requests += 1
        changeGuard.record(path, marker: marker, at: started)
        return result
    }

    private static func attempt<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, AviError> {
        do { return .success(try await body()) } catch let error as AviError { return .failure(error) } catch {
            return .failure(.invalidConfiguration("\(error)"))
        }
    }

    /// A collection that was read replaces the value; one the probe found unchanged (nil) keeps
    /// it, checked as current now (`probe` requests); one not due (nil, no probe) stays as it was.
    private static func apply<T>(_ result: Result<CollectionResult<T>?, AviError>, to resource: Resource<[T]>, now: Date, next: Date,
                                 probe: Int?) -> Resource<[T]> {
        switch result {
        case let .success(read?): return resource.succeeded(read.items, at: now, requests: read.requests, next: next, unusable: read.unusable)
        case .success(nil):
            guard let probe, let value = resource.value else { return resource }
            return resource.succeeded(value, at: now, requests: probe, next: next, unchanged: true)
        case let .failure(error): return resource.failed(error.description, at: now, retryAt: next)
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
