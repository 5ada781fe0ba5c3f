import Foundation

/// State changes that tests trigger through `ControllerSimulator`.
extension ControllerModel {
    func failover(downFor: TimeInterval, real: Date) {
        sessions.removeAll()
        if downFor > 0 {
            faults.downUntil = real.addingTimeInterval(downFor)
            faults.failoverPending = true
        } else {
            faults.failoverPending = false
            cluster.failover(now: simNow(real: real))
            refreshClusterObjects()
        }
    }

    func setNodeState(index: Int, state: String, real: Date) {
        cluster.setState(index: index, state: state, now: simNow(real: real))
    }

    func makeClusterSingleNode() {
        let removed = cluster.nodes.enumerated().filter { $0.offset != cluster.leader }.map(\.element.ip)
        cluster.makeSingleNode()
        for ip in removed { store.remove("securechannelmapping", nodeMappingUUID(ip)) }
        refreshClusterObjects()
    }

    func removeAllServiceEngines() {
        for uuid in store.uuids("serviceengine") {
            store.remove("securechannelmapping", uuid)
            reauth[uuid] = nil
        }
        store.removeAll("serviceengine")
        seRuntime.removeAll()
    }

    func setClouds(noAccessOnly: Bool) {
        for uuid in store.uuids("cloud") {
            guard var cloud = store.get("cloud", uuid) else { continue }
            for key in ["vcenter_configuration", "openstack_configuration"] where cloud[key] != nil {
                cloud.set(path: [key, "privilege"], to: .string(noAccessOnly ? "NO_ACCESS" : "WRITE_ACCESS"))
            }
            if noAccessOnly, cloud["vtype"]?.stringValue != "CLOUD_NONE",
               cloud["vcenter_configuration"] == nil, cloud["openstack_configuration"] == nil {
                cloud["vtype"] = .string("CLOUD_NONE")
            }
            cloud["_last_modified"] = .string(nextLastModified())
            store.put("cloud", cloud)
        }
    }

    /// Finds a mapping by its name (the SE/node uuid), the SE's name, or a node IP.
    func setMappingStatus(name: String, status: String) {
        var uuid: String?
        if store.get("securechannelmapping", name) != nil {
            uuid = name
        } else if let seUUID = store.uuid("serviceengine", named: name) {
            uuid = seUUID
        } else if store.get("securechannelmapping", nodeMappingUUID(name)) != nil {
            uuid = nodeMappingUUID(name)
        }
        guard let uuid, var mapping = store.get("securechannelmapping", uuid) else { return }
        reauth[uuid] = nil
        mapping["status"] = .string(status)
        mapping["_last_modified"] = .string(nextLastModified())
        store.put("securechannelmapping", mapping)
    }

    /// Regenerates the certificate with a new expiry (new PEM and fields).
    func setCertificateNotAfter(name: String, date: Date) {
        guard let uuid = store.uuid("sslkeyandcertificate", named: name), var spec = certSpecs[uuid],
              var object = store.get("sslkeyandcertificate", uuid) else { return }
        spec.notAfter = date
        if spec.notBefore >= date { spec.notBefore = date.addingTimeInterval(-365 * 86400) }
        certSpecs[uuid] = spec
        var certificate = CertificateJSON.certificateObject(
            subject: spec.subject, issuer: spec.issuer, notBefore: spec.notBefore, notAfter: spec.notAfter,
            sans: spec.subjectAltNames, serial: spec.serialDecimal,
            signatureAlgorithm: spec.issuerKeyKind.signatureAlgorithmName, selfSigned: spec.selfSigned, now: simNow()
        )
        if let days = object.value(at: ["certificate", "days_until_expire"]) { certificate["days_until_expire"] = days }
        object["certificate"] = certificate
        object["_last_modified"] = .string(nextLastModified())
        store.put("sslkeyandcertificate", object)
        pendingMaterial.insert(uuid)
        ensureCertificateMaterial([uuid])
    }

    func addAlert(level: String, summary: String, objectName: String) {
        AlertFactory.append(AlertFactory.custom(self, level: level, summary: summary, objectName: objectName, at: simNow()), to: self)
    }
}
