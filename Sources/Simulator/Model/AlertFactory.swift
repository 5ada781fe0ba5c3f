import Foundation

/// Seeded alerts, plus new ones over time and on demand.
enum AlertFactory {
    static let configs = [
        "System-SSL-Alert", "System-SE-Alert", "System-Controller-Alert", "Syslog-Config-Events",
        "System-Secure-Channel-Alert",
    ]

    static func populate(_ model: ControllerModel, rng: inout SplitMix64) {
        for name in configs {
            let uuid = "alertconfig-" + rng.uuid4()
            model.store.put("alertconfig", .obj([
                "url": .string(Ref.path("alertconfig", uuid)), "uuid": .string(uuid), "name": .string(name),
                "tenant_ref": .string(model.tenantAdminRef),
                "_last_modified": .string(model.seededLastModified(model.dataEpoch.addingTimeInterval(-400 * SeedData.day))),
                "enabled": .bool(true), "category": .string("REALTIME"),
            ]))
        }
        let count = max(0, model.options.alerts)
        let pools = Pools(model)
        // Random gaps, laid out backwards from a minute ago, so no seeded alert lies in the future.
        let gaps = (0..<count).map { _ in Double(rng.int(15...75)) }
        var time = model.dataEpoch.addingTimeInterval(-60 - gaps.reduce(0, +))
        for gap in gaps {
            time = time.addingTimeInterval(gap)
            append(generated(model, at: time, pools: pools, rng: &rng), to: model)
        }
    }

    /// What alerts are about, computed once per batch (10,000 seeded alerts).
    struct Pools {
        let expiringCerts: [String]
        let ses: [JSON]
        let disconnectedSEs: [JSON]
        let virtualServices: [JSON]

        init(_ model: ControllerModel) {
            let soon = model.certSpecs.filter { $0.value.notAfter.timeIntervalSince(model.dataEpoch) < 30 * 86400 }.keys.sorted()
            expiringCerts = soon.isEmpty ? model.store.uuids("sslkeyandcertificate") : soon
            ses = model.store.all("serviceengine")
            disconnectedSEs = ses.filter { model.seRuntime[$0["uuid"]?.stringValue ?? ""]?["se_connected"]?.boolValue == false }
            virtualServices = model.store.all("virtualservice")
        }
    }

    /// One more alert from the runtime stream (used by the alert interval).
    static func appendGenerated(to model: ControllerModel, at time: Date) {
        var rng = model.alertRNG
        let alert = generated(model, at: time, pools: Pools(model), rng: &rng)
        model.alertRNG = rng
        append(alert, to: model)
    }

    static func append(_ alert: JSON, to model: ControllerModel) {
        model.store.put("alert", alert)
        model.alertSerial += 1
    }

    /// An explicit alert (tests, `addAlert`).
    static func custom(_ model: ControllerModel, level: String, summary: String, objectName: String, at time: Date) -> JSON {
        var rng = model.alertRNG
        let objectUUID = lookupUUID(model, name: objectName) ?? "unknown-" + rng.hex(8)
        let alert = make(
            model, rng: &rng, config: "Syslog-Config-Events", level: level, summary: summary,
            objectUUID: objectUUID, objectName: objectName, eventID: "USER_DEFINED", module: "CONFIG",
            objType: objectType(model, uuid: objectUUID), details: nil, time: time
        )
        model.alertRNG = rng
        return alert
    }

    static func lookupUUID(_ model: ControllerModel, name: String) -> String? {
        for type in ["serviceengine", "sslkeyandcertificate", "virtualservice", "cloud"] {
            if let uuid = model.store.uuid(type, named: name) { return uuid }
        }
        return nil
    }

    static func objectType(_ model: ControllerModel, uuid: String) -> String {
        if uuid.hasPrefix("se-") { return "SERVICEENGINE" }
        if uuid.hasPrefix("sslkeyandcertificate-") { return "SSLKEYANDCERTIFICATE" }
        if uuid.hasPrefix("virtualservice-") { return "VIRTUALSERVICE" }
        if uuid.hasPrefix("cloud-") { return "CLOUD" }
        return "SYSTEMCONFIGURATION"
    }

