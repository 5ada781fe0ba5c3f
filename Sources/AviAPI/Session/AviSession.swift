import Foundation

/// A logged-in session with a controller cluster, as a real controller expects it
/// (REFERENCE.md §1): `POST /login` at the web root, session and CSRF cookies,
/// `X-CSRFToken` and `Referer` on every call, `X-Avi-Version` and `X-Avi-Tenant` always.
///
/// It logs in again by itself when the session expired (401/419), moves to the next
/// controller address when one is unreachable, and never retries a write blindly.
///
/// Account safety: a password the controller refused (401/403 on `/login`) is never sent
/// again — its fingerprint is kept and every later login with it fails at once with
/// `passwordRefusedBefore`, and no request at all is sent until `usePassword(_:)` gives a new
/// one. Re-logins caused by a controller that keeps rejecting fresh sessions are capped at
/// `reloginLimit` per `reloginWindow` seconds.
public actor AviSession {
    /// The settings as given, minus any `user:password@` in the addresses (never sent or shown).
    public nonisolated let settings: ConnectionSettings
    public nonisolated let log: RequestLog
    private let transport: GuardedTransport
    private var activeIndex = 0
    private var cookies = CookieJar()
    private var loginInfo: LoginInfo?
    private var negotiatedVersion: String?
    /// Bumped on every login, so concurrent 401s trigger one login, not many.
    private var generation = 0
    private var pendingLogin: Task<LoginInfo, Error>?
    private var password: String
    /// Fingerprints of passwords the controller refused; kept in memory only.
    private var refusedPasswords: Set<Int> = []
    /// Set when the current password was refused: nothing is sent until a new one is given.
    private var refusal: AviError? { didSet { refusalMirror.set(refusal) } }
    /// `refusal`, readable without awaiting the actor: the console's UI thread polls it.
    private nonisolated let refusalMirror = RefusalMirror()
    /// When each re-login after a rejected session happened, for the cap.
    private var reloginTimes: [Date] = []
    private let now: @Sendable () -> Date

    /// At most this many re-logins after a rejected session (401/419) within `reloginWindow` seconds.
    public static let reloginLimit = 3
    public static let reloginWindow: TimeInterval = 60

    public init(settings: ConnectionSettings, transport: HTTPTransport? = nil, log: RequestLog = RequestLog(),
                now: @escaping @Sendable () -> Date = { Date() }) {
        var settings = settings
        settings.controllers = settings.controllers.map(\.withoutUserInfo)
        self.settings = settings
        self.log = log
        self.password = settings.password
        self.now = now
        let inner = transport ?? CurlTransport(trust: settings.trust, limits: settings.limits)
        self.transport = GuardedTransport(inner: inner, guard: WriteGuard(readOnly: settings.readOnly), log: log)
    }

    /// The address in use now (after a fail-over, the one that answered).
    public var controller: URL { settings.controllers[activeIndex] }
    public var login: LoginInfo? { loginInfo }
    /// The `X-Avi-Version` sent on every request.
    public var apiVersion: String? { negotiatedVersion }
    public nonisolated var isReadOnly: Bool { settings.readOnly }

    /// Why nothing is sent: the controller refused the password (nil when not).
    public var credentialRefusal: AviError? { refusal }

    /// `credentialRefusal` without a suspension (a lock and a copy): for a UI loop that must
    /// not wait on the actor while it is busy with a request.
    public nonisolated var credentialRefusalNow: AviError? { refusalMirror.get() }

    /// A new password from the operator. One the controller already refused is not taken
    /// (`passwordRefusedBefore`), so typing the old one again cannot lock the account.
    public func usePassword(_ newPassword: String) throws {
        if refusedPasswords.contains(Self.fingerprint(newPassword)) {
            throw AviError.passwordRefusedBefore(host: controller.hostAndPort)
        }
        password = newPassword
        refusal = nil
    }

    private static func fingerprint(_ password: String) -> Int {
        var hasher = Hasher()  // seeded per process: the value means nothing outside it
        hasher.combine("avitui-password")
        hasher.combine(password)
        return hasher.finalize()
    }

    /// Logs in, trying each controller address in turn.
    @discardableResult
    public func connect() async throws -> LoginInfo {
        try await loginOnce(startingGeneration: generation)
    }

    /// Sends one API request and returns a 2xx response; anything else becomes an `AviError`.
    /// `path` starts with `/api/`; `tenant` overrides `X-Avi-Tenant` (e.g. `*` for cluster-wide reads).
    public func send(_ method: HTTPMethod, _ path: String, query: [URLQueryItem] = [], body: Data? = nil,
                     tenant: String? = nil) async throws -> HTTPResponse {
        if let refusal { throw refusal }
        if loginInfo == nil { try await connect() }
        var reloginsLeft = 2
        var addressesTried = 0
        var failures: [AviError] = []
        while true {
            let sentGeneration = generation
            let request = try makeRequest(method, path, query: query, body: body, tenant: tenant)
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch let error as AviError {
                // A write that may have reached the controller is never repeated: the caller reconciles.
                guard method == .get, error.isAddressLevel else { throw error }
                failures.append(error)
                addressesTried += 1
                guard addressesTried < settings.controllers.count else { throw AviError.allControllersFailed(failures) }
                try await failOver()
                continue
            }
            cookies.absorb(setCookieHeaders: response.headers(named: "set-cookie"))
            switch response.status {
            case 200..<300:
                return response
            case 401, 419:
                guard reloginsLeft > 0 else { throw AviError.sessionExpired(host: controller.hostAndPort) }
                reloginsLeft -= 1
                _ = try await loginOnce(startingGeneration: sentGeneration, afterRejectedSession: true)
            case 502...504 where method == .get:
                failures.append(.serverUnavailable(host: controller.hostAndPort, status: response.status))
                addressesTried += 1
                guard addressesTried < settings.controllers.count else { throw AviError.allControllersFailed(failures) }
                try await failOver()
            default:
                throw Self.error(for: response, method: method, path: path, host: controller.hostAndPort)
            }
        }
    }

    /// Ends the session on the controller; errors are ignored (the process is leaving anyway).
    public func logout() async {
        guard loginInfo != nil, cookies.hasSession,
              let request = try? makeRequest(.post, "/logout", query: [], body: nil, tenant: nil) else { return }
        _ = try? await transport.send(request)
        cookies.clear()
        loginInfo = nil
    }

    // MARK: - Login

    /// Counts a re-login after a rejected session; refuses one beyond the cap.
    private func noteRelogin() throws {
        let current = now()
        reloginTimes.removeAll { current.timeIntervalSince($0) >= Self.reloginWindow }
        guard reloginTimes.count < Self.reloginLimit else {
            throw AviError.reloginLimit(host: controller.hostAndPort, logins: reloginTimes.count, seconds: Int(Self.reloginWindow))
        }
        reloginTimes.append(current)
    }

    private func loginOnce(startingGeneration: Int, afterRejectedSession: Bool = false) async throws -> LoginInfo {
        if generation != startingGeneration, let loginInfo { return loginInfo }  // someone else already logged in again
        if let pendingLogin { return try await pendingLogin.value }
        if afterRejectedSession { try noteRelogin() }
        let task = Task { try await self.loginAcrossAddresses() }
        pendingLogin = task
        defer { pendingLogin = nil }
        return try await task.value
    }

    private func loginAcrossAddresses() async throws -> LoginInfo {
        var failures: [AviError] = []
        for offset in 0..<settings.controllers.count {
            let index = (activeIndex + offset) % settings.controllers.count
            do {
                let info = try await login(at: index)
                activeIndex = index
                return info
            } catch let error as AviError {
                // Wrong credentials are the same on every node: stop at once.
                if case .loginFailed = error { throw error }
                guard error.isAddressLevel else { throw error }
                failures.append(error)
            }
        }
        throw AviError.allControllersFailed(failures)
    }

    private func failOver() async throws {
        activeIndex = (activeIndex + 1) % settings.controllers.count
        cookies.clear()
        _ = try await loginOnce(startingGeneration: generation)
    }

    private func login(at index: Int) async throws -> LoginInfo {
        let base = settings.controllers[index]
        let host = base.hostAndPort
        if let refusal { throw refusal }
        let fingerprint = Self.fingerprint(password)
        guard !refusedPasswords.contains(fingerprint) else {
            let error = AviError.passwordRefusedBefore(host: host)
            refusal = error
            throw error
        }
        let body = try JSONEncoder().encode(["username": settings.username, "password": password])
        var headers = [("Content-Type", "application/json"), ("Accept", "application/json"), ("Referer", base.absoluteString)]
        if let version = settings.apiVersion.flatMap(AviVersion.headerValue) { headers.append(("X-Avi-Version", version)) }
        let request = HTTPRequest(method: .post, url: base.appendingPathComponent("login"), headers: headers, body: body)
        let response = try await transport.send(request)
        switch response.status {
        case 200..<300: break
        case 401, 403:
            // Never again with this password: a lockout policy counts every refused login.
            refusedPasswords.insert(fingerprint)
            let error = AviError.loginFailed(host: host, status: response.status)
            refusal = error
            cookies.clear()
            loginInfo = nil
            throw error
        case 502, 503, 504: throw AviError.serverUnavailable(host: host, status: response.status)
        default: throw Self.error(for: response, method: .post, path: "/login", host: host)
        }
        var jar = CookieJar()
        jar.absorb(setCookieHeaders: response.headers(named: "set-cookie"))
        guard jar.hasSession else {
            throw AviError.malformedResponse(path: "/login", detail: "no session cookie in the reply")
        }
        let info: LoginInfo
        do { info = try JSONDecoder().decode(LoginInfo.self, from: response.body) } catch {
            throw AviError.malformedResponse(path: "/login", detail: DecodingErrorText.describe(error))
        }
        cookies = jar
        loginInfo = info
        // The header takes a release number; the login may report "22.1.6-2p3" (a patch suffix).
        negotiatedVersion = settings.apiVersion.flatMap(AviVersion.headerValue)
            ?? info.version?.version.flatMap(AviVersion.headerValue) ?? "18.2.6"
        generation += 1
        return info
    }

    // MARK: - Requests

    private func makeRequest(_ method: HTTPMethod, _ path: String, query: [URLQueryItem], body: Data?, tenant: String?) throws -> HTTPRequest {
        var components = URLComponents(url: controller, resolvingAgainstBaseURL: false)
        components?.percentEncodedPath = path
        if !query.isEmpty { components?.queryItems = query }
        guard let url = components?.url else { throw AviError.invalidConfiguration("cannot build a URL for \(path)") }
        var headers: [(String, String)] = [
            ("Accept", "application/json"),
            ("Referer", controller.absoluteString),
            ("X-Avi-Tenant", tenant ?? settings.tenant),
        ]
        if let version = negotiatedVersion ?? settings.apiVersion.flatMap(AviVersion.headerValue) { headers.append(("X-Avi-Version", version)) }
        if let cookie = cookies.header { headers.append(("Cookie", cookie)) }
        if let csrf = cookies.csrfToken { headers.append(("X-CSRFToken", csrf)) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return HTTPRequest(method: method, url: url, headers: headers, body: body)
    }

    static func error(for response: HTTPResponse, method: HTTPMethod, path: String, host: String) -> AviError {
        let message = ErrorBody.message(response.body)
        switch response.status {
        case 400: return .badRequest(path: path, message: message)
        case 403: return .forbidden(path: path, message: message)
        case 404: return .notFound(path: path)
        case 409: return .conflict(path: path, message: message)
        case 412: return .concurrentModification(path: path)
        case 502, 503, 504: return .serverUnavailable(host: host, status: response.status)
        default: return .serverError(path: path, status: response.status, message: message)
        }
    }
}

/// The session's refusal behind a lock, so other threads read it without the actor.
private final class RefusalMirror: @unchecked Sendable {
    private let lock = NSLock()
    private var value: AviError?

    func set(_ newValue: AviError?) { lock.withLock { value = newValue } }
    func get() -> AviError? { lock.withLock { value } }
}

/// Short, operator-readable text for a JSON decoding failure.
enum DecodingErrorText {
    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch error {
        case let .dataCorrupted(context): return "not JSON\(path(context))"
        case let .keyNotFound(key, context): return "missing field '\(key.stringValue)'\(path(context))"
        case let .typeMismatch(_, context): return "unexpected type\(path(context))"
        case let .valueNotFound(_, context): return "missing value\(path(context))"
        @unknown default: return "\(error)"
        }
    }
}
