import AviAPI
import Console
import Foundation
import TerminalUI

/// Starts the fleet poller and runs the fleet console on a UI thread of its own; opening a
/// cluster makes a full console for it (own session, read-only setting, refreshers, wizard).
enum FleetLauncher {
    static func run(members: [FleetMember], theme: Theme, forceReadOnly: Bool, options: FleetPollOptions = FleetPollOptions(),
                    clock: WallClock = SystemWallClock(), auditLog: AuditLog = AuditLog(paths: XDGPaths())) async throws {
        let poller = FleetPoller(members: members, options: options, clock: clock) { _, client, _ in
            ClusterSummaryReader(client: client, cadence: options.cadence, clock: clock)
        }
        await poller.start()
        let closing = ClosingClusters()
        let outcome: Result<Void, TerminalStartError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: runLoop(poller: poller, members: members, theme: theme, forceReadOnly: forceReadOnly,
                                                       clock: clock, closing: closing, auditLog: auditLog))
            }
            thread.name = "avitui-ui"
            thread.stackSize = 8 << 20
            thread.start()
        }
        await poller.stop()
        // A cluster left just before quitting is still logging out: wait for it, briefly.
        await FirstResult.race({ await closing.finish() }, orAfter: 2) { () }
        if case let .failure(error) = outcome { throw AviError.invalidConfiguration(error.description) }
    }

    private static func runLoop(poller: FleetPoller<ClusterSummaryReader>, members: [FleetMember], theme: Theme, forceReadOnly: Bool,
                                clock: WallClock, closing: ClosingClusters, auditLog: AuditLog) -> Result<Void, TerminalStartError> {
        let session: TerminalSession
        do { session = try TerminalLifecycle.start(theme: theme) } catch {
            return .failure(error as? TerminalStartError ?? TerminalStartError("\(error)"))
        }
        defer { TerminalLifecycle.restore() }
        let dependencies = FleetApp.Dependencies(
            store: poller.store, clock: clock,
            refreshNow: { Task { await poller.refreshNow() } },
            openCluster: { name, done in
                Task { done(await openCluster(name, members: members, forceReadOnly: forceReadOnly, clock: clock, closing: closing, auditLog: auditLog)) }
            })
        FleetApp(session: session, dependencies: dependencies).run()
        return .success(())
    }

    /// Logs in to one cluster with its profile's settings (read-only when the profile, the
    /// command line or the user's rights say so) and starts its refreshers.
    static func openCluster(_ name: String, members: [FleetMember], forceReadOnly: Bool,
                            clock: WallClock, closing: ClosingClusters = ClosingClusters(),
                            auditLog: AuditLog = AuditLog(paths: XDGPaths())) async -> Result<FleetApp.ClusterConsole, FleetOpenError> {
        guard let member = members.first(where: { $0.name == name }) else { return .failure(FleetOpenError("no such profile")) }
        guard var settings = member.settings else { return .failure(FleetOpenError(member.problem ?? "the profile cannot be used")) }
        var reason = forceReadOnly ? "--read-only" : member.readOnlyReason
        if reason != nil { settings.readOnly = true }
        // The cluster's own console may wait longer than a fleet poll.
        settings.limits = TransportLimits()
        let log = RequestLog()
        do {
            var client = AviClient(settings: settings, log: log)
            let login = try await client.session.connect()
            if !settings.readOnly, await !client.canWriteSystemConfiguration() {
                await client.session.logout()
                reason = "user \(settings.username) cannot write the system configuration"
                settings.readOnly = true
                client = AviClient(settings: settings, log: log)
                try await client.session.connect()
            }
            var connection = ConnectionInfo(
                controller: await client.session.controller.absoluteString, addresses: settings.controllers.map(\.absoluteString),
                username: settings.username, tenant: settings.tenant, apiVersion: await client.session.apiVersion,
                controllerVersion: login.version?.version, readOnly: settings.readOnly, readOnlyReason: reason,
                insecure: settings.trust.insecure, trust: settings.trust.summary)
            connection.profile = name
            connection.profileColor = member.profile.color
            let store = SnapshotStore(Snapshot(connection: connection))
            let refresher = Refresher(client: client, store: store, clock: clock)
            await refresher.start()
            let dependencies = ConsoleLauncher.dependencies(client: client, store: store, log: log, refresher: refresher, clock: clock,
                                                            readOnlyReason: settings.readOnly ? (reason ?? "read-only") : nil, auditLog: auditLog)
            let opened = client
            return .success(FleetApp.ClusterConsole(dependencies: dependencies, readOnlyReason: settings.readOnly ? (reason ?? "read-only") : nil,
                                                    close: { closing.add { await refresher.stop(); await opened.session.logout() } }))
        } catch {
            return .failure(FleetOpenError((error as? AviError)?.description ?? "\(error)"))
        }
    }
}

/// The clusters being closed (refreshers stopping, sessions logging out) after the operator
/// left them; the fleet command waits for them before the process ends.
final class ClosingClusters: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [Task<Void, Never>] = []

    /// Starts `work` now and keeps it to be waited for.
    func add(_ work: @escaping @Sendable () async -> Void) {
        let task = Task { await work() }
        lock.withLock { tasks.append(task) }
    }

    /// Returns once every close started so far has finished.
    func finish() async {
        let pending = lock.withLock { tasks }
        for task in pending { await task.value }
    }
}
