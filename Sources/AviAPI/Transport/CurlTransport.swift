import CCurl
import Foundation

/// The HTTPS transport, on libcurl: verified TLS with a custom CA or a public-key pin
/// (URLSession on Linux can do neither), keep-alive connections, timeouts and a size cap.
///
/// Each request runs a pooled easy handle on a worker thread; a handle keeps its
/// connection open between requests, so a refresh cycle reuses TLS sessions.
public final class CurlTransport: HTTPTransport, @unchecked Sendable {
    private let trust: TLSTrust
    private let limits: TransportLimits
    private let lock = NSLock()
    private var idleHandles: [UnsafeMutableRawPointer] = []
    private let workers = DispatchQueue(label: "avitui.curl", attributes: .concurrent)

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    public init(trust: TLSTrust = .system, limits: TransportLimits = TransportLimits()) {
        _ = Self.globalInit
        self.trust = trust
        self.limits = limits
    }

    deinit {
        for handle in idleHandles { curl_easy_cleanup(handle) }
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await withCheckedThrowingContinuation { continuation in
            workers.async {
                continuation.resume(with: Result { try self.perform(request) })
            }
        }
    }

    private func checkoutHandle() -> UnsafeMutableRawPointer? {
        lock.lock()
        defer { lock.unlock() }
        if let handle = idleHandles.popLast() { return handle }
        return curl_easy_init()
    }

    private func checkin(_ handle: UnsafeMutableRawPointer, reusable: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if reusable && idleHandles.count < 16 { idleHandles.append(handle) } else { curl_easy_cleanup(handle) }
    }

