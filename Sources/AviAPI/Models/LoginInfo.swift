/// What `POST /login` tells about the controller and the user.
public struct LoginInfo: Codable, Sendable {
    public var version: ControllerVersion?
    public var user: LoginUser?
    public var tenants: [TenantSummary]?
    public var sessionCookieName: String?
    public var controller: ControllerSettings?

    enum CodingKeys: String, CodingKey {
        case version, user, tenants, sessionCookieName = "session_cookie_name", controller
    }

    /// Every part is optional and read leniently: an odd field in the login reply (say
    /// `api_idle_timeout` as a string) never stops the login.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = c.lenient(ControllerVersion.self, forKey: .version)
        user = c.lenient(LoginUser.self, forKey: .user)
        tenants = c.lenient([TenantSummary].self, forKey: .tenants)
        sessionCookieName = c.lenient(String.self, forKey: .sessionCookieName)
        controller = c.lenient(ControllerSettings.self, forKey: .controller)
    }

    public struct ControllerVersion: Codable, Sendable {
        public var version: String?
        public var build: Int?
        public var tag: String?
        enum CodingKeys: String, CodingKey { case version = "Version", build, tag = "Tag" }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            version = c.lenient(String.self, forKey: .version)
            build = c.lenient(Int.self, forKey: .build)
            tag = c.lenient(String.self, forKey: .tag)
        }
    }

    public struct LoginUser: Codable, Sendable {
        public var username: String?
        public var name: String?
        public var isSuperuser: Bool?
        public var defaultTenantRef: String?
        enum CodingKeys: String, CodingKey {
            case username, name, isSuperuser = "is_superuser", defaultTenantRef = "default_tenant_ref"
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            username = c.lenient(String.self, forKey: .username)
            name = c.lenient(String.self, forKey: .name)
            isSuperuser = c.lenient(Bool.self, forKey: .isSuperuser)
            defaultTenantRef = c.lenient(String.self, forKey: .defaultTenantRef)
        }
    }

    public struct TenantSummary: Codable, Sendable {
        public var name: String?
        public var uuid: String?
        enum CodingKeys: String, CodingKey { case name, uuid }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = c.lenient(String.self, forKey: .name)
            uuid = c.lenient(String.self, forKey: .uuid)
        }
    }

    public struct ControllerSettings: Codable, Sendable {
        public var apiIdleTimeout: Int?
        enum CodingKeys: String, CodingKey { case apiIdleTimeout = "api_idle_timeout" }

        public init(from decoder: Decoder) throws {
            apiIdleTimeout = (try? decoder.container(keyedBy: CodingKeys.self))?.lenient(Int.self, forKey: .apiIdleTimeout)
        }
    }
}

/// One role binding of a user: `{role_ref, tenant_ref, all_tenants}`.
public struct UserAccess: Codable, Sendable {
    public var roleRef: AviRef?
    public var tenantRef: AviRef?
    public var allTenants: Bool?
    enum CodingKeys: String, CodingKey { case roleRef = "role_ref", tenantRef = "tenant_ref", allTenants = "all_tenants" }
}

/// `GET /api/user` (only the parts that decide write access).
public struct AviUser: Codable, Sendable {
    public var uuid: String?
    public var username: String?
    public var isSuperuser: Bool?
    public var access: [UserAccess]?
    enum CodingKeys: String, CodingKey { case uuid, username, isSuperuser = "is_superuser", access }
}

/// `GET /api/role/<uuid>`.
public struct AviRole: Codable, Sendable {
    public var uuid: String?
    public var name: String?
    public var privileges: [Permission]?

    public struct Permission: Codable, Sendable {
        public var resource: String?
        public var type: String?
    }
}
