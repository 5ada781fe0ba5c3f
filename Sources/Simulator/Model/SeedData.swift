import Foundation

/// Builds the initial controller contents from the seed.
enum SeedData {
    static let day: TimeInterval = 86400

    static func cluster(rng: inout SplitMix64, epoch: Date) -> ClusterModel {
        var octets = Set<Int>()
        while octets.count < 4 { octets.insert(rng.int(11...60)) }
        let sorted = octets.sorted()
        let nodes = (0..<3).map { index -> ClusterModel.Node in
            let mac = "005056" + rng.hex(6)
            return ClusterModel.Node(
                ip: "10.10.5.\(sorted[index])",
                vmUUID: mac,
                hostname: "node\(index + 1).controller.local",
                upSince: epoch.addingTimeInterval(-Double(rng.int(20...40)) * day - Double(index * 150))
            )
        }
        let up = nodes.compactMap(\.upSince).max() ?? epoch
        return ClusterModel(
            uuid: "cluster-" + nodes[0].vmUUID,
            virtualIP: "10.10.5.\(sorted[3])",
            nodes: nodes,
            clusterUpSince: up.addingTimeInterval(90)
        )
    }

    static func populate(_ model: ControllerModel, rng: inout SplitMix64) {
        let epoch = model.dataEpoch
        // No rng here: the closure is passed alongside `&rng` (exclusivity).
        func lastModified(daysAgo: Double) -> JSON {
            let jitter = (daysAgo * 7919).truncatingRemainder(dividingBy: 86400)
            return .string(model.seededLastModified(epoch.addingTimeInterval(-daysAgo * day - jitter)))
        }
        let adminRef = model.tenantAdminRef

        // Tenants
        model.store.put("tenant", .obj([
            "url": .string(adminRef), "uuid": .string("admin"), "name": .string("admin"),
            "local": .bool(true), "description": .string(""),
            "config_settings": tenantSettings, "created_by": .string(""),
            "_last_modified": lastModified(daysAgo: 400),
        ]))
        for name in ["prod", "staging"] {
            let uuid = "tenant-" + rng.uuid4()
            model.store.put("tenant", .obj([
                "url": .string(Ref.path("tenant", uuid)), "uuid": .string(uuid), "name": .string(name),
                "local": .bool(true), "description": .string("\(name) applications"),
                "config_settings": tenantSettings, "created_by": .string(model.options.username),
                "attrs": .array([]), "enforce_label_group": .bool(false),
                "_last_modified": lastModified(daysAgo: Double(rng.int(30...300))),
            ]))
        }

        RoleSeed.populate(model, rng: &rng, lastModified: lastModified)
        populateCloudsAndGroups(model, rng: &rng, lastModified: lastModified)
        model.refreshClusterObjects(seeded: true)
        model.store.put("controllerproperties", controllerProperties(model, lastModified: lastModified(daysAgo: 300)))
        CertificateSeed.populate(model, rng: &rng)
        ServiceEngineSeed.populate(model, rng: &rng)
        VirtualServiceSeed.populate(model, rng: &rng)
        model.store.put("systemconfiguration", SystemConfigurationSeed.make(model, lastModified: lastModified(daysAgo: 20)))
        AlertFactory.populate(model, rng: &rng)
    }

    static let tenantSettings: JSON = .obj([
        "tenant_vrf": .bool(false), "se_in_provider_context": .bool(true), "tenant_access_to_provider_se": .bool(true),
    ])

    static func populateCloudsAndGroups(_ model: ControllerModel, rng: inout SplitMix64, lastModified: (Double) -> JSON) {
        let adminRef = model.tenantAdminRef
        let vcenterUUID = "cloud-" + rng.uuid4()
        model.store.put("cloud", .obj([
            "url": .string(Ref.path("cloud", vcenterUUID)), "uuid": .string(vcenterUUID),
            "name": .string("Default-Cloud"), "tenant_ref": .string(adminRef),
            "_last_modified": lastModified(200),
            "vtype": .string("CLOUD_VCENTER"),
            "vcenter_configuration": .obj([
                "privilege": .string("WRITE_ACCESS"),
                "vcenter_url": .string("vcenter01.lab.local"),
                "username": .string("svc-avi@vsphere.local"),
                "password": .string("<sensitive>"),
                "datacenter": .string("DC-\(rng.int(1...4))"),
            ]),
            "dhcp_enabled": .bool(true), "mtu": .num(1500), "prefer_static_routes": .bool(false),
            "license_type": .string("LIC_CORES"), "license_tier": .string("ENTERPRISE"),
            "state_based_dns_registration": .bool(true),
        ]))
        let noneUUID = "cloud-" + rng.uuid4()
        model.store.put("cloud", .obj([
            "url": .string(Ref.path("cloud", noneUUID)), "uuid": .string(noneUUID),
            "name": .string("Edge-No-Orchestrator"), "tenant_ref": .string(adminRef),
            "_last_modified": lastModified(150),
            "vtype": .string("CLOUD_NONE"),
            "dhcp_enabled": .bool(false), "mtu": .num(1500), "prefer_static_routes": .bool(false),
            "license_type": .string("LIC_CORES"), "license_tier": .string("ENTERPRISE"),
            "state_based_dns_registration": .bool(true),
        ]))
        for cloudUUID in [vcenterUUID, noneUUID] {
            let uuid = "serviceenginegroup-" + rng.uuid4()
            model.store.put("serviceenginegroup", .obj([
                "url": .string(Ref.path("serviceenginegroup", uuid)), "uuid": .string(uuid),
                "name": .string(cloudUUID == vcenterUUID ? "Default-Group" : "Edge-Group"),
                "tenant_ref": .string(adminRef), "cloud_ref": .string(Ref.path("cloud", cloudUUID)),
                "_last_modified": lastModified(140),
                "ha_mode": .string("HA_MODE_SHARED"), "algo": .string("PLACEMENT_ALGO_PACKED"),
                "max_se": .num(10), "min_se": .num(1), "max_vs_per_se": .num(10),
                "vcpus_per_se": .num(1), "memory_per_se": .num(2048), "se_name_prefix": .string("Avi"),
                "active_standby": .bool(false), "se_deprovision_delay": .num(120),
            ]))
        }
    }

    static func controllerProperties(_ model: ControllerModel, lastModified: JSON) -> JSON {
        let idleMinutes = max(1, Int((model.options.sessionIdleTimeout / 60).rounded(.up)))
        return .obj([
            "url": .string("/api/controllerproperties"), "uuid": .string("global"),
            "_last_modified": lastModified,
            "api_idle_timeout": .num(idleMinutes),
            "allow_unauthenticated_apis": .bool(false),
            "ssl_certificate_expiry_warning_days": .array([.num(30), .num(7), .num(1)]),
            "secure_channel_se_token_timeout": .num(60),
            "secure_channel_controller_token_timeout": .num(60),
            "secure_channel_cleanup_timeout": .num(60),
            "dead_se_detection_timer": .num(360),
            "se_offline_del": .num(172_000),
            "upgrade_lease_time": .num(360),
            "cluster_ip_gratuitous_arp_period": .num(60),
        ])
    }
}