    static func generated(_ model: ControllerModel, at time: Date, pools: Pools, rng: inout SplitMix64) -> JSON {
        let roll = rng.int(0..<100)
        let ses = pools.ses
        if roll < 25 {
            // Certificates that expire soonest make the most alerts.
            let pool = pools.expiringCerts
            if let uuid = pool.isEmpty ? nil : rng.pick(pool), let spec = model.certSpecs[uuid] {
                let name = model.store.name("sslkeyandcertificate", uuid) ?? uuid
                let days = Int((spec.notAfter.timeIntervalSince(time) / 86400).rounded(.down))
                let level = days < 0 ? "ALERT_HIGH" : (days <= 7 ? "ALERT_MEDIUM" : "ALERT_LOW")
                let summary = days < 0 ? "SSL certificate \(name) has expired" : "SSL certificate \(name) will expire in \(days) days"
                return make(model, rng: &rng, config: "System-SSL-Alert", level: level, summary: summary,
                            objectUUID: uuid, objectName: name, eventID: "SSL_CERT_EXPIRE", module: "SEC_MGR",
                            objType: "SSLKEYANDCERTIFICATE",
                            details: .obj(["ssl_expire_details": .obj(["name": .string(name), "days_left": .num(days)])]),
                            time: time)
            }
        }
        if roll < 55, !ses.isEmpty {
            let down = pools.disconnectedSEs
            let se = rng.pick(down.isEmpty ? ses : down)
            let uuid = se["uuid"]?.stringValue ?? ""
            let name = se["name"]?.stringValue ?? uuid
            let heartbeat = rng.chance(0.5)
            return make(model, rng: &rng, config: "System-SE-Alert", level: "ALERT_HIGH",
                        summary: heartbeat ? "Service Engine \(name) heartbeat failure" : "Service Engine \(name) is down",
                        objectUUID: uuid, objectName: name, eventID: heartbeat ? "SE_HEARTBEAT_FAILURE" : "SE_DOWN",
                        module: "SEMGR", objType: "SERVICEENGINE",
                        details: .obj(["se_details": .obj(["name": .string(name), "reason": .string("SE heartbeat failure")])]),
                        time: time)
        }
        if roll < 65 {
            let node = rng.pick(model.cluster.nodes)
            return make(model, rng: &rng, config: "System-Controller-Alert", level: "ALERT_LOW",
                        summary: "Controller node \(node.ip) started", objectUUID: model.cluster.uuid,
                        objectName: model.cluster.name, eventID: "CONTROLLER_NODE_STARTED", module: "CLUSTERMGR",
                        objType: "CLUSTER",
                        details: .obj(["cluster_node_started_details": .obj(["ip": .string(node.ip), "node_name": .string(node.ip)])]),
                        time: time)
        }
        if roll < 75, !ses.isEmpty {
            let se = rng.pick(ses)
            let uuid = se["uuid"]?.stringValue ?? ""
            let name = se["name"]?.stringValue ?? uuid
            let ip = se.value(at: ["mgmt_vnic", "vnic_networks"])?.arrayValue?.first?.value(at: ["ip", "ip_addr", "addr"])?.stringValue ?? ""
            return make(model, rng: &rng, config: "System-Secure-Channel-Alert", level: "ALERT_MEDIUM",
                        summary: "Secure key exchange with Service Engine \(name) failed", objectUUID: uuid,
                        objectName: name, eventID: "SE_SECURE_KEY_EXCHANGE", module: "SEC_MGR", objType: "SERVICEENGINE",
                        details: .obj(["secure_key_exchange_info": .obj([
                            "name": .string(name), "uuid": .string(uuid), "se_ip": .string(ip),
                            "leader_ip": .string(model.cluster.nodes[model.cluster.leader].ip),
                            "status": .string("SYSERR_SE_SECURE_KEY_EXCHANGE_FAILED"),
                            "error": .string("Token authentication failed"),
                        ])]),
                        time: time)
        }
        let vss = pools.virtualServices
        let vs = vss.isEmpty ? nil : rng.pick(vss)
        let vsName = vs?["name"]?.stringValue ?? "systemconfiguration"
        return make(model, rng: &rng, config: "Syslog-Config-Events", level: "ALERT_LOW",
                    summary: "Configuration of \(vsName) updated by \(model.options.username)",
                    objectUUID: vs?["uuid"]?.stringValue ?? "default", objectName: vsName, eventID: "CONFIG_UPDATE",
                    module: "CONFIG", objType: vs == nil ? "SYSTEMCONFIGURATION" : "VIRTUALSERVICE", details: nil, time: time)
    }

    static func make(
        _ model: ControllerModel, rng: inout SplitMix64, config: String, level: String, summary: String,
        objectUUID: String, objectName: String, eventID: String, module: String, objType: String,
        details: JSON?, time: Date
    ) -> JSON {
        let uuid = "alert-" + rng.uuid4()
        let configRef = model.ref("alertconfig", named: config) ?? Ref.path("alertconfig", "alertconfig-unknown")
        let seconds = (time.timeIntervalSince1970 * 1000).rounded() / 1000
        var event: [JSON.Member] = [
            .init(key: "event_id", value: .string(eventID)),
            .init(key: "module", value: .string(module)),
            .init(key: "internal", value: .string("EVENT_EXTERNAL")),
            .init(key: "context", value: .string("EVENT_CONTEXT_SYSTEM")),
            .init(key: "obj_type", value: .string(objType)),
            .init(key: "obj_uuid", value: .string(objectUUID)),
            .init(key: "obj_name", value: .string(objectName)),
            .init(key: "report_timestamp", value: .int(Int64(seconds * 1_000_000))),
            .init(key: "tenant", value: .string("admin")),
        ]
        if let details { event.append(.init(key: "event_details", value: details)) }
        event.append(.init(key: "details_summary", value: .string(summary)))
        let shortID = String(uuid.prefix(14))
        return .obj([
            "url": .string(Ref.path("alert", uuid)), "uuid": .string(uuid), "name": .string("\(config)-\(shortID)"),
            "tenant_ref": .string(model.tenantAdminRef), "_last_modified": .string(model.seededLastModified(time)),
            "alert_config_ref": .string(configRef), "level": .string(level), "state": .string("ALERT_STATE_ON"),
            "summary": .string(summary), "reason": .string("threshold_exceeded"), "description": .string(config),
            "obj_uuid": .string(objectUUID), "obj_key": .string(objectUUID), "obj_name": .string(objectName),
            "timestamp": .double(seconds), "threshold": .num(1), "throttle_count": .num(0),
            "related_uuids": .array([.string(objectUUID)]), "events": .array([.object(event)]),
        ])
    }
}
