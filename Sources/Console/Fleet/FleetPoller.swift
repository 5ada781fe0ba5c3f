import AviAPI
import Foundation

/// Settings of a fleet poll.
public struct FleetPollOptions: Sendable {
    /// Seconds between polls of a healthy cluster.
    public var interval: TimeInterval
    /// Clusters read at the same time; the others wait for a slot.
    public var maxConcurrent: Int
    public var cadence: FleetCadence

    public init(interval: TimeInterval = 10, maxConcurrent: Int = 6, cadence: FleetCadence = FleetCadence()) {
        self.interval = interval
        self.maxConcurrent = maxConcurrent
        self.cadence = cadence
    }

    /// Polls of the whole fleet per second that keep the fleet console near 3 % of a core
    /// (`make bench`: 16 clusters every 10 s cost 2.8 %).
    public static let pollsPerSecond = 1.6

    /// The fleet console's interval for `clusters` clusters: 10 s up to 16, then longer in
    /// proportion (50 clusters: 31 s), so a large fleet costs the jump host no more than 16 do.
    /// Opening a cluster gives its own console with its own, faster refresh.
    public static func interval(forClusters clusters: Int, base: TimeInterval = 10) -> TimeInterval {
        max(base, (Double(clusters) / pollsPerSecond).rounded(.up))
    }
}

