import Foundation

/// The safety rules, enforced where every request passes (DESIGN.md "Safety rules"):
/// - read-only: anything but GET, `POST /login` and `POST /logout` fails before a byte is sent;
/// - in every mode: PUT, PATCH and DELETE on an object named `System-Default-*` fail.
public struct WriteGuard: Sendable {
    public static let protectedPrefix = "System-Default-"
    public var readOnly: Bool

    public init(readOnly: Bool) { self.readOnly = readOnly }

    /// Paths that may be POSTed in read-only mode: the session itself, not the controller's state.
    static func isSessionPath(_ path: String) -> Bool { path == "/login" || path == "/logout" }

    /// Checks what can be known from the request alone. `objectName` is the name of the
    /// object the path addresses, when the caller looked it up.
    public func check(method: HTTPMethod, url: URL, body: Data?, objectName: String?) throws {
        let path = url.path
        if readOnly && method != .get && !(method == .post && Self.isSessionPath(path)) {
            throw AviError.readOnly(method: method.rawValue, path: path)
        }
        guard method == .put || method == .patch || method == .delete || method == .post else { return }
        if method == .post && Self.isSessionPath(path) { return }
        if let objectName, objectName.hasPrefix(Self.protectedPrefix) {
            throw AviError.protectedObject(method: method.rawValue, name: objectName)
        }
        // `/api/<type>?name=System-Default-…` and `…#System-Default-…` address by name.
        let whole = url.absoluteString.removingPercentEncoding ?? url.absoluteString
        if method != .post, let range = whole.range(of: "name=\(Self.protectedPrefix)") ?? whole.range(of: "#\(Self.protectedPrefix)") {
            let name = whole[range.lowerBound...].drop { $0 != "S" }
            throw AviError.protectedObject(method: method.rawValue, name: String(name.prefix { $0 != "&" }))
        }
        // A body that names the object it writes (PUT of a whole object, or POST creating one).
        if let body, let name = Self.topLevelName(body), name.hasPrefix(Self.protectedPrefix) {
            throw AviError.protectedObject(method: method.rawValue, name: name)
        }
    }

    /// True when `path` addresses one object by uuid (`/api/<type>/<uuid>[/…]`), so its name must be looked up first.
    static func addressedObject(_ path: String) -> (type: String, uuid: String)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[0] == "api" else { return nil }
        return (String(parts[1]), String(parts[2]))
    }

    static func topLevelName(_ body: Data) -> String? {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: body) else { return nil }
        if let name = value["name"]?.stringValue { return name }
        // PATCH bodies nest the object under add/replace/delete.
        for op in ["add", "replace", "delete"] { if let name = value[op]?["name"]?.stringValue { return name } }
        return nil
    }
}

/// Wraps the real transport so that no request can bypass the write guard. For a write
/// addressed by uuid it first reads the object's name (a GET), then decides.
public final class GuardedTransport: HTTPTransport, @unchecked Sendable {
    private let inner: HTTPTransport
    private let guardRules: WriteGuard
    private let log: RequestLog

    public init(inner: HTTPTransport, guard guardRules: WriteGuard, log: RequestLog) {
        self.inner = inner
        self.guardRules = guardRules
        self.log = log
    }

    public var isReadOnly: Bool { guardRules.readOnly }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            var objectName: String?
            try guardRules.check(method: request.method, url: request.url, body: request.body, objectName: nil)
            if request.method == .put || request.method == .patch || request.method == .delete,
               WriteGuard.addressedObject(request.url.path) != nil {
                objectName = try await lookUpName(for: request)
                try guardRules.check(method: request.method, url: request.url, body: request.body, objectName: objectName)
            }
        } catch let error as AviError {
            log.append(RequestRecord(time: Date(), method: request.method, host: request.url.host ?? "", path: request.url.path,
                                     status: nil, duration: 0, bytes: 0, note: error.description, refused: true))
            throw error
        }
        return try await timed(request)
    }

    private func lookUpName(for request: HTTPRequest) async throws -> String? {
        var components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        components?.query = nil
        components?.fragment = nil
        guard let url = components?.url else { return nil }
        let read = HTTPRequest(method: .get, url: url, headers: request.headers.filter { $0.0.lowercased() != "content-type" })
        let response = try await timed(read)
        guard response.status == 200 else {
            // Unknown name: refuse rather than risk writing a protected object.
            throw AviError.protectedObject(method: request.method.rawValue, name: "\(request.url.path) (its name could not be read: \(response.status))")
        }
        return WriteGuard.topLevelName(response.body)
    }

    private func timed(_ request: HTTPRequest) async throws -> HTTPResponse {
        let start = Date()
        let host = request.url.host ?? ""
        let path = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
        do {
            let response = try await inner.send(request)
            log.append(RequestRecord(time: start, method: request.method, host: host, path: path, status: response.status,
                                     duration: Date().timeIntervalSince(start), bytes: response.body.count, note: nil, refused: false))
            return response
        } catch {
            log.append(RequestRecord(time: start, method: request.method, host: host, path: path, status: nil,
                                     duration: Date().timeIntervalSince(start), bytes: 0, note: "\(error)", refused: false))
            throw error
        }
    }
}
