import AviAPI
import Foundation

/// Reads the controller on a schedule and publishes snapshots. Three groups run on their
/// own cadence (`RefreshCadence`); each cycle is a constant number of (paged) requests
/// whatever the number of objects.
///
/// What an idle cycle costs the controller: collections with a change marker (certificates,
/// virtual services, mappings) are probed with one small request and read again only when
/// the marker moved; alerts read only what is new; SEs (whose runtime has no marker) are
/// read on their own slower cadence, or at once when a mapping changed. `refreshNow` and
/// `refreshAllOnce` read everything.
///
/// Each resource backs off on its own: after a failure it is read again after twice its
/// cadence, doubling up to `maxBackoff` (3 min), and at its cadence again after a success.
/// A resource the user may not read (403) is asked only every `forbidden` seconds (10 min)
/// and shown as "no permission". A failing resource keeps its last value. Waiting is on the
/// injected `WallClock`, so tests move time instead of sleeping.
public actor Refresher {
    public enum Group: CaseIterable, Sendable { case alerts, cluster, certificates }

    /// One resource of the snapshot, scheduled and backed off on its own.
    enum Slot: CaseIterable, Sendable {
        case clusterRuntime, clusterConfig, serviceEngines, secureChannel
        case certificates, systemConfiguration, virtualServices, clouds
        case alerts

        var group: Group {
            switch self {
            case .clusterRuntime, .clusterConfig, .serviceEngines, .secureChannel: return .cluster
            case .certificates, .systemConfiguration, .virtualServices, .clouds: return .certificates
            case .alerts: return .alerts
            }
        }
    }

    private struct SlotState {
        var due: Date
        var failures = 0
        var forbidden = false
    }

    /// What one read produced: a change to publish, or why not.
    private enum Outcome: Sendable {
        case success(@Sendable (inout Snapshot, Date, Date) -> Void)
        case failure(AviError)
        /// The refresher is stopping: nothing is published or counted.
        case cancelled
    }

    private let client: AviClient
    private let store: SnapshotStore
    private let clock: WallClock
    private let cadence: RefreshCadence
    private var tasks: [Task<Void, Never>] = []
    private var sleepers: [Group: Task<Void, Error>] = [:]
    private var slots: [Slot: SlotState] = [:]
    private var lastFullAlertRead: Date?
    /// The controller's alert count at the last read, to tell whether anything new arrived.
    private var alertTotal = -1
    private var paused = false
    private var changeGuard = ChangeGuard()
    /// Set by `refreshNow`: the next read of each of these resources is a full one.
    private var forced: Set<Slot> = []
    /// A mapping changed: read the SEs at once. (Not on every SE alert: a chatty alert stream
    /// would bring back the 5 s full SE read.)
    private var enginesStale = false
    private var lastAlertPrune: Date?

    public init(client: AviClient, store: SnapshotStore, clock: WallClock = SystemWallClock(), cadence: RefreshCadence = RefreshCadence()) {
        self.client = client
        self.store = store
        self.clock = clock
        self.cadence = cadence
        MemoryRelief.limitArenas()
    }

    /// Starts the background loops (idempotent): every resource is read at once, then on its cadence.
    public func start() {
        guard tasks.isEmpty else { return }
        let now = clock.now()
        for slot in Slot.allCases where slots[slot] == nil { slots[slot] = SlotState(due: now) }
        for group in Group.allCases {
            tasks.append(Task { [weak self] in await self?.loop(group) })
        }
    }

    public func stop() {
        for task in tasks { task.cancel() }
        for sleeper in sleepers.values { sleeper.cancel() }
        tasks = []
        sleepers = [:]
    }

    /// `r`: every resource is read at once, failing and forbidden ones included.
    public func refreshNow() {
        for slot in Slot.allCases { slots[slot, default: SlotState(due: .distantPast)].due = .distantPast }
        forced = Set(Slot.allCases)
        wakeAll()
    }

    /// `p`: no requests while paused; the screen keeps the last data with its age.
    public func setPaused(_ value: Bool) {
        paused = value
        if !value { wakeAll() }
    }
    public var isPaused: Bool { paused }

    /// One full read of everything, concurrently: `status`, `check` and the first frame use it.
    /// With `forced: false`, one cycle of each group as the schedule runs it (change probes).
    public func refreshAllOnce(forced: Bool = true) async {
        await withTaskGroup(of: Void.self) { group in
            let now = clock.now()
            for kind in Group.allCases {
                // Unforced, SEs (no change marker: a real read) only when their own cadence says so.
                let wanted = Slot.allCases.filter { $0.group == kind && (forced || $0 != .serviceEngines || (slots[$0]?.due ?? now) <= now) }
                group.addTask { await self.run(slots: wanted, full: forced) }
            }
        }
    }

    /// When a resource is read next (for tests and the header).
    func nextRead(_ slot: Slot) -> Date? { slots[slot]?.due }

    private func wakeAll() {
        for sleeper in sleepers.values { sleeper.cancel() }
    }

    private func loop(_ group: Group) async {
        let members = Slot.allCases.filter { $0.group == group }
        while !Task.isCancelled {
            let now = clock.now()
            if !paused {
                let due = members.filter { (slots[$0]?.due ?? now) <= now }
                if !due.isEmpty {
                    await run(slots: due)
                    continue
                }
            }
            // Sleep until the group's next due resource; `r`, un-pausing and `stop` cut it short.
            let wake = paused ? now.addingTimeInterval(3600) : members.compactMap { slots[$0]?.due }.min() ?? now.addingTimeInterval(1)
            let clock = self.clock
            let sleeper = Task { try await clock.sleep(until: wake) }
            sleepers[group] = sleeper
            _ = await sleeper.result
            if sleepers[group] == sleeper { sleepers[group] = nil }
        }
    }

    /// A resource's cadence while it works: its group's, but SEs (a real read of every SE's
    /// runtime, which has no change marker) on their own slower one.
    private func base(_ slot: Slot) -> TimeInterval {
        if slot == .serviceEngines { return max(cadence.cluster, cadence.serviceEngines) }
        switch slot.group {
        case .alerts: return cadence.alerts
        case .cluster: return cadence.cluster
        case .certificates: return cadence.certificates
        }
    }

    /// Records the outcome of a read and returns when the resource is read next.
    private func schedule(_ slot: Slot, failure: AviError?) -> Date {
        var state = slots[slot] ?? SlotState(due: clock.now())
        if let failure {
            state.failures += 1
            state.forbidden = failure.isPermissionDenied
        } else {
            state.failures = 0
            state.forbidden = false
        }
        let delay = cadence.delay(base: base(slot), failures: state.failures, forbidden: state.forbidden)
        state.due = clock.now().addingTimeInterval(delay)
        slots[slot] = state
        return state.due
    }

    /// Reads every resource of a group once, now (the fleet's poller drives groups itself).
    public func run(_ group: Group, full: Bool = false) async {
        await run(slots: Slot.allCases.filter { $0.group == group }, full: full)
    }

    /// Reads the given resources concurrently and publishes them in one snapshot. `full`: every
    /// one is read whole, whatever its change marker says (as is one `refreshNow` forced).
    func run(slots wanted: [Slot], full: Bool = false) async {
        // A forced read is used up by this run even when it is full anyway (no second full read next cycle).
        let wasForced = Set(wanted.filter { forced.remove($0) != nil })
        let fullSlots = Set(wanted.filter { full || wasForced.contains($0) || ($0 == .alerts && lastFullAlertRead == nil) })
        let outcomes = await withTaskGroup(of: (Slot, Outcome).self) { group -> [(Slot, Outcome)] in
            for slot in wanted { group.addTask { (slot, await self.read(slot, full: fullSlots.contains(slot))) } }
            var results: [(Slot, Outcome)] = []
            for await result in group { results.append(result) }
            return results
        }
        let now = clock.now()
        var publications: [(Slot, Outcome, Date)] = []
        for (slot, outcome) in outcomes {
            switch outcome {
            case .cancelled: continue
            case .success: publications.append((slot, outcome, schedule(slot, failure: nil)))
            case let .failure(error): publications.append((slot, outcome, schedule(slot, failure: error)))
            }
        }
        guard !publications.isEmpty else { return }
        if fullSlots.contains(.alerts), publications.contains(where: { if case .success = $0.1, $0.0 == .alerts { return true } else { return false } }) {
            lastFullAlertRead = now
        }
        // A mapping that changed may mean an SE went down or came back: look at the SEs now too.
        if enginesStale {
            enginesStale = false
            if !wanted.contains(.serviceEngines) { slots[.serviceEngines, default: SlotState(due: now)].due = now }
        }
        // After a fail-over the header must name the address in use, not the dead one.
        let address = await client.session.controller.absoluteString
        let derive = wanted.contains { $0.group == .certificates }
        store.update(deriving: derive) { snapshot in
            if snapshot.connection.controller != address { snapshot.connection.controller = address }
            for (slot, outcome, next) in publications {
                switch outcome {
                case let .success(apply): apply(&snapshot, now, next)
                case let .failure(error): Self.markFailed(slot, error, in: &snapshot, now: now, next: next)
                case .cancelled: break
                }
            }
        }
        if derive || fullSlots.contains(.alerts) { MemoryRelief.trim() }
    }

    private func read(_ slot: Slot, full: Bool) async -> Outcome {
        let client = self.client
        do {
            switch slot {
            case .clusterRuntime:
                let value = try await client.clusterRuntime()
                return .success { $0.clusterRuntime = $0.clusterRuntime.succeeded(value, at: $1, requests: 1, next: $2) }
            case .clusterConfig:
                let value = try await client.clusterConfig()
                return .success { $0.clusterConfig = $0.clusterConfig.succeeded(value, at: $1, requests: 1, next: $2) }
            case .serviceEngines:
                let value = try await client.serviceEngines()
                return .success { $0.serviceEngines = $0.serviceEngines.succeeded(value.items, at: $1, requests: value.requests, next: $2, unusable: value.unusable) }
            case .secureChannel:
                let value = try await guardedRead("/api/securechannelmapping", maxAge: cadence.unchangedMappings, full: full) {
                    try await client.secureChannelMappings()
                }
                if value != nil, !full { enginesStale = true }
                return .success { $0.secureChannel = Self.apply(value, to: $0.secureChannel, now: $1, next: $2) }
            case .certificates:
                let value = try await guardedRead("/api/sslkeyandcertificate", maxAge: cadence.unchangedCertificates, full: full) {
                    try await client.certificates()
                }
                return .success { $0.certificates = Self.apply(value, to: $0.certificates, now: $1, next: $2) }
            case .systemConfiguration:
                let value = try await client.systemConfiguration()
                return .success { $0.systemConfiguration = $0.systemConfiguration.succeeded(value, at: $1, requests: 1, next: $2) }
            case .virtualServices:
                let value = try await guardedRead("/api/virtualservice", maxAge: cadence.unchangedCertificates, full: full) {
                    try await client.virtualServicesWithCertificates()
                }
                return .success { $0.virtualServices = Self.apply(value, to: $0.virtualServices, now: $1, next: $2) }
            case .clouds:
                let value = try await client.clouds()
                return .success { $0.clouds = $0.clouds.succeeded(value.items, at: $1, requests: value.requests, next: $2, unusable: value.unusable) }
            case .alerts:
                let read = try await readAlerts(full: full)
                alertTotal = read.page.count
                if read.pruned { lastAlertPrune = clock.now() }
                return .success { snapshot, now, next in
                    let alerts = read.replaces ? read.page.items : (snapshot.alerts.value ?? [])
                    snapshot.alerts = snapshot.alerts.succeeded(alerts, at: now, requests: read.page.requests, next: next,
                                                                unusable: read.replaces ? read.page.unusable : nil, unchanged: !read.replaces)
                }
            }
        } catch let error as AviError {
            return error == .cancelled ? .cancelled : .failure(error)
        } catch is CancellationError {
            return .cancelled
        } catch {
            return .failure(.malformedResponse(path: "", detail: "\(error)"))
        }
    }

    /// What one alert read produced: the alerts to hold from now on (`replaces`), or nothing new.
    private struct AlertRead: Sendable {
        var page: CollectionResult<Alert>
        var replaces: Bool
        var pruned = false
    }

    /// Alerts: everything when forced or first, otherwise a one-object probe and only what is new;
    /// when the controller holds fewer alerts than we do, at most every `allAlerts` seconds a
    /// uuid-only read tells which were removed.
    /// Every alert, newest first, each uuid once (an alert arriving mid-read shifts the pages, so
    /// a paged read can hold one twice), at most `AlertMerge.cap`.
    private func allAlerts() async throws -> CollectionResult<Alert> {
        var read = try await client.allAlerts()
        read.items = AlertMerge.unique(read.items)
        return read
    }

    private func readAlerts(full: Bool) async throws -> AlertRead {
        if full { return AlertRead(page: try await allAlerts(), replaces: true, pruned: true) }
        let held = store.latest().alerts.value ?? []
        let known = (count: alertTotal, newest: held.first?.uuid)
        let pruneDue = lastAlertPrune.map { clock.now().timeIntervalSince($0) >= cadence.allAlerts } ?? true
        // A one-object probe first: an all-day console costs well under 1 KB per cycle while nothing happens.
        let probe = try await client.alertMarker()
        var items = held
        var requests = 1
        var replaced = false
        if probe.count != known.count || probe.newest != known.newest {
            // Only what is new (and a small margin); more than a page behind means a full read.
            let wanted = probe.count - known.count + 5
            if wanted > 200 { return AlertRead(page: try await allAlerts(), replaces: true, pruned: true) }
            let page = try await client.newestAlerts(limit: max(5, wanted))
            items = AlertMerge.merge(newest: page.items, into: held)
            requests += page.requests
            replaced = true
        }
        var pruned = false
        if items.count > probe.count, pruneDue {
            // The controller holds fewer alerts than we do: some were removed. Their uuids alone tell which.
            let live = try await client.alertUUIDs()
            let liveSet = Set(live.items.map(\.uuid))
            items = items.filter { liveSet.contains($0.uuid) }
            if items.count < liveSet.count { return AlertRead(page: try await allAlerts(), replaces: true, pruned: true) }
            requests += live.requests
            replaced = true
            pruned = true
        }
        return AlertRead(page: CollectionResult(items: replaced ? items : [], count: probe.count, requests: requests),
                         replaces: replaced, pruned: pruned)
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

    /// A collection that was read replaces the value; one the probe found unchanged (nil) keeps
    /// it, checked as current now (one request).
    private static func apply<T>(_ read: CollectionResult<T>?, to resource: Resource<[T]>, now: Date, next: Date) -> Resource<[T]> {
        if let read { return resource.succeeded(read.items, at: now, requests: read.requests, next: next, unusable: read.unusable) }
        guard let value = resource.value else { return resource }
        return resource.succeeded(value, at: now, requests: 1, next: next, unchanged: true)
    }

    private static func markFailed(_ slot: Slot, _ error: AviError, in snapshot: inout Snapshot, now: Date, next: Date) {
        switch slot {
        case .clusterRuntime: snapshot.clusterRuntime = snapshot.clusterRuntime.failed(error, at: now, retryAt: next)
        case .clusterConfig: snapshot.clusterConfig = snapshot.clusterConfig.failed(error, at: now, retryAt: next)
        case .serviceEngines: snapshot.serviceEngines = snapshot.serviceEngines.failed(error, at: now, retryAt: next)
        case .secureChannel: snapshot.secureChannel = snapshot.secureChannel.failed(error, at: now, retryAt: next)
        case .certificates: snapshot.certificates = snapshot.certificates.failed(error, at: now, retryAt: next)
        case .systemConfiguration: snapshot.systemConfiguration = snapshot.systemConfiguration.failed(error, at: now, retryAt: next)
        case .virtualServices: snapshot.virtualServices = snapshot.virtualServices.failed(error, at: now, retryAt: next)
        case .clouds: snapshot.clouds = snapshot.clouds.failed(error, at: now, retryAt: next)
        case .alerts: snapshot.alerts = snapshot.alerts.failed(error, at: now, retryAt: next)
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

    /// `known` newest first with each uuid once (as every merge and `unique` leave it), `newest`
    /// a page of any order: an alert of the page replaces the known one with its uuid. Linear:
    /// the two lists are merged, not sorted again, so a new alert among 10,000 costs one pass.
    public static func merge(newest: [Alert], into known: [Alert]) -> [Alert] {
        var incoming: [Alert] = []
        var fresh = Set<String>()
        for alert in newest where fresh.insert(alert.uuid).inserted { incoming.append(alert) }
        incoming.sort { time($0) > time($1) }
        var merged: [Alert] = []
        merged.reserveCapacity(min(cap, known.count + incoming.count))
        var next = 0
        var previous = Double.infinity
        var ordered = true
        for index in known.indices where !fresh.contains(known[index].uuid) {
            let stamp = time(known[index])
            if stamp > previous { ordered = false }
            previous = stamp
            // At equal times the page's alert goes first, as it always has.
            while next < incoming.count, time(incoming[next]) >= stamp {
                merged.append(incoming[next])
                next += 1
            }
            merged.append(known[index])
        }
        merged.append(contentsOf: incoming[next...])
        if !ordered { merged.sort { time($0) > time($1) } }
        return merged.count > cap ? Array(merged.prefix(cap)) : merged
    }

    /// A full read as `merge` expects `known`: newest first, each uuid once (an alert arriving
    /// mid-read shifts the pages, so a paged read can hold one twice), at most `cap`.
    public static func unique(_ alerts: [Alert]) -> [Alert] {
        var seen = Set<String>(minimumCapacity: alerts.count)
        var kept: [Alert] = []
        kept.reserveCapacity(alerts.count)
        for index in alerts.indices where seen.insert(alerts[index].uuid).inserted { kept.append(alerts[index]) }
        let ordered = zip(kept, kept.dropFirst()).allSatisfy { time($0) >= time($1) }
        if !ordered { kept.sort { time($0) > time($1) } }
        return kept.count > cap ? Array(kept.prefix(cap)) : kept
    }

    private static func time(_ alert: Alert) -> Double { alert.timestamp ?? 0 }
}
