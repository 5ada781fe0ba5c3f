import Foundation

/// Service Engines, their runtime, and one secure-channel mapping per SE and
/// per controller node.
enum ServiceEngineSeed {
    static func populate(_ model: ControllerModel, rng: inout SplitMix64) {
        let epoch = model.dataEpoch
        let persona = model.persona
        let clouds = model.store.all("cloud")
        let groups = model.store.all("serviceenginegroup")
        guard let mainCloud = clouds.first, let mainGroup = groups.first else { return }
        let leaderIP = model.cluster.nodes[model.cluster.leader].ip

        // Controller nodes first: their mappings exist whatever the SE count.
        for (index, node) in model.cluster.nodes.enumerated() {
            let uuid = model.nodeMappingUUID(node.ip)
            let local = persona.usesLegacyLoopbackIPs ? "127.1.0.\(2 + index)" : "100.64.0.\(2 + index)"
            model.store.put("securechannelmapping", mapping(
                uuid: uuid, ip: node.ip, localIP: local, isController: true,
                status: "SECURE_CHANNEL_AUTH_SSH_SUCCESS", rng: &rng,
                lastModified: model.seededLastModified(node.upSince ?? epoch)
            ))
        }

        var usedNames = Set<String>()
        for i in 0..<max(0, model.options.serviceEngines) {
            var name = "Avi-se-" + rng.letters(5)
            while usedNames.contains(name) { name = "Avi-se-" + rng.letters(5) }
            usedNames.insert(name)
            let mac = "005056" + rng.hex(6)
            let uuid = "se-" + mac
            let inEdgeCloud = i % 6 == 5 && clouds.count > 1 && groups.count > 1
            let cloud = inEdgeCloud ? clouds[1] : mainCloud
            let group = inEdgeCloud ? groups[1] : mainGroup
            let ip = "10.10.\(6 + i / 200).\(10 + i % 200)"
            let createdDaysAgo = Double(rng.int(3...300))
            let lastModified = model.seededLastModified(epoch.addingTimeInterval(-createdDaysAgo * SeedData.day))
            let macPretty = stride(from: 0, to: 12, by: 2).map { offset -> String in
                let start = mac.index(mac.startIndex, offsetBy: offset)
                return String(mac[start..<mac.index(start, offsetBy: 2)])
            }.joined(separator: ":")
            model.store.put("serviceengine", .obj([
                "url": .string(Ref.path("serviceengine", uuid)), "uuid": .string(uuid), "name": .string(name),
                "tenant_ref": .string(model.tenantAdminRef), "_last_modified": .string(lastModified),
                "cloud_ref": cloud["url"] ?? .null, "se_group_ref": group["url"] ?? .null,
                "enable_state": .string("SE_STATE_ENABLED"), "controller_created": .bool(!inEdgeCloud),
                "controller_ip": .string(leaderIP), "container_mode": .bool(false),
                "hypervisor": .string(inEdgeCloud ? "DEFAULT" : "VMWARE_ESX"),
                "resources": .obj(["num_vcpus": .num(2), "memory": .num(4096), "disk": .num(25)]),
                "mgmt_vnic": .obj([
                    "mac_address": .string(macPretty), "is_mgmt": .bool(true),
                    "network_name": .string("mgmt-pg"),
                    "vnic_networks": .array([.obj([
                        "mode": .string(inEdgeCloud ? "STATIC" : "DHCP"), "ctlr_alloc": .bool(false),
                        "ip": .obj(["ip_addr": .obj(["type": .string("V4"), "addr": .string(ip)]), "mask": .num(24)]),
                    ])]),
                ]),
                "data_vnics": .array([]),
                "vs_refs": .array([]),
            ]))

            // Health: most up; every 10th down and disconnected; every 12th powered off.
            let down = i % 10 == 3
            let poweredOff = i % 12 == 7
            let upgrading = i % 23 == 11
            let connected = !(down || poweredOff)
            let since = epoch.addingTimeInterval(-Double(rng.int(1...(Int(createdDaysAgo) * 24))) * 3600)
            let state = poweredOff || down ? "OPER_DOWN" : (upgrading ? "OPER_UPGRADING" : "OPER_UP")
            model.seRuntime[uuid] = runtime(
                persona: persona, state: state, connected: connected, poweredOff: poweredOff,
                upgrading: upgrading, since: since, epoch: epoch, rng: &rng
            )

            // Tunnel: failed authentication for a few, none for powered-off SEs.
            let status: String
            if poweredOff {
                status = "SECURE_CHANNEL_NONE"
            } else if down {
                status = i % 20 == 3 ? "SECURE_CHANNEL_AUTH_SSH_FAILED" : "SECURE_CHANNEL_AUTH_TOKEN_FAILED"
            } else if i % 17 == 8 {
                status = "SECURE_CHANNEL_AUTH_ERRORS"
            } else {
                status = persona.usesLegacyLoopbackIPs ? "SECURE_CHANNEL_AUTH_SSH_SUCCESS" : "SECURE_CHANNEL_AUTH_TOKEN_SUCCESS"
            }
            let local = persona.usesLegacyLoopbackIPs
                ? "127.1.\(1 + i / 250).\(2 + i % 250)"
                : "100.65.\(i / 250).\(2 + i % 250)"
            model.store.put("securechannelmapping", mapping(
                uuid: uuid, ip: ip, localIP: local, isController: false, status: status, rng: &rng,
                lastModified: lastModified
            ))
        }
    }

