import Foundation

/// Virtual services, some of which use the generated certificates.
enum VirtualServiceSeed {
    static func populate(_ model: ControllerModel, rng: inout SplitMix64) {
        let epoch = model.dataEpoch
        let vsCerts = model.store.all("sslkeyandcertificate").filter {
            $0["type"]?.stringValue == "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE"
        }
        let generated = vsCerts.filter { !($0["name"]?.stringValue ?? "").hasPrefix("System-Default-") }
        let defaults = vsCerts.filter { ($0["name"]?.stringValue ?? "").hasPrefix("System-Default-") }
        guard let cloud = model.store.all("cloud").first, let group = model.store.all("serviceenginegroup").first else { return }
        let tenants = model.store.all("tenant")
        let ses = model.store.uuids("serviceengine").filter {
            model.seRuntime[$0]?["oper_status"]?["state"]?.stringValue == "OPER_UP"
        }
        let count = min(100, max(3, model.options.certificates / 4))
        for i in 0..<count {
            let uuid = "virtualservice-" + rng.uuid4()
            let word = rng.pick(CertificateSeed.words)
            let name = "vs-\(word)-\(i + 1)"
            var certRefs: [JSON] = []
            if !generated.isEmpty {
                certRefs.append(generated[(i * 7) % generated.count]["url"] ?? .null)
                if i % 4 == 0, generated.count > 1 {
                    certRefs.append(generated[(i * 7 + 3) % generated.count]["url"] ?? .null)
                }
            } else if let fallback = defaults.first {
                certRefs.append(fallback["url"] ?? .null)
            }
            if i % 9 == 4, let fallback = defaults.last { certRefs = [fallback["url"] ?? .null] }
            let tenantRef = i % 8 == 7 && tenants.count > 1 ? (tenants[1]["url"] ?? .null) : .string(model.tenantAdminRef)
            let vip = "10.20.\(i / 200).\(10 + i % 200)"
            model.store.put("virtualservice", .obj([
                "url": .string(Ref.path("virtualservice", uuid)), "uuid": .string(uuid), "name": .string(name),
                "tenant_ref": tenantRef,
                "_last_modified": .string(model.seededLastModified(epoch.addingTimeInterval(-Double(rng.int(1...200)) * SeedData.day))),
                "cloud_ref": cloud["url"] ?? .null, "se_group_ref": group["url"] ?? .null,
                "enabled": .bool(true), "traffic_enabled": .bool(true), "type": .string("VS_TYPE_NORMAL"),
                "services": .array([
                    .obj(["port": .num(443), "enable_ssl": .bool(true)]),
                    .obj(["port": .num(80), "enable_ssl": .bool(false)]),
                ]),
                "vip": .array([.obj(["vip_id": .string("0"), "ip_address": .obj(["type": .string("V4"), "addr": .string(vip)])])]),
                "ssl_key_and_certificate_refs": .array(certRefs),
            ]))
            let up = !ses.isEmpty && i % 11 != 6
            model.vsRuntime[uuid] = .obj([
                "oper_status": .obj([
                    "state": .string(up ? "OPER_UP" : "OPER_DOWN"),
                    "last_changed_time": .obj(["secs": .int(Int64(epoch.timeIntervalSince1970) - Int64(rng.int(60...900_000))), "usecs": .num(0)]),
                ]),
                "percent_ses_up": .num(up ? 100 : 0),
            ])
            // Place the VS on one or two SEs that are up.
            if !ses.isEmpty {
                for seUUID in [ses[i % ses.count], ses[(i + 1) % ses.count]].prefix(i % 3 == 0 ? 2 : 1) {
                    guard var se = model.store.get("serviceengine", seUUID) else { continue }
                    var refs = se["vs_refs"]?.arrayValue ?? []
                    refs.append(.string(Ref.path("virtualservice", uuid)))
                    se["vs_refs"] = .array(refs)
                    model.store.put("serviceengine", se)
                }
            }
        }
    }
}
