import Foundation

/// `POST /login` (form or JSON body) and the cookies it sets (REFERENCE §1.1–1.2).
enum Login {
    struct Account {
        let username: String
        let readOnly: Bool
    }

    static func account(_ model: ControllerModel, username: String, password: String) -> Account? {
        if username == model.options.username, password == model.passwords[username] {
            return Account(username: username, readOnly: false)
        }
        if let readOnly = model.options.readOnlyUser, username == readOnly.username, password == model.passwords[username] {
            return Account(username: username, readOnly: true)
        }
        return nil
    }

    static func login(_ context: RequestContext, model: ControllerModel) -> (SimResponse, String?) {
        let request = context.request
        var username = ""
        var password = ""
        let contentType = request.header("Content-Type")?.lowercased() ?? ""
        if contentType.contains("json") || request.body.first == UInt8(ascii: "{") {
            guard let body = try? JSON.parse(request.body) else {
                return (.error(400, "Malformed JSON body"), nil)
            }
            username = body["username"]?.stringValue ?? ""
            password = body["password"]?.stringValue ?? ""
        } else {
            let form = FormEncoding.decode(String(decoding: request.body, as: UTF8.self))
            username = form.last { $0.name == "username" }?.value ?? ""
            password = form.last { $0.name == "password" }?.value ?? ""
        }
        guard let account = account(model, username: username, password: password) else {
            return (.error(401, "Invalid credentials"), username.isEmpty ? nil : username)
        }
        let session = model.sessions.create(username: account.username, readOnly: account.readOnly, now: context.real)
        var response = SimResponse.json(200, body(model, account: account, origin: context.origin))
        let csrfExpiry = context.real.addingTimeInterval(31_449_600)
        response.headers.append(("Set-Cookie", "csrftoken=\(session.csrfToken); expires=\(TimeFormat.cookieDate(csrfExpiry)); Max-Age=31449600; Path=/; Secure"))
        for cookie in sessionCookies(session, model: model, now: context.real) {
            response.headers.append(("Set-Cookie", cookie))
        }
        return (response, account.username)
    }

    /// `avi-sessionid` and/or `sessionid` per persona, re-issued on every answer.
    static func sessionCookies(_ session: SessionTable.Session, model: ControllerModel, now: Date) -> [String] {
        let expiry = TimeFormat.cookieDate(now.addingTimeInterval(86400))
        let sameSite = model.persona.sameSiteNone ? "; SameSite=None" : ""
        return model.persona.sessionCookieNames.map {
            "\($0)=\(session.id); expires=\(expiry); HttpOnly; Max-Age=86400; Path=/; Secure\(sameSite)"
        }
    }

    static func body(_ model: ControllerModel, account: Account, origin: String) -> JSON {
        let user = model.store.all("user").first { $0["username"]?.stringValue == account.username }
        let uiProperty = "{\"defaultTimeframe\":\"6h\",\"valuesToDisplay\":\"avg\",\"sideRailOpen\":true,\"grid\":{\"pageSize\":30}}"
        let tenants: [JSON] = model.store.all("tenant").map { tenant in
            var members: [JSON.Member] = [
                .init(key: "url", value: .string(origin + (tenant["url"]?.stringValue ?? ""))),
                .init(key: "uuid", value: tenant["uuid"] ?? .null),
                .init(key: "name", value: tenant["name"] ?? .null),
                .init(key: "local", value: .bool(true)),
            ]
            if tenant["uuid"]?.stringValue != "admin", let settings = tenant["config_settings"] {
                members.append(.init(key: "config_settings", value: settings))
                members.append(.init(key: "_last_modified", value: tenant["_last_modified"] ?? .null))
            }
            return .object(members)
        }
        // The login copy of systemconfiguration keeps relative refs and is not
        // filtered by API version (REFERENCE §1.3).
        let systemConfig = Renderer(model: model, origin: nil, version: model.persona.version)
            .render(type: "systemconfiguration", model.store.get("systemconfiguration", "default") ?? .object([]))
        let idle = model.store.get("controllerproperties", "global")?["api_idle_timeout"] ?? .num(15)
        var members: [JSON.Member] = [
            .init(key: "user_initialized", value: .bool(true)),
            .init(key: "version", value: model.persona.versionObject),
            .init(key: "user", value: .obj([
                "is_superuser": .bool(!account.readOnly),
                "default_tenant_ref": .string(origin + Ref.path("tenant", "admin")),
                "name": .string(account.username),
                "username": .string(account.username),
                "full_name": user?["full_name"] ?? .string(account.username),
                "email": .string(""),
                "local": .bool(true),
                "uuid": user?["uuid"] ?? .string("user-1"),
                "ui_property": .string(uiProperty),
            ])),
            .init(key: "tenants", value: .array(tenants)),
            .init(key: "system_config", value: systemConfig),
            .init(key: "controller", value: .obj(["api_idle_timeout": idle])),
        ]
        if let cookieName = model.persona.sessionCookieNameField {
            members.append(.init(key: "session_cookie_name", value: .string(cookieName)))
        }
        return .object(members)
    }
}