/// Polls every cluster of a fleet in the background and publishes each one's reading or
/// failure into a `FleetStore`. Each cluster has its own session (`AviClient`, always
/// read-only: nothing but reads leaves a fleet poll), its own transport timeouts
/// (`FleetMember.defaultLimits`) and its own back-off; at most `maxConcurrent` clusters are
/// read at once. A dead, slow or refusing cluster therefore never delays the others: it
/// holds one slot for at most its timeouts, then waits out its back-off without a slot.
///
/// A login refused for its credentials is final for that cluster (the same password is
/// never sent again: account lockout); so is a profile that could not be resolved.
///
/// Usage (`Output` is what `makeReader`'s reader returns: `ClusterSummary` for the fleet
/// screen, `Snapshot` for `status --all` and the exporter):
///
/// ```swift
/// let profiles = try FleetSelection(names: [], tags: ["env=prod"]).profiles(in: config)
/// let members = FleetMember.resolve(profiles, config: config, environment: ProcessInfo.processInfo.environment)
/// let poller = FleetPoller(members: members) { member, client, connection in
///     SnapshotReader(client: client, connection: connection)
/// }
/// await poller.start()                       // background; or `await poller.pollOnce()` for one pass
/// let state = poller.store.latest()          // [FleetEntry<Snapshot>]: value, fetchedAt, error, failure, nextAttempt
/// ```
public actor FleetPoller<Reader: ClusterReader> {
    public typealias MakeReader = @Sendable (FleetMember, AviClient, ConnectionInfo) -> Reader

    public nonisolated let store: FleetStore<Reader.Output>
    public nonisolated let members: [FleetMember]
    private let options: FleetPollOptions
    private let clock: WallClock
    private let gate: ConcurrencyGate
    private let makeReader: MakeReader
    private var clusters: [String: ClusterPoll] = [:]
    private var tasks: [Task<Void, Never>] = []
    private var wakeAll = false

    /// One cluster's session and reader, made on its first successful login.
    private final class ClusterPoll: @unchecked Sendable {
        let member: FleetMember
        let client: AviClient?
        var reader: Reader?
        var due: Date
        var failures = 0
        var stopped = false

        init(member: FleetMember, client: AviClient?, due: Date) {
            self.member = member
            self.client = client
            self.due = due
        }
    }

    public init(members: [FleetMember], options: FleetPollOptions = FleetPollOptions(), clock: WallClock = SystemWallClock(),
                log: @escaping @Sendable (FleetMember) -> RequestLog = { _ in RequestLog(capacity: 64) },
                makeReader: @escaping MakeReader) {
        self.members = members
        self.options = options
        self.clock = clock
        self.gate = ConcurrencyGate(limit: options.maxConcurrent)
        self.makeReader = makeReader
        self.store = FleetStore(profiles: members.map(\.profile))
        let now = clock.now()
        for member in members {
            var settings = member.settings
            settings?.readOnly = true
            clusters[member.name] = ClusterPoll(member: member, client: settings.map { AviClient(settings: $0, log: log(member)) }, due: now)
        }
        MemoryRelief.limitArenas()
        for member in members where member.settings == nil {
            store.update(member.name) { entry in
                entry.failure = .configuration
                entry.error = member.problem ?? "the profile could not be used"
                entry.failedAt = now
            }
        }
    }

    /// Starts one background loop per cluster (idempotent).
    public func start() {
        guard tasks.isEmpty else { return }
        for name in clusters.keys.sorted() {
            tasks.append(Task { [weak self] in await self?.loop(name) })
        }
    }

    /// Stops the loops and logs out of every cluster that was logged in, waiting at most
    /// `seconds` (a hung cluster must not keep the program from ending; a headless command
    /// must not exit while logouts are still in flight either).
    public func stop(logoutWithin seconds: Double = 3) async {
        for task in tasks { task.cancel() }
        tasks = []
        let clients = clusters.values.compactMap { $0.reader == nil ? nil : $0.client }
        guard !clients.isEmpty else { return }
        await FirstResult.race({
            await withTaskGroup(of: Void.self) { group in
                for client in clients { group.addTask { await client.session.logout() } }
            }
        }, orAfter: seconds) { () }
    }

    /// Every cluster once, in parallel (bounded); returns when each has answered or failed.
    /// For headless commands: the store then holds one reading or one error per cluster.
    public func pollOnce() async {
        await withTaskGroup(of: Void.self) { group in
            for name in clusters.keys.sorted() {
                group.addTask { await self.pollCluster(name) }
            }
        }
    }

    /// `r`: every cluster that is not stopped is read at once.
    public func refreshNow() {
        for poll in clusters.values where !poll.stopped { poll.due = .distantPast }
    }

    /// The session of one cluster (e.g. to log out, or to count its requests).
    public func client(named name: String) -> AviClient? { clusters[name]?.client }

    private func loop(_ name: String) async {
        while !Task.isCancelled {
            guard let poll = clusters[name], !poll.stopped else { return }
            if poll.due <= clock.now() {
                await pollCluster(name)
            } else {
                try? await Task.sleep(nanoseconds: 200_000_000)
            }
        }
    }

    /// One attempt on one cluster, holding a slot of the gate.
    private func pollCluster(_ name: String) async {
        guard let poll = clusters[name], !poll.stopped, let client = poll.client else { return }
        poll.due = .distantFuture  // held until this attempt ends
        let member = poll.member
        let existing = poll.reader
        let make = makeReader
        await gate.acquire()
        let outcome: Result<(Reader.Output, Reader, ConnectionInfo?), Error> = await Self.attempt(client: client, member: member,
                                                                                                     existing: existing, make: make)
        await gate.release()
        let now = clock.now()
        switch outcome {
        case let .success((value, reader, connection)):
            poll.reader = reader
            poll.failures = 0
            poll.due = now.addingTimeInterval(options.interval)
            store.update(name) { entry in
                entry.value = value
                entry.fetchedAt = now
                entry.error = nil
                entry.failure = nil
                entry.failedAt = nil
                entry.failures = 0
                entry.nextAttempt = poll.due
                if let connection { entry.connection = connection }
            }
        case let .failure(error):
            let failure = FleetFailure.of(error)
            poll.failures += 1
            poll.stopped = failure.isFinal
            poll.due = now.addingTimeInterval(options.cadence.retryDelay(failures: poll.failures))
            let text = (error as? AviError)?.description ?? "\(error)"
            store.update(name) { entry in
                entry.failure = failure
                entry.error = failure == .loginRefused ? text + " — not retried (account lockout); fix the profile and restart" : text
                entry.failedAt = now
                entry.failures = poll.failures
                entry.nextAttempt = poll.stopped ? nil : poll.due
            }
        }
    }

    /// Logs in when needed, makes the reader on first success, and polls.
    private static func attempt(client: AviClient, member: FleetMember, existing: Reader?,
                                make: MakeReader) async -> Result<(Reader.Output, Reader, ConnectionInfo?), Error> {
        do {
            var connection: ConnectionInfo?
            let reader: Reader
            if let existing {
                reader = existing
            } else {
                let login = try await client.session.connect()
                let info = await connectionInfo(client: client, member: member, login: login)
                connection = info
                reader = make(member, client, info)
            }
            return .success((try await reader.poll(), reader, connection))
        } catch {
            return .failure(error)
        }
    }

    private static func connectionInfo(client: AviClient, member: FleetMember, login: LoginInfo) async -> ConnectionInfo {
        let settings = client.session.settings
        var info = ConnectionInfo(
            controller: await client.session.controller.absoluteString, addresses: settings.controllers.map(\.absoluteString),
            username: settings.username, tenant: settings.tenant, apiVersion: await client.session.apiVersion,
            controllerVersion: login.version?.version, readOnly: true, readOnlyReason: "fleet polling only reads",
            insecure: settings.trust.insecure, trust: settings.trust.summary)
        info.profile = member.name
        info.profileColor = member.profile.color
        return info
    }
}
