import Foundation

/// Authentication, CSRF, version and tenant handling, then dispatch.
enum Router {
    static let singletons: Set<String> = ["cluster", "systemconfiguration", "controllerproperties", "useraccount"]
    static let readMethods: Set<String> = ["GET", "HEAD", "OPTIONS"]

    enum Auth {
        case session(SessionTable.Session)
        case basic(username: String, readOnly: Bool)
        case expired
        case none
    }

    static func route(_ request: SimRequest, model: ControllerModel, real: Date, fallbackOrigin: String) -> (SimResponse, String?) {
        var path = request.path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        let origin = request.origin(fallback: fallbackOrigin)

        // X-Avi-Version: absent means 16.4.2; above the controller's own release is refused.
        var version = APIVersion.legacyDefault
        if let header = request.header("X-Avi-Version"), !header.isEmpty {
            guard let parsed = APIVersion(header) else {
                return (.error(400, "Invalid X-Avi-Version '\(header)'"), nil)
            }
            if parsed > model.persona.version {
                return (.error(400, "API version \(parsed) is not supported: the controller runs version \(model.persona.versionString) and supports API versions up to \(model.persona.versionString)"), nil)
            }
            version = parsed
        }
        var context = RequestContext(request: request, real: real, origin: origin, version: version)

        if path == "/login" {
            guard request.method == "POST" else { return (finish(methodNotAllowed(request.method), context, model), nil) }
            let (response, user) = Login.login(context, model: model)
            return (finish(response, context, model), user)
        }

        let auth = authenticate(request, model: model, real: real)
        switch auth {
        case .session(let session):
            context.session = session
            context.username = session.username
            context.readOnly = session.readOnly
        case .basic(let username, let readOnly):
            context.username = username
            context.readOnly = readOnly
        case .expired, .none:
            break
        }

        if path == "/logout" {
            guard request.method == "POST" else { return (finish(methodNotAllowed(request.method), context, model), context.username) }
            if let session = context.session, let failure = csrfFailure(request, session: session) {
                return (finish(failure, context, model), context.username)
            }
            if let session = context.session { model.sessions.remove(id: session.id) }
            var response = SimResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
            for name in model.persona.sessionCookieNames {
                response.headers.append(("Set-Cookie", "\(name)=\"\"; expires=Thu, 01-Jan-1970 00:00:00 GMT; Max-Age=0; Path=/"))
            }
            return (finish(response, context, model, slideCookies: false), context.username)
        }

        guard path.hasPrefix("/api/") else {
            return (finish(.error(404, "The requested URL \(path) was not found"), context, model), context.username)
        }
        let parts = path.dropFirst("/api/".count).split(separator: "/").map(String.init)

        // Readiness probes answer without a session (REFERENCE §1.9).
        let probes: Set<String> = ["initial-data", "cluster/runtime", "cluster/status", "cluster/version"]
        let isProbe = request.method == "GET" && probes.contains(parts.joined(separator: "/"))
        if context.username == nil && !(isProbe && model.options.allowUnauthenticatedProbes) {
            let message: String
            if case .expired = auth {
                message = "Session expired. Please log in again."
            } else {
                message = "Authentication credentials were not provided."
            }
            return (finish(.error(model.options.unauthenticatedStatus, message), context, model, slideCookies: false), nil)
        }

        if !readMethods.contains(request.method) {
            if let session = context.session, let failure = csrfFailure(request, session: session) {
                return (finish(failure, context, model), context.username)
            }
            if context.readOnly {
                let resource = parts.first ?? "this object"
                return (finish(.error(403, "User \(context.username ?? "") does not have write access to \(resource)"), context, model), context.username)
            }
        }

        // Tenant header: a name, `*` for all tenants, or a uuid header.
        if let tenantUUID = request.header("X-Avi-Tenant-UUID"), !tenantUUID.isEmpty {
            guard model.store.get("tenant", tenantUUID) != nil else {
                return (finish(.error(400, "Tenant with uuid '\(tenantUUID)' does not exist"), context, model), context.username)
            }
            context.tenantRef = Ref.path("tenant", tenantUUID)
        } else if let tenant = request.header("X-Avi-Tenant"), !tenant.isEmpty {
            if tenant == "*" {
                context.tenantRef = nil
            } else if let uuid = model.store.uuid("tenant", named: tenant) {
                context.tenantRef = Ref.path("tenant", uuid)
            } else {
                return (finish(.error(400, "Tenant '\(tenant)' does not exist"), context, model), context.username)
            }
        }

        let response = API.dispatch(parts: parts, context: context, model: model)
        return (finish(response, context, model), context.username)
    }

    static func authenticate(_ request: SimRequest, model: ControllerModel, real: Date) -> Auth {
        let cookies = request.cookies
        for name in model.persona.sessionCookieNames {
            guard let id = cookies[name], !id.isEmpty, id != "None" else { continue }
            switch model.sessions.use(id: id, now: real) {
            case .valid(let session): return .session(session)
            case .expired: return .expired
            case .missing: continue
            }
        }
        if cookies.keys.contains(where: { model.persona.sessionCookieNames.contains($0) }) {
            return .expired
        }
        if let authorization = request.header("Authorization"), authorization.lowercased().hasPrefix("basic ") {
            let allowed = model.store.get("systemconfiguration", "default")?
                .value(at: ["portal_configuration", "allow_basic_authentication"])?.boolValue ?? false
            guard allowed,
                  let decoded = Data(base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
                  let text = String(data: decoded, encoding: .utf8),
                  let colon = text.firstIndex(of: ":") else { return .none }
            let user = String(text[..<colon])
            let password = String(text[text.index(after: colon)...])
            if let account = Login.account(model, username: user, password: password) {
                return .basic(username: account.username, readOnly: account.readOnly)
            }
        }
        return .none
    }

    /// Django's CSRF check as Avi answers it: 401 with a plain-text body.
    static func csrfFailure(_ request: SimRequest, session: SessionTable.Session) -> SimResponse? {
        // Django checks the Referer of HTTPS requests before the token.
        if request.header("Referer")?.isEmpty ?? true {
            return SimResponse(status: 401, headers: [("Content-Type", "application/json")],
                               body: Array("Referer checking failed - no Referer.".utf8))
        }
        let header = request.header("X-CSRFToken")
        let cookie = request.cookies["csrftoken"]
        if header == session.csrfToken && (cookie == nil || cookie == session.csrfToken) { return nil }
        return SimResponse(status: 401, headers: [("Content-Type", "application/json")],
                           body: Array("CSRF token missing or incorrect.".utf8))
    }

    static func methodNotAllowed(_ method: String) -> SimResponse {
        .error(405, "Method '\(method)' not allowed.")
    }

    /// Common response headers; session cookies slide on every authenticated answer.
    static func finish(_ response: SimResponse, _ context: RequestContext, _ model: ControllerModel, slideCookies: Bool = true) -> SimResponse {
        var out = response
        out.headers.append(("AVI_API_VERSION", context.version.headerValue))
        out.headers.append(("Date", TimeFormat.httpDate(context.real)))
        out.headers.append(("Cache-Control", "private, no-cache, must-revalidate"))
        if slideCookies, let session = context.session, !out.headers.contains(where: { $0.name == "Set-Cookie" }) {
            for cookie in Login.sessionCookies(session, model: model, now: context.real) {
                out.headers.append(("Set-Cookie", cookie))
            }
        }
        return out
    }
}
