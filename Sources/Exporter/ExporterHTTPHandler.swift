import NIOCore
import NIOHTTP1

/// Reads one request at a time and answers it from `ExporterRoutes`; request bodies are never
/// read into memory (a GET has none), and a body past a small limit closes the connection.
final class ExporterHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private static let bodyLimit = 64 * 1024
    private let cache: MetricsCache
    private var head: HTTPRequestHead?
    private var bodyBytes = 0

    init(cache: MetricsCache) { self.cache = cache }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            bodyBytes = 0
        case .body(let buffer):
            bodyBytes += buffer.readableBytes
            if bodyBytes > Self.bodyLimit { context.close(promise: nil) }
        case .end:
            guard let requestHead = head else { return }
            head = nil
            let response = ExporterRoutes.respond(method: requestHead.method.rawValue, target: requestHead.uri, cache: cache)
            write(response, keepAlive: requestHead.isKeepAlive, headOnly: requestHead.method == .HEAD, context: context)
        }
    }

    private func write(_ response: ExporterResponse, keepAlive: Bool, headOnly: Bool, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: String(response.body.count))
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        headers.add(name: "Cache-Control", value: "no-store")
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) { headers.add(name: name, value: value) }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status),
                                                             headers: headers))), promise: nil)
        if !headOnly && !response.body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: response.body.count)
            buffer.writeBytes(response.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