    private func perform(_ request: HTTPRequest) throws -> HTTPResponse {
        // Credentials and cookies never cross the network in clear, whoever built the URL.
        guard request.url.scheme?.lowercased() == "https" else {
            throw AviError.invalidConfiguration("refused to send \(request.method.rawValue) \(request.url.path) over \(request.url.scheme ?? "no scheme") — use https://")
        }
        guard let handle = checkoutHandle() else {
            throw AviError.invalidConfiguration("libcurl could not create a handle")
        }
        let host = request.url.hostAndPort
        let sink = ResponseSink(limit: limits.maxResponseBytes)
        var headerList: UnsafeMutablePointer<curl_slist>?
        var reusable = false
        defer {
            curl_slist_free_all(headerList)
            checkin(handle, reusable: reusable)
        }
        curl_easy_reset(handle)
        configure(handle, for: request)
        for (name, value) in request.headers {
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        // An empty Expect stops curl from waiting for "100 Continue" on large bodies.
        headerList = curl_slist_append(headerList, "Expect:")
        ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)

        let unmanagedSink = Unmanaged.passRetained(sink)
        defer { unmanagedSink.release() }
        ccurl_setopt_ptr(handle, CURLOPT_WRITEDATA, unmanagedSink.toOpaque())
        ccurl_setopt_ptr(handle, CURLOPT_HEADERDATA, unmanagedSink.toOpaque())
        ccurl_setopt_write_cb(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
            return sink.appendBody(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
        }
        ccurl_setopt_write_cb(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
            sink.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }

        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            ccurl_setopt_ptr(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            if let body = request.body {
                return body.withUnsafeBytes { raw in
                    ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, raw.count)
                    ccurl_setopt_ptr(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
                    let code = curl_easy_perform(handle)
                    ccurl_setopt_ptr(handle, CURLOPT_ERRORBUFFER, nil)
                    return code
                }
            }
            let code = curl_easy_perform(handle)
            ccurl_setopt_ptr(handle, CURLOPT_ERRORBUFFER, nil)
            return code
        }
        let detail = Self.detail(code: code, buffer: errorBuffer)
        guard code == CURLE_OK else {
            if sink.exceededLimit {
                throw AviError.responseTooLarge(path: request.url.path, limit: limits.maxResponseBytes)
            }
            if code == CURLE_OPERATION_TIMEDOUT { throw timeoutError(handle, host: host) }
            throw Self.error(for: code, host: host, detail: detail, timeout: Int(limits.requestTimeout))
        }
        var status = 0
        ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        reusable = true
        return HTTPResponse(status: status, headers: sink.finalHeaders(), body: sink.body)
    }

    private func configure(_ handle: UnsafeMutableRawPointer, for request: HTTPRequest) {
        ccurl_setopt_str(handle, CURLOPT_URL, request.url.absoluteString)
        ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_setopt_long(handle, CURLOPT_PROTOCOLS, Int(CURLPROTO_HTTPS))
        ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(limits.connectTimeout * 1000))
        ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(limits.requestTimeout * 1000))
        ccurl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1)
        ccurl_setopt_str(handle, CURLOPT_ACCEPT_ENCODING, "")  // gzip/deflate when the server offers it
        ccurl_setopt_str(handle, CURLOPT_USERAGENT, "avitui")
        switch request.method {
        case .get: ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        case .post: ccurl_setopt_long(handle, CURLOPT_POST, 1)
        case .put, .patch, .delete: ccurl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }
        if request.method.isMutating {
            // libcurl silently re-sends a request whose reused connection died before any answer.
            // A write must never be repeated behind the caller's back, so it gets a fresh connection.
            ccurl_setopt_long(handle, CURLOPT_FRESH_CONNECT, 1)
        }
        if request.method != .get && request.body == nil {
            ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, 0)
            ccurl_setopt_str(handle, CURLOPT_POSTFIELDS, "")
        }
        if trust.insecure {
            ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 0)
            ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 0)
        } else {
            ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
            ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
            if let caFile = trust.caFile { ccurl_setopt_str(handle, CURLOPT_CAINFO, caFile) }
        }
        if !trust.pins.isEmpty {
            // With a pin and no CA file, trust-on-first-use: the pin alone decides.
            if trust.caFile == nil && !trust.insecure {
                ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 0)
                ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 0)
            }
            ccurl_setopt_str(handle, CURLOPT_PINNEDPUBLICKEY, trust.pins.joined(separator: ";"))
        }
    }

    /// Names the timer that fired: libcurl says only "timed out" for both. No TLS session
    /// before the request timer ran out means the connect timeout (TCP and TLS) fired.
    private func timeoutError(_ handle: UnsafeMutableRawPointer, host: String) -> AviError {
        // libcurl leaves the connect times at 0 when the connect phase times out, but it records the
        // local port as soon as TCP is connected: a port and no TLS means the handshake stalled.
        var localPort = 0, tlsDone = 0, total = 0  // times in microseconds (curl_off_t is long here)
        ccurl_getinfo_long(handle, CURLINFO_LOCAL_PORT, &localPort)
        ccurl_getinfo_long(handle, CURLINFO_APPCONNECT_TIME_T, &tlsDone)
        ccurl_getinfo_long(handle, CURLINFO_TOTAL_TIME_T, &total)
        let requestTimerFired = Double(total) / 1_000_000 >= limits.requestTimeout - 0.05
        if tlsDone == 0, !requestTimerFired {
            return .connectTimeout(host: host, seconds: Self.wholeSeconds(limits.connectTimeout), tlsStarted: localPort > 0)
        }
        return .timeout(host: host, seconds: Self.wholeSeconds(limits.requestTimeout))
    }

    private static func wholeSeconds(_ seconds: TimeInterval) -> Int { max(1, Int(seconds.rounded(.up))) }

    private static func detail(code: CURLcode, buffer: [CChar]) -> String {
        let fromBuffer = buffer.withUnsafeBufferPointer { pointer -> String in
            guard let base = pointer.baseAddress else { return "" }
            return String(cString: base)
        }
        if !fromBuffer.isEmpty { return fromBuffer }
        return String(cString: curl_easy_strerror(code))
    }

    private static func error(for code: CURLcode, host: String, detail: String, timeout: Int) -> AviError {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_PROXY:
            return .unreachable(host: host, detail: detail)
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout(host: host, seconds: timeout)
        case CURLE_PEER_FAILED_VERIFICATION:
            return .untrustedCertificate(host: host, detail: detail)
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .pinMismatch(host: host)
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE:
            return .tlsFailure(host: host, detail: detail)
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
            return .connectionLost(host: host, detail: detail)
        default:
            return .connectionLost(host: host, detail: "\(detail) (curl \(code.rawValue))")
        }
    }
}

/// Collects one response's headers and body; refuses bodies over the limit.
private final class ResponseSink {
    let limit: Int
    var body = Data()
    var exceededLimit = false
    private var headers: [(String, String)] = []

    init(limit: Int) { self.limit = limit }

    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if body.count + bytes.count > limit {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // A new status line (after 100 Continue or a redirect) starts a fresh header block.
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        headers.append((name, value))
    }

    func finalHeaders() -> [(String, String)] { headers }
}