    static func runtime(
        persona: Persona, state: String, connected: Bool, poweredOff: Bool, upgrading: Bool,
        since: Date, epoch: Date, rng: inout SplitMix64
    ) -> JSON {
        let secs = Int64(since.timeIntervalSince1970)
        var operStatus: [JSON.Member] = [.init(key: "state", value: .string(state))]
        if state == "OPER_DOWN" {
            operStatus.append(.init(key: "reason", value: .array([.string(poweredOff ? "SE powered off" : "SE heartbeat failure")])))
        }
        operStatus.append(.init(key: "last_changed_time", value: .obj(["secs": .int(secs), "usecs": .num(rng.int(0..<1_000_000))])))
        let lastHB = connected ? epoch.addingTimeInterval(-Double(rng.int(1...9))) : since
        var members: [JSON.Member] = [
            .init(key: "oper_status", value: .object(operStatus)),
            .init(key: "se_connected", value: .bool(connected)),
            .init(key: "power_state", value: .string(poweredOff ? "SE_POWER_OFF" : "SE_POWER_ON")),
            .init(key: "version", value: .string(upgrading ? "22.1.6(9191) 2024-01-10 04:11:55 UTC" : persona.longVersion)),
            .init(key: "at_curr_ver", value: .bool(!upgrading)),
            .init(key: "migrate_state", value: .string("SE_MIGRATE_STATE_IDLE")),
        ]
        if connected {
            members.append(.init(key: "online_since", value: .string(TimeFormat.spaced(since))))
        }
        members.append(contentsOf: [
            .init(key: "hb_status", value: .obj([
                "last_hb_req_sent": .string(TimeFormat.spaced(lastHB)),
                "last_hb_resp_recv": .string(TimeFormat.spaced(connected ? lastHB : since)),
                "num_hb_misses": .num(connected ? 0 : rng.int(6...40)),
                "num_outstanding_hb": .num(connected ? 0 : 3),
            ])),
            .init(key: "gateway_up", value: .bool(connected)),
            .init(key: "inband_mgmt", value: .bool(false)),
            .init(key: "vinfra_discovered", value: .bool(true)),
            .init(key: "sufficient_memory", value: .bool(true)),
            .init(key: "license_state", value: .string(connected ? "LICENSE_STATE_LICENSED" : "LICENSE_STATE_UNDETERMINED")),
            .init(key: "licensed_service_cores", value: .double(connected ? 1.0 : 0.0)),
        ])
        return .object(members)
    }

    static func mapping(
        uuid: String, ip: String, localIP: String, isController: Bool, status: String,
        rng: inout SplitMix64, lastModified: String
    ) -> JSON {
        // Realistic-looking (but not meaningful) key material: an RSA SPKI prefix then seeded bytes.
        let spkiPrefix: [UInt8] = [0x30, 0x82, 0x01, 0x22, 0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7,
                                   0x0D, 0x01, 0x01, 0x01, 0x05, 0x00, 0x03, 0x82, 0x01, 0x0F, 0x00]
        let body = Data(spkiPrefix + rng.bytes(270)).base64EncodedString()
        var lines: [String] = []
        var rest = Substring(body)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        let sshKey = "ssh-rsa " + Data([0, 0, 0, 7] + Array("ssh-rsa".utf8) + rng.bytes(260)).base64EncodedString()
        var members: [JSON.Member] = [
            .init(key: "url", value: .string(Ref.path("securechannelmapping", uuid))),
            .init(key: "uuid", value: .string(uuid)),
            .init(key: "name", value: .string(uuid)),
            .init(key: "_last_modified", value: .string(lastModified)),
            .init(key: "ip", value: .string(ip)),
            .init(key: "local_ip", value: .string(localIP)),
            .init(key: "is_controller", value: .bool(isController)),
            .init(key: "marked_for_delete", value: .bool(false)),
            .init(key: "status", value: .string(status)),
            .init(key: "pub_key", value: .string(sshKey)),
            .init(key: "pub_key_pem", value: .string("-----BEGIN PUBLIC KEY-----\n" + lines.joined(separator: "\n") + "\n-----END PUBLIC KEY-----\n")),
        ]
        if !isController {
            members.append(.init(key: "auth_token", value: .string(rng.hex(32))))
        }
        members.append(.init(key: "metadata", value: .array([])))
        return .object(members)
    }
}
