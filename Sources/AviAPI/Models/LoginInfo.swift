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

    public struct ControllerVersion: Codable, Sendable {
        public var version: String?
        public var build: Int?
        public var tag: String?
        enum CodingKeys: String, CodingKey { case version = "Version", build, tag = "Tag" }
    }

    public struct LoginUser: Codable, Sendable {
        public var username: String?
        public var name: String?
        public var isSuperuser: Bool?
        public var defaultTenantRef: String?
        enum CodingKeys: String, CodingKey {
            case username, name, isSuperuser = "is_superuser", defaultTenantRef = "default_tenant_ref"
        }
    }

    public struct TenantSummary: Codable, Sendable {
        public var name: String?
        public var uuid: String?
    }

    public struct ControllerSettings: Codable, Sendable {
        public var apiIdleTimeout: Int?
        enum CodingKeys: String, CodingKey { case apiIdleTimeout = "api_idle_timeout" }
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
