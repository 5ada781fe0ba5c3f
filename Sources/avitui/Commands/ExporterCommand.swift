import AviAPI
import ArgumentParser
import Console
import Exporter
import Foundation

/// `avitui exporter`: serves `/metrics`, `/probe?target=PROFILE` and `/healthz` from a cache that
/// a background poll of each profile keeps fresh (Console/Fleet); a scrape never reaches a
/// controller. GET and HEAD only, read-only sessions always, credentials from profiles only.
/// Runs until SIGTERM or SIGINT; logs one line at start and one per cluster state change.
struct ExporterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exporter",
        abstract: "Serve Prometheus metrics of the configured controller clusters (GET only, read-only, from a cache).")

    @Option(name: .long, help: ArgumentHelp("Address to listen on, HOST:PORT or [IPv6]:PORT (default 127.0.0.1:9799).", valueName: "HOST:PORT"))
    var listen = ListenAddress.defaultValue.description

    @Flag(name: .customLong("allow-non-loopback"),
          help: "Confirm a --listen address that is not loopback (the exporter has no authentication of its own).")
    var allowNonLoopback = false

    @Flag(name: .long, help: "Serve every profile of the config file.")
    var all = false

    @Option(name: .long, help: ArgumentHelp("Serve this profile (repeatable).", valueName: "NAME"))
    var profile: [String] = []

    @Option(name: .long, help: ArgumentHelp("Seconds between reads of each cluster (default 15).", valueName: "SECONDS"))
    var interval: Double = 15

    @Option(name: .customLong("certificate-interval"),
            help: ArgumentHelp("Seconds between reads of the certificates (default 60).", valueName: "SECONDS"))
    var certificateInterval: Double = 60

    func validate() throws {
        if all && !profile.isEmpty { throw ValidationError("give either --all or --profile NAME, not both") }
        guard interval >= 1 else { throw ValidationError("--interval must be at least 1 second") }
    }

    func run() async throws {
        let address: ListenAddress
        do { address = try ListenAddress.parse(listen) } catch let error as ListenAddress.Invalid {
            Output.err("avitui: \(error.description)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        guard address.isLoopback || allowNonLoopback else {
            Output.err("avitui: --listen \(address) is not a loopback address and the exporter has no authentication — "
                       + "add --allow-non-loopback to confirm (and put an authenticating TLS proxy in front)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let members: [FleetMember]
        do {
            var names = profile
            if !all && names.isEmpty {
                let config = try ControllerConnection.loadConfig(environment: ProcessInfo.processInfo.environment)
                guard let fallback = config.defaultProfile else {
                    throw AviError.invalidConfiguration("name the clusters to serve with --profile NAME (repeatable) or --all")
                }
                names = [fallback]
            }
            members = try FleetLoader.members(names: names, tags: [])
        } catch let error as AviError {
            Output.err("avitui: \(error.description)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }

        let certificateInterval = max(interval, certificateInterval)
        let poller = FleetPoller(members: members, options: FleetPollOptions(interval: interval)) { _, client, connection in
            SnapshotReader(client: client, connection: connection, certificateInterval: certificateInterval)
        }
        let feeds = FleetFeed.feeds(of: poller.store)
        let cache = MetricsCache(feeds: feeds)
        let server: ExporterServer
        do { server = try await ExporterServer.start(address, cache: cache) } catch let error as ExporterServer.StartFailure {
            Output.err("avitui: \(error.description)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        let bound = ListenAddress(host: address.host, port: server.port)
        Output.err("avitui exporter: listening on http://\(bound)/metrics (also /probe?target=PROFILE, /healthz), "
                   + "read-only, every \(Int(interval)) s, \(feeds.count) \(feeds.count == 1 ? "cluster" : "clusters"): "
                   + feeds.map { SafeText.sanitize($0.cluster) }.joined(separator: ", ") + "\n")
        await poller.start()
        let log = ClusterStateLog { Output.err($0) }
        let watcher = Task {
            while !Task.isCancelled {
                log.observe(feeds.map { $0.reading() })
                try? await Task.sleep(nanoseconds: 500_000_000)
            }
        }
        await SignalNotice([SIGINT, SIGTERM]).wait()
        Output.err("avitui exporter: stopping\n")
        watcher.cancel()
        await server.stop()
        await poller.stop()
    }
}
