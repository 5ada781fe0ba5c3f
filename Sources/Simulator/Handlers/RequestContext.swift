import Foundation

/// Who is asking, in which tenant, at which API version.
struct RequestContext {
    let request: SimRequest
    let real: Date
    let origin: String
    let version: APIVersion
    var username: String?
    var readOnly = false
    var session: SessionTable.Session?
    /// nil = all tenants (`X-Avi-Tenant: *`).
    var tenantRef: String? = Ref.path("tenant", "admin")

    func renderer(_ model: ControllerModel) -> Renderer {
        Renderer(model: model, origin: origin, version: version)
    }

    /// Write responses carry `#name` on refs even without include_name (REFERENCE §2.4).
    func writeRenderer(_ model: ControllerModel) -> Renderer {
        var renderer = Renderer(model: model, origin: origin, version: version)
        renderer.includeName = true
        return renderer
    }
}

/// Types visible from every tenant (provider-context objects).
enum TenantScope {
    static let global: Set<String> = [
        "tenant", "user", "role", "cloud", "serviceengine", "serviceenginegroup", "securechannelmapping",
        "serviceengine-inventory", "alertconfig", "cluster", "systemconfiguration", "controllerproperties",
    ]

    static func visible(type: String, object: JSON, tenantRef: String?) -> Bool {
        guard let tenantRef, !global.contains(type) else { return true }
        guard let objectTenant = object["tenant_ref"]?.stringValue else { return true }
        return objectTenant == tenantRef
    }
}
