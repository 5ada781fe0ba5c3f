import Foundation

/// Roles and users: the admin (superuser) and a read-only monitor.
enum RoleSeed {
    static let resources = [
        "PERMISSION_SYSTEMCONFIGURATION", "PERMISSION_CONTROLLER", "PERMISSION_SSLKEYANDCERTIFICATE",
        "PERMISSION_CLOUD", "PERMISSION_SERVICEENGINE", "PERMISSION_SERVICEENGINEGROUP", "PERMISSION_TENANT",
        "PERMISSION_USER", "PERMISSION_ROLE", "PERMISSION_ALERT", "PERMISSION_VIRTUALSERVICE",
        "PERMISSION_POOL", "PERMISSION_UPGRADE", "PERMISSION_REBOOT", "PERMISSION_SE_TOKEN",
    ]

    static func populate(_ model: ControllerModel, rng: inout SplitMix64, lastModified: (Double) -> JSON) {
        let adminRef = model.tenantAdminRef
        func role(_ name: String, _ access: String) -> String {
            let uuid = "role-" + rng.uuid4()
            model.store.put("role", .obj([
                "url": .string(Ref.path("role", uuid)), "uuid": .string(uuid), "name": .string(name),
                "tenant_ref": .string(adminRef), "_last_modified": lastModified(400),
                "privileges": .array(resources.map { .obj(["resource": .string($0), "type": .string(access)]) }),
                "allow_unlabelled_access": .bool(true),
            ]))
            return uuid
        }
        let adminRole = role("System-Admin", "WRITE_ACCESS")
        _ = role("Tenant-Admin", "WRITE_ACCESS")
        let readRole = role("Read-Only", "READ_ACCESS")

        model.store.put("user", user(
            uuid: "user-1", username: model.options.username, fullName: "System Administrator",
            superuser: true, roleUUID: adminRole, lastModified: lastModified(400)
        ))
        if let readOnly = model.options.readOnlyUser {
            model.store.put("user", user(
                uuid: "user-" + rng.uuid4(), username: readOnly.username, fullName: "Monitoring (read-only)",
                superuser: false, roleUUID: readRole, lastModified: lastModified(90)
            ))
        }
    }

    static func user(uuid: String, username: String, fullName: String, superuser: Bool, roleUUID: String, lastModified: JSON) -> JSON {
        .obj([
            "url": .string(Ref.path("user", uuid)), "uuid": .string(uuid), "username": .string(username),
            "name": .string(username), "full_name": .string(fullName), "email": .string(""),
            "is_superuser": .bool(superuser), "is_active": .bool(true), "local": .bool(true),
            "default_tenant_ref": .string(Ref.path("tenant", "admin")),
            "access": .array([.obj([
                "role_ref": .string(Ref.path("role", roleUUID)),
                "tenant_ref": .string(Ref.path("tenant", "admin")),
                "all_tenants": .bool(true),
            ])]),
            "_last_modified": lastModified,
        ])
    }
}
