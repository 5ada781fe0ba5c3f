import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The listening HTTPS socket and its open connections.
final class SimulatorServer: Sendable {
    private let serverChannel: Channel
    private let connections: Locked<[ObjectIdentifier: Channel]>

    var port: Int { serverChannel.localAddress?.port ?? 0 }

    /// How long a closing connection waits for the client's TLS close_notify: loopback answers
    /// in well under a millisecond when the client is there at all.
    static let tlsShutdownTimeout = TimeAmount.milliseconds(100)

    private init(serverChannel: Channel, connections: Locked<[ObjectIdentifier: Channel]>) {
        self.serverChannel = serverChannel
        self.connections = connections
    }

    static func start(host: String, port: Int, identity: TLSIdentity, core: SimulatorCore) async throws -> SimulatorServer {
        let certificate = try NIOSSLCertificate(bytes: Array(identity.leafPEM.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(identity.leafKeyPEM.utf8), format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(key))
        // Closing waits for the peer's close_notify, which an idle pooled client connection never
        // sends: NIOSSL's default 5 s per open connection made every stop (and the suite) slow.
        tls.shutdownTimeout = Self.tlsShutdownTimeout
        let sslContext = try NIOSSLContext(configuration: tls)
        let connections = Locked<[ObjectIdentifier: Channel]>([:])
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let id = ObjectIdentifier(channel)
                connections.withLock { $0[id] = channel }
                channel.closeFuture.whenComplete { _ in connections.withLock { $0[id] = nil } }
                return channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(NIOSSLServerHandler(context: sslContext))
                    try sync.configureHTTPServerPipeline(withErrorHandling: true)
                    try sync.addHandler(HTTPHandler(core: core))
                }
            }
        let channel = try await bootstrap.bind(host: host, port: port).get()
        return SimulatorServer(serverChannel: channel, connections: connections)
    }

    func stop() async throws {
        try? await serverChannel.close().get()
        let open = connections.withLock { Array($0.values) }
        for channel in open {
            try? await channel.close().get()
        }
    }
}
