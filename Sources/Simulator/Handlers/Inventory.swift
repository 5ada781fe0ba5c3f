import Foundation

/// `/api/serviceengine-inventory`: config, runtime, health score and alert
/// level per SE, in the pre-22.1 or 22.1+ shape depending on the API version.
enum Inventory {
    static func serviceEngines(parts: [String], context: RequestContext, model: ControllerModel) -> SimResponse {
        let legacy = context.version < APIVersion(parts: [22, 1, 1])
        var alertCounts: [String: Int] = [:]
        for alert in model.store.all("alert") {
            if let uuid = alert["obj_uuid"]?.stringValue { alertCounts[uuid, default: 0] += 1 }
        }
        var items: [JSON] = []
        for se in model.store.all("serviceengine") {
            guard let uuid = se["uuid"]?.stringValue else { continue }
            if parts.count == 2, parts[1] != uuid { continue }
            items.append(item(se, uuid: uuid, legacy: legacy, version: context.version, alerts: alertCounts[uuid] ?? 0, model: model))
        }
        if parts.count == 2 {
            guard let only = items.first else { return .error(404, "Object \(parts[1]) not found") }
            return .json(200, context.renderer(model).render(type: "serviceengine-inventory", only))
        }
        return Collections.list(type: "serviceengine-inventory", objects: items, request: context.request, model: model,
                                renderer: context.renderer(model), origin: context.origin, nameKeyPath: ["config", "name"])
    }

    static func item(_ se: JSON, uuid: String, legacy: Bool, version: APIVersion, alerts alertCount: Int, model: ControllerModel) -> JSON {
        let runtime = FieldVersions.apply(type: "serviceengine.runtime", version: version, to: model.seRuntime[uuid] ?? .object([]))
        let connected = runtime["se_connected"]?.boolValue ?? false
        let score = connected ? 85 + Int(stableHash(uuid) % 16) : 0
        let ip = se.value(at: ["mgmt_vnic", "vnic_networks"])?.arrayValue?.first?.value(at: ["ip", "ip_addr"]) ?? .null
        var config: [JSON.Member] = [
            .init(key: "uuid", value: .string(uuid)),
            .init(key: "name", value: se["name"] ?? .null),
            .init(key: "url", value: se["url"] ?? .null),
            .init(key: "tenant_ref", value: se["tenant_ref"] ?? .null),
            .init(key: "cloud_ref", value: se["cloud_ref"] ?? .null),
            .init(key: "se_group_ref", value: se["se_group_ref"] ?? .null),
            .init(key: "enable_state", value: se["enable_state"] ?? .null),
            .init(key: "mgmt_ip_address", value: ip),
        ]
        config.append(.init(key: legacy ? "virtualservice_refs" : "vs_refs", value: se["vs_refs"] ?? .array([])))
        let healthScore: JSON
        let alert: JSON
        if legacy {
            healthScore = .obj([
                "health_score": .num(score), "performance_score": .num(score), "resources_penalty": .num(0),
                "anomaly_penalty": .num(0), "security_penalty": .num(0),
            ])
            alert = .obj(["high": .num(connected ? 0 : alertCount), "medium": .num(0), "low": .num(connected ? alertCount : 0)])
        } else {
            healthScore = .obj([
                "health_score": .double(Double(score)), "anomaly_penalty": .num(0), "resources_penalty": .num(0),
                "security_penalty": .num(0), "performance_score": .obj(["value": .double(Double(score))]),
            ])
            alert = .obj(["level": .string(connected ? "ALERT_LOW" : "ALERT_HIGH")])
        }
        return .obj([
            "uuid": .string(uuid),
            "url": .string(Ref.path("serviceengine-inventory", uuid)),
            "config": .object(config),
            "runtime": runtime,
            "health_score": healthScore,
            "alert": alert,
        ])
    }

    /// FNV-1a: stable across runs, unlike `Hasher`.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return hash
    }
}
