import AviAPI
import ArgumentParser
import Console
import Foundation
import TerminalUI

/// `avitui alerts [--follow] [--json] [--level L] [--since D]`: the alert feed as lines,
/// newest last, for grep, cron and SSH one-liners.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Print the controller's alerts, one line each, newest last; --follow streams new ones.",
        discussion: """
            Each line: TIME LEVEL OBJECT: SUMMARY, with the time in RFC 3339 UTC. With --json, one JSON \
            object per line (uuid, level, time, timestamp, object, object_uuid, summary, reason, state, \
            event_id). --follow first prints what matches, then polls the newest alerts every --interval \
            seconds and prints each new one once; it keeps retrying through a controller restart or a \
            leader failover (with a note on stderr) and ends quietly with status 0 on Ctrl-C, SIGTERM, \
            SIGHUP or when the reading end of the pipe goes away. Use --since 0s to print only new alerts. \
            In a pipeline, use grep --line-buffered if another command follows grep.
            """)

    @OptionGroup var connection: ConnectionOptions

    @Flag(name: [.short, .long], help: "Keep running and print new alerts as they arrive.")
    var follow = false

    @Flag(name: .long, help: "One JSON object per line instead of text.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Only alerts at this level or above: high, medium or low.", valueName: "LEVEL"),
            completion: .list(["high", "medium", "low"]))
    var level: String?

    @Option(name: .long, help: ArgumentHelp("Only alerts raised within DURATION: 30s, 15m, 2h, 7d, 1w, 1h30m.", valueName: "DURATION"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Seconds between polls with --follow (default 2).", valueName: "SECONDS"))
    var interval: Double = 2

    /// The newest page --follow reads each poll.
    static let pageSize = 200

    func run() async throws {
        try await runReportingErrors {
            let filter = try makeFilter(now: Date())
            guard interval >= 0.2, interval <= 3600 else {
                throw AviError.invalidConfiguration("--interval \(interval) is out of range — give seconds between 0.2 and 3600")
            }
            // SIGINT, SIGTERM and SIGHUP end a --follow loop at the next wake-up instead of killing the process.
            let stop = SignalNotice(follow ? [SIGINT, SIGTERM, SIGHUP] : [])
            let opened = try await ControllerConnection.open(connection, forceReadOnly: true)
            let client = opened.client
            let writer = LineWriter(fileDescriptor: STDOUT_FILENO)
            var follower = AlertFollower(filter: filter)

            let history = try await client.allAlerts().items
            guard writer.emit(follower.admit(history).map(line)) else { return await client.session.logout() }
            guard follow else { return await client.session.logout() }

            var failing = false
            var lastPoll = Date()
            while await stop.sleep(seconds: interval) {
                if writer.isClosed { break }
                let pollStarted = Date()
                do {
                    var page = try await client.newestAlerts(limit: Self.pageSize).items
                    if follower.pageMayHaveGap(page, pageSize: Self.pageSize) { page = try await client.allAlerts().items }
                    // A restart shorter than one interval shows only as a new login, not as a failed poll.
                    let reconnected = failing || Self.loggedIn(client.session.log, since: lastPoll)
                    if failing {
                        Output.err("avitui: the controller answers again\n")
                        failing = false
                    }
                    lastPoll = pollStarted
                    let fresh = reconnected ? follower.admitAfterReconnect(page) : follower.admit(page)
                    if !writer.emit(fresh.map(line)) { break }
                } catch {
                    if !failing {
                        let reason = (error as? AviError)?.description ?? "\(error)"
                        Output.error("\(reason) — still following, retrying every \(Int(interval.rounded(.up))) s")
                        failing = true
                    }
                }
            }
            // After a signal, logging out may hang on a dead controller: do not let it hold the terminal.
            if stop.fired { DispatchQueue.global().asyncAfter(deadline: .now() + 2) { TerminalLifecycle.exitNow(0) } }
            await client.session.logout()
        }
    }

    /// Whether the session logged in again since `date` (a restart, a failover, an expired session).
    private static func loggedIn(_ log: RequestLog, since date: Date) -> Bool {
        log.snapshot().contains { $0.method == .post && $0.path.hasSuffix("/login") && $0.time >= date }
    }

    private func line(_ alert: Alert) -> String { json ? AlertLine.json(alert) : AlertLine.text(alert) }

    private func makeFilter(now: Date) throws -> AlertFilter {
        var filter = AlertFilter()
        if let level {
            guard let parsed = AlertFilter.level(named: level) else {
                throw AviError.invalidConfiguration("--level '\(level)' is not a level — use high, medium or low")
            }
            filter.minimumLevel = parsed
        }
        if let since {
            guard let seconds = SinceDuration.parse(since) else {
                throw AviError.invalidConfiguration("--since '\(since)' is not a duration — use 30s, 15m, 2h, 7d or 1w")
            }
            filter.since = now.addingTimeInterval(-seconds)
        }
        return filter
    }
}
