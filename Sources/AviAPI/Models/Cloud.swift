/// `GET /api/cloud`.
public struct Cloud: Codable, Sendable {
    public var uuid: String
    public var name: String
    public var vtype: String?
    public var vcenterConfiguration: PrivilegeHolder?
    public var openstackConfiguration: PrivilegeHolder?

    enum CodingKeys: String, CodingKey {
        case uuid, name, vtype, vcenterConfiguration = "vcenter_configuration", openstackConfiguration = "openstack_configuration"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decode(String.self, forKey: .uuid)
        name = c.lenient(String.self, forKey: .name) ?? uuid
        vtype = c.lenient(String.self, forKey: .vtype)
        // A type we cannot read is never mistaken for the default ("No Orchestrator", no access).
        if vtype == nil, c.contains(.vtype), (try? c.decodeNil(forKey: .vtype)) != true { vtype = "UNREADABLE" }
        vcenterConfiguration = c.lenient(PrivilegeHolder.self, forKey: .vcenterConfiguration)
        openstackConfiguration = c.lenient(PrivilegeHolder.self, forKey: .openstackConfiguration)
    }

    public struct PrivilegeHolder: Codable, Sendable {
        public var privilege: String?
        enum CodingKeys: String, CodingKey { case privilege }
        public init(from decoder: Decoder) throws {
            privilege = (try? decoder.container(keyedBy: CodingKeys.self))?.lenient(String.self, forKey: .privilege)
        }
    }

    /// A cloud in which the controller cannot create Service Engines: "No Orchestrator",
    /// or vCenter/OpenStack with `NO_ACCESS` (REFERENCE.md §3.7).
    public var isNoAccess: Bool {
        if vtype == nil || vtype == "CLOUD_NONE" { return true }
        if vtype == "CLOUD_VCENTER" { return vcenterConfiguration?.privilege == "NO_ACCESS" }
        if vtype == "CLOUD_OPENSTACK" { return openstackConfiguration?.privilege == "NO_ACCESS" }
        return false
    }
}

/// `GET /api/virtualservice` with only the fields the console needs.
public struct VirtualService: Codable, Sendable {
    public var uuid: String
    public var name: String
    public var sslKeyAndCertificateRefs: [AviRef]?

    enum CodingKeys: String, CodingKey { case uuid, name, sslKeyAndCertificateRefs = "ssl_key_and_certificate_refs" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decode(String.self, forKey: .uuid)
        name = c.lenient(String.self, forKey: .name) ?? uuid
        sslKeyAndCertificateRefs = c.lenient([AviRef].self, forKey: .sslKeyAndCertificateRefs)
    }
}
