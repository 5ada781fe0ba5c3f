import NIOCore
import NIOHTTP1
import NIOPosix

/// The exporter's HTTP/1.1 listener (plain HTTP, as Prometheus scrapes exporters; put it behind
/// a TLS proxy or keep it on loopback). One event loop thread is plenty: a scrape is a cache read.
public final class ExporterServer: Sendable {
    private let channel: Channel
    private let group: MultiThreadedEventLoopGroup

    /// The port actually bound (useful with port 0).
    public var port: Int { channel.localAddress?.port ?? 0 }

    /// Why the listener could not start, as one line.
    public struct StartFailure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    private init(channel: Channel, group: MultiThreadedEventLoopGroup) {
        self.channel = channel
        self.group = group
    }

    /// Binds `address` and serves `cache`. Throws `StartFailure` (port in use, address not
    /// on this machine, permission denied) with one clear line.
    public static func start(_ address: ListenAddress, cache: MetricsCache) async throws -> ExporterServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.configureHTTPServerPipeline(withErrorHandling: true)
                    try sync.addHandler(ExporterHTTPHandler(cache: cache))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: address.host, port: address.port).get()
            return ExporterServer(channel: channel, group: group)
        } catch {
            try? await group.shutdownGracefully()
            throw StartFailure(description: describe(error, address: address))
        }
    }

    /// Closes the listener and its connections.
    public func stop() async {
        try? await channel.close().get()
        try? await group.shutdownGracefully()
    }

    static func describe(_ error: Error, address: ListenAddress) -> String {
        let prefix = "cannot listen on \(address)"
        if let io = error as? IOError {
            switch io.errnoCode {
            case 98: return "\(prefix): the port is in use — stop what uses it or choose another with --listen"  // EADDRINUSE
            case 99: return "\(prefix): the address is not on this machine — give one of its addresses"  // EADDRNOTAVAIL
            case 13: return "\(prefix): permission denied — use a port above 1023"  // EACCES
            default: break
            }
        }
        if error is SocketAddressError { return "\(prefix): the host cannot be resolved — give an IP address" }
        return "\(prefix): \(error)"
    }
}
